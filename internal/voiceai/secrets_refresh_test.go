// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// noSecretInPlan fails when any of secrets appears in the plan JSON.
type noSecretInPlan []string

func (n noSecretInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	for _, s := range n {
		if i := strings.Index(string(b), s); i >= 0 {
			resp.Error = fmt.Errorf("the plan JSON contains the secret %q: …%s…", s, string(b)[max(0, i-300):i])
		}
	}
}

// noSecretInState fails when any of secrets appears in the state JSON.
type noSecretInState []string

func (n noSecretInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	for _, s := range n {
		if strings.Contains(string(b), s) {
			resp.Error = fmt.Errorf("the state contains the secret %q", s)
		}
	}
}

// TestAccVoiceAction_secretNeverStoredOrLogged applies a custom action with a write-only
// authentication value and a header value at TF_LOG=TRACE, and requires that the write-only value
// is in no plan, no state and no log line, and the header value in no log line; that the value is
// sent again on every write (PUT replaces the action whole); and that changing only
// authentication_value_wo_version sends it once more.
//
// It is not parallel: the TRACE settings are process environment, read when each test starts.
func TestAccVoiceAction_secretNeverStoredOrLogged(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PROVIDER", "TRACE")
	t.Setenv("TF_LOG_PROVIDER_HIGHLEVEL_CLIENT", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	env := acctest.Isolated(t, emulator.Options{Locations: 1, RateLimitBurst: -1})
	const secret, rotated, header = "wo-secret-7f3a9c", "wo-rotated-0b41e", "header-secret-51d2"
	// The values come from variables, as a real configuration would pass them (a literal in the
	// .tf file would be in the plan's copy of the configuration, and in the test harness's own
	// TRACE lines that print the configuration).
	cfg := func(version int, name string) string {
		return env.Config(fmt.Sprintf(`
variable "auth" {
  type      = string
  ephemeral = true
  sensitive = true
}

variable "header" {
  type      = string
  sensitive = true
}

resource "highlevel_voice_agent" "agent" {
  name = "Orders"
}

resource "highlevel_voice_agent_action" "test" {
  agent_id = highlevel_voice_agent.agent.id
  name     = %q
  custom_action = {
    trigger_prompt                  = "The caller asks about an order"
    trigger_message                 = "Let me look up your order."
    url                             = "https://api.example.com/orders"
    method                          = "POST"
    authentication_required         = true
    authentication_value_wo         = var.auth
    authentication_value_wo_version = %d
    headers                         = [{ key = "X-Shop", value = var.header }]
  }
}
`, name, version))
	}
	secrets := []string{secret, rotated}
	vars := func(v string) config.Variables {
		return config.Variables{"auth": config.StringVariable(v), "header": config.StringVariable(header)}
	}
	puts := func() int { return env.Counters(t)["PUT /voice-ai/actions/{actionId}"] }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config:           cfg(1, "Order lookup"),
				ConfigVariables:  vars(secret),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{noSecretInPlan(secrets)}},
				ConfigStateChecks: []statecheck.StateCheck{
					noSecretInState(secrets),
					statecheck.ExpectKnownValue(actionAddr, tfjsonpath.New("custom_action").AtMapKey("authentication_value_wo"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(actionAddr, tfjsonpath.New("custom_action").AtMapKey("headers").AtSliceIndex(0).AtMapKey("value")),
				},
			},
			// Another change: the PUT resends the secret (the API would refuse it without).
			{
				PreConfig:        func() { env.ResetCounters(t) },
				Config:           cfg(1, "Order status"),
				ConfigVariables:  vars(secret),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{noSecretInPlan(secrets)}},
				Check: func(*terraform.State) error {
					if n := puts(); n != 1 {
						return fmt.Errorf("%d PUTs, want 1", n)
					}
					return nil
				},
			},
			// A new value with the same version plans nothing (write-only values are not compared) …
			{
				Config:          cfg(1, "Order status"),
				ConfigVariables: vars(rotated),
				PlanOnly:        true,
			},
			// … a new version sends it.
			{
				PreConfig:       func() { env.ResetCounters(t) },
				Config:          cfg(2, "Order status"),
				ConfigVariables: vars(rotated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					noSecretInPlan(secrets), acctest.ExpectUpdateOf(actionAddr, "custom_action"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{noSecretInState(secrets)},
				Check: func(*terraform.State) error {
					if n := puts(); n != 1 {
						return fmt.Errorf("%d PUTs, want 1", n)
					}
					return nil
				},
			},
		},
	})
	logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	var text strings.Builder
	for _, f := range logs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
	}
	if !strings.Contains(text.String(), "/voice-ai/actions") || !strings.Contains(text.String(), "authenticationValue") {
		t.Fatalf("the TRACE log (%d files, %d bytes) has no request bodies of the actions route; the test would prove nothing", len(logs), text.Len())
	}
	for _, s := range []string{secret, rotated, header} {
		if i := strings.Index(text.String(), s); i >= 0 {
			t.Errorf("the secret %q appears in the TRACE log: …%s", s, text.String()[max(0, i-400):i])
		}
	}
	t.Logf("TRACE log checked: %d bytes, 3 secrets absent", text.Len())
}

// TestAccVoiceAI_refreshCosts: refreshing N voice agents costs N GETs, and their actions one GET
// each; nothing is listed.
func TestAccVoiceAI_refreshCosts(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 1, RateLimitBurst: -1})
	const agents, actionsEach = 3, 2
	config := env.Config(fmt.Sprintf(`
resource "highlevel_voice_agent" "many" {
  count = %d
  name  = "Agent ${count.index}"
}

resource "highlevel_voice_agent_action" "many" {
  count    = %d
  agent_id = highlevel_voice_agent.many[count.index %% %d].id
  name     = "Text ${count.index}"
  sms = {
    trigger_prompt  = "The caller asks for the address"
    trigger_message = "I'm texting it to you."
    message_body    = "1 Main Street"
  }
}
`, agents, agents*actionsEach, agents))
	voiceCalls := func(got map[string]int) map[string]int {
		out := map[string]int{}
		for k, v := range got {
			if strings.Contains(k, "/voice-ai/") && v > 0 {
				out[k] = v
			}
		}
		return out
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    config,
				Check: func(*terraform.State) error {
					got := voiceCalls(env.Counters(t))
					t.Logf("apply of %d agents and %d actions: %v", agents, agents*actionsEach, got)
					if got["POST /voice-ai/agents"] != agents || got["POST /voice-ai/actions"] != agents*actionsEach {
						return fmt.Errorf("apply made %v, want one POST per object", got)
					}
					return nil
				},
			},
			{
				PreConfig:    func() { env.ResetCounters(t) },
				RefreshState: true,
				Check: func(*terraform.State) error {
					got := voiceCalls(env.Counters(t))
					t.Logf("refresh of %d agents and %d actions: %v", agents, agents*actionsEach, got)
					want := map[string]int{"GET /voice-ai/agents/{agentId}": agents, "GET /voice-ai/actions/{actionId}": agents * actionsEach}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						return fmt.Errorf("refresh made %v, want %v", got, want)
					}
					return nil
				},
			},
		},
	})
}

// TestAccVoiceAgent_moveLocation manages voice agents of two locations with the agency OAuth
// token and moves one to the other location: a replacement.
func TestAccVoiceAgent_moveLocation(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 2, RateLimitBurst: -1})
	b := env.Bootstrap
	locA, locB := b.Locations[0], b.Locations[1]
	config := func(loc string) string {
		return fmt.Sprintf(`
provider "highlevel" {
  base_url = %q
  oauth {
    access_token = %q
    company_id   = %q
  }
}

resource "highlevel_voice_agent" "test" {
  location_id = %q
  name        = "Moving desk"
}
`, b.BaseURL, b.AgencyToken, b.CompanyID, loc)
	}
	var first string
	clientFor := func(loc emulator.BootstrapLocation) *client.Client {
		c, err := client.New(client.Config{BaseURL: b.BaseURL, Token: loc.Token, LocationID: loc.ID})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, loc := range b.Locations {
				items, err := clientFor(loc).ListVoiceAgents(context.Background(), loc.ID, "")
				if err != nil || len(items) != 0 {
					return fmt.Errorf("location %s has %d voice agents (%v)", loc.ID, len(items), err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config(locA.ID), Check: func(s *terraform.State) (err error) { first, err = idOf(s, agentAddr); return err }},
			{
				Config: config(locB.ID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(agentAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if _, err := clientFor(locA).GetVoiceAgent(context.Background(), locA.ID, first); !client.IsNotFound(err) {
						return fmt.Errorf("the agent is still in location A (%v)", err)
					}
					id, _ := idOf(s, agentAddr)
					_, err := clientFor(locB).GetVoiceAgent(context.Background(), locB.ID, id)
					return err
				},
			},
		},
	})
}
