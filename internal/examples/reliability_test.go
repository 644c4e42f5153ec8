// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// agentsWithActions is a configuration of n agents, each with one action.
func agentsWithActions(n int) string {
	return fmt.Sprintf(`
resource "highlevel_agent" "a" {
  count        = %d
  name         = "reliable agent ${count.index}"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

resource "highlevel_agent_action" "stop" {
  count    = %d
  agent_id = highlevel_agent.a[count.index].id
  type     = "stopBot"
  name     = "stop ${count.index}"
  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "the contact says goodbye"
    stop_bot_examples          = ["bye", "thanks, that's all"]
    final_message              = "Goodbye!"
    reactivate_enabled         = false
  }
}
`, n, n)
}

// TestAccReliability_faults applies 60 resources while the emulator answers 10% of all requests
// with 503 and drops 5% of connections (half before and half after processing the request),
// and, whatever the dice say, drops the connection of the first two agent creates and the
// first two action creates after processing them (so that a retried create that already
// happened is exercised on every run, not only on the runs where a random drop hits a
// create). The apply must succeed, and the emulator must hold exactly the configured objects:
// no duplicate from a retried create, no orphan.
func TestAccReliability_faults(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{RateLimitBurst: -1})
	w := newWorkspace(t, env, "HIGHLEVEL_REQUESTS_PER_10S=0")
	const n = 30
	dir := w.copyExample("quickstart", nil) // for its provider block; the resources come next
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(providerBlock+agentsWithActions(n)), 0o600); err != nil {
		t.Fatal(err)
	}
	// The counted rules come first: the first firing rule decides a request's outcome.
	for _, route := range []string{"POST /conversation-ai/agents", "POST /conversation-ai/agents/{agentId}/actions"} {
		env.Control(t, http.MethodPost, "/_emulator/faults", map[string]any{"route": route, "drop_after_processing": true, "count": 2}, nil)
	}
	for _, rule := range []map[string]any{
		{"status": 503, "rate": 0.10},
		{"drop": true, "rate": 0.025},
		{"drop_after_processing": true, "rate": 0.025},
	} {
		env.Control(t, http.MethodPost, "/_emulator/faults", rule, nil)
	}
	env.ResetCounters(t)
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	var faults struct {
		Faults []struct {
			Route string `json:"route"`
			Count int    `json:"count"`
			Fired int    `json:"fired"`
		} `json:"faults"`
	}
	env.Control(t, http.MethodGet, "/_emulator/faults", nil, &faults)
	fired := 0
	for _, f := range faults.Faults {
		fired += f.Fired
		// A counted rule is removed once it has fired its count.
		if f.Count > 0 {
			t.Fatalf("the counted fault on %s fired %d of %d times: the creates did not meet their faults", f.Route, f.Fired, f.Count)
		}
	}
	fired += 2 * 2
	requests := env.TotalRequests(t)
	env.Control(t, http.MethodDelete, "/_emulator/faults", nil, nil)
	if fired == 0 {
		t.Fatal("no fault fired: the test proves nothing")
	}
	t.Logf("%d resources applied through %d injected faults in %d requests", 2*n, fired, requests)

	expectExactly(t, env, w, dir, n)
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

const providerBlock = `
terraform {
  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

provider "highlevel" {}
`

// expectExactly checks through the API that the location holds exactly n agents with one
// action each, all of them held by the state of dir, and nothing else.
func expectExactly(t *testing.T, env *acctest.Env, w *workspace, dir string, n int) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	agents, err := c.ListAgents(ctx, env.LocationID, "")
	if err != nil {
		t.Fatal(err)
	}
	inState := stateIDs(t, w, dir)
	actions := 0
	for _, a := range agents {
		if !inState[a.ID] {
			t.Errorf("agent %s (%s) exists but no resource holds it", a.ID, a.Name)
		}
		list, err := c.ListActions(ctx, env.LocationID, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range list {
			if !inState[act.ID] {
				t.Errorf("action %s of agent %s exists but no resource holds it", act.ID, a.ID)
			}
		}
		actions += len(list)
	}
	if len(agents) != n || actions != n || len(inState) != 2*n {
		t.Fatalf("the emulator holds %d agents and %d actions, the state %d distinct objects; want %d, %d and %d",
			len(agents), actions, len(inState), n, n, 2*n)
	}
}

// stateIDs returns the ids of every resource in dir's state.
func stateIDs(t *testing.T, w *workspace, dir string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, values := range w.stateResources(dir) {
		ids[fmt.Sprint(values["id"])] = true
	}
	return ids
}
