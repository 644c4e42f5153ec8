// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccAction_importByIdentity imports with an import block that gives the resource identity
// (location_id, agent_id and id). Resource identity needs Terraform 1.12 or later.
func TestAccAction_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	tc := typeCases[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: env.Config(actionConfig(tc.typ, "identity", tc.full))},
			{ResourceName: actionAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// tenActions is one agent with 10 actions of mixed types, created with count = 10.
const tenActions = `
resource "highlevel_agent" "test" {
  name         = "Busy"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

resource "highlevel_agent" "other" {
  name         = "Other"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

locals {
  types = ["triggerWorkflow", "updateContactField", "appointmentBooking", "stopBot", "humanHandOver", "advancedFollowup", "transferBot"]
}

resource "highlevel_agent_action" "many" {
  count    = 10
  agent_id = highlevel_agent.test.id
  type     = local.types[count.index % 7]
  name     = "action ${count.index}"

  trigger_workflow = count.index % 7 == 0 ? {
    workflow_ids      = ["wf-${count.index}"]
    trigger_condition = "condition ${count.index}"
  } : null
  update_contact_field = count.index % 7 == 1 ? {
    contact_field_id = "field-${count.index}"
    description      = "description ${count.index}"
  } : null
  appointment_booking = count.index % 7 == 2 ? {
    calendar_id         = "cal-${count.index}"
    only_send_link      = true
    trigger_workflow    = false
    sleep_after_booking = false
    transfer_bot        = false
  } : null
  stop_bot = count.index % 7 == 3 ? {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "bye"
    stop_bot_examples          = ["bye", "ciao"]
    final_message              = "Bye"
    reactivate_enabled         = false
  } : null
  human_handover = count.index % 7 == 4 ? {
    enabled            = true
    handover_type      = "failedToResolveIssue"
    trigger_condition  = "stuck"
    final_message      = "A human will help"
    reactivate_enabled = false
  } : null
  advanced_followup = count.index % 7 == 5 ? {
    enabled           = true
    scenario_id       = "contactIsBusy"
    followup_sequence = [{ id = 1, followup_time = 2, followup_time_unit = "hours" }]
  } : null
  transfer_bot = count.index % 7 == 6 ? {
    enabled           = true
    transfer_bot_type = "Default"
    transfer_to_bot   = highlevel_agent.other.id
  } : null
}
`

// TestAccAction_tenInParallel applies 10 actions of mixed types on one agent in one apply, at
// the CLI's default -parallelism=10, against the emulator with its conflict behaviour on: the
// first 4 action writes and 30% of the others are answered 409 Conflict. The provider reaches
// the emulator through a proxy that holds every action write for 50 ms and records how many
// writes to one agent's actions were in flight at once: the per-agent lock must keep that at 1,
// and the conflict retries must make every write succeed.
//
// Its second step checks the cost of a refresh of those 2 agents and 10 actions (it was
// TestAccAction_refreshCost): 10 GETs by id and no list, since the API has a GET by id, so no
// per-agent list cache is involved. The faults only touch writes.
func TestAccAction_tenInParallel(t *testing.T) {
	t.Parallel()
	emu := acctest.Isolated(t, emulator.Options{})
	for _, route := range []string{
		"POST /conversation-ai/agents/{agentId}/actions",
		"DELETE /conversation-ai/agents/{agentId}/actions/{actionId}",
	} {
		// The first 4 writes of each route are refused outright, then 30% of the others.
		emu.Control(t, "POST", "/_emulator/faults", map[string]any{"route": route, "status": 409, "count": 4}, nil)
		emu.Control(t, "POST", "/_emulator/faults", map[string]any{"route": route, "status": 409, "rate": 0.3}, nil)
	}
	proxy := newWriteProxy(t, emu.BaseURL, 50*time.Millisecond)
	env := *emu
	env.BaseURL = proxy.url
	var start time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(checkActionsDestroyed(t, &env), func(*terraform.State) error {
			if n := proxy.maxInFlight(); n != 1 {
				return fmt.Errorf("up to %d writes to one agent's actions were in flight at once (destroy included), want 1", n)
			}
			return nil
		}),
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now() },
			Config:    env.Config(tenActions),
			Check: func(s *terraform.State) error {
				elapsed := time.Since(start)
				agentID, _ := stateAttr(s, "highlevel_agent.test", "id")
				list, err := env.Client(t).ListActions(context.Background(), env.LocationID, agentID)
				if err != nil {
					return err
				}
				if len(list) != 10 {
					return fmt.Errorf("agent has %d actions, want 10", len(list))
				}
				if n := proxy.maxInFlight(); n != 1 {
					return fmt.Errorf("up to %d writes to one agent's actions were in flight at once, want 1", n)
				}
				posts := env.Counters(t)["POST /conversation-ai/agents/{agentId}/actions"]
				if posts < 14 {
					return fmt.Errorf("%d action POSTs, want at least 14 (10 + 4 refused with 409)", posts)
				}
				t.Logf("10 actions, -parallelism=10, first 4 + 30%% of writes answered 409, writes held 50 ms: apply in %s; "+
					"%d action POSTs (10 + %d conflicts retried); %d API calls in all; at most %d write in flight per agent",
					elapsed.Round(time.Millisecond), posts, posts-10, env.TotalRequests(t), proxy.maxInFlight())
				return nil
			},
		}, {
			PreConfig:    func() { env.ResetCounters(t) },
			RefreshState: true,
			Check: func(*terraform.State) error {
				const getAction = "GET /conversation-ai/agents/{agentId}/actions/{actionId}"
				c := env.Counters(t)
				var routes []string
				for r, n := range c {
					routes = append(routes, fmt.Sprintf("%s=%d", r, n))
				}
				sort.Strings(routes)
				t.Logf("refresh of 2 agents and 10 actions: %v", routes)
				if c[getAction] != 10 {
					return fmt.Errorf("refresh made %d action GETs for 10 actions, want 10", c[getAction])
				}
				if n := c["GET /conversation-ai/agents/{agentId}/actions/list"]; n != 0 {
					return fmt.Errorf("refresh listed actions %d times, want 0", n)
				}
				if n, checks := env.RequestsBesidesLocationChecks(t); n != 12 || checks > 1 {
					return fmt.Errorf("refresh made %d API calls and %d location checks, want 12 (2 agents + 10 actions) and at most 1", n, checks)
				}
				return nil
			},
		}},
	})
}

// writeProxy forwards to the emulator and watches writes to agents' actions.
type writeProxy struct {
	url  string
	mu   sync.Mutex
	busy map[string]int // agent id → writes in flight
	max  int
}

func newWriteProxy(t *testing.T, target string, hold time.Duration) *writeProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &writeProxy{busy: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agent, isWrite := actionWriteAgent(r)
		if isWrite {
			p.mu.Lock()
			p.busy[agent]++
			p.max = max(p.max, p.busy[agent])
			p.mu.Unlock()
			time.Sleep(hold)
			defer func() {
				p.mu.Lock()
				p.busy[agent]--
				p.mu.Unlock()
			}()
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.url = srv.URL
	return p
}

func (p *writeProxy) maxInFlight() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.max
}

// actionWriteAgent returns the agent of a write to /conversation-ai/agents/{agentId}/actions…
// or /followup-settings.
func actionWriteAgent(r *http.Request) (string, bool) {
	if r.Method == http.MethodGet {
		return "", false
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) >= 4 && parts[0] == "conversation-ai" && parts[1] == "agents" && (parts[3] == "actions" || parts[3] == "followup-settings") {
		return parts[2], true
	}
	return "", false
}

func TestAccAction_createNeverDuplicates(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	config := func(n int) string {
		return env.Config(fmt.Sprintf(`
resource "highlevel_agent" "test" {
  name         = "Twins"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

resource "highlevel_agent_action" "many" {
  count    = %d
  agent_id = highlevel_agent.test.id
  type     = "triggerWorkflow"
  name     = "twin"
  trigger_workflow = {
    workflow_ids      = ["wf"]
    trigger_condition = "always"
  }
}
`, n))
	}
	fault := func(rule map[string]any) func() {
		return func() {
			env.Control(t, http.MethodDelete, "/_emulator/faults", nil, nil)
			rule["route"] = "POST /conversation-ai/agents/{agentId}/actions"
			env.Control(t, http.MethodPost, "/_emulator/faults", rule, nil)
		}
	}
	exactly := func(n int) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			agentID, _ := stateAttr(s, "highlevel_agent.test", "id")
			list, err := env.Client(t).ListActions(context.Background(), env.LocationID, agentID)
			if err != nil {
				return err
			}
			inState := map[string]bool{}
			for _, rs := range s.RootModule().Resources {
				if rs.Type == "highlevel_agent_action" {
					inState[rs.Primary.ID] = true
				}
			}
			if len(list) != n || len(inState) != n {
				return fmt.Errorf("the agent holds %d actions and state %d distinct ones, want %d of each", len(list), len(inState), n)
			}
			for _, a := range list {
				if !inState[a.ID] {
					return fmt.Errorf("action %s exists but no resource holds it (an orphan)", a.ID)
				}
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkActionsDestroyed(t, env),
		Steps: []resource.TestStep{
			{PreConfig: fault(map[string]any{"drop_after_processing": true, "count": 2}), Config: config(3), Check: exactly(3)},
			{PreConfig: fault(map[string]any{"drop": true, "count": 2}), Config: config(6), Check: exactly(6)},
			{PreConfig: fault(map[string]any{"status": 503, "count": 2}), Config: config(9), Check: exactly(9)},
		},
	})
}
