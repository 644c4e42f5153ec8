// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccAgent_createNeverDuplicates makes the emulator lose creates in each way a network can:
// the answer is lost after the agent was stored, the connection drops before the request is
// processed, and a 503 comes back. Every apply must succeed and the location must hold exactly
// the configured agents: a retried create never duplicates one. The last step then checks, on
// the agents created, that a refresh of N agents costs exactly N GETs by id (it was
// TestAccAgent_refreshCost: the same emulator's counters, without a configuration of its own).
func TestAccAgent_createNeverDuplicates(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	config := func(n int) string {
		return env.Config(fmt.Sprintf(`
resource "highlevel_agent" "many" {
  count        = %d
  name         = "twin"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, n))
	}
	fault := func(rule map[string]any) func() {
		return func() {
			// The previous step's agents are identical to the ones this step creates. Lost-create
			// recovery tells them apart by the API's clock and refuses to guess about a twin
			// made within 2 s before the API's last answer (framework.CreateOnce); steps run
			// back to back on a fast machine, so move the emulator's clock past that margin
			// rather than depend on how long a step takes.
			env.Control(t, http.MethodPost, "/_emulator/clock/advance", map[string]any{"seconds": 3}, nil)
			env.Control(t, http.MethodDelete, "/_emulator/faults", nil, nil)
			rule["route"] = "POST /conversation-ai/agents"
			env.Control(t, http.MethodPost, "/_emulator/faults", rule, nil)
		}
	}
	exactly := func(n int) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			items, err := env.Client(t).ListAgents(context.Background(), env.LocationID, "")
			if err != nil {
				return err
			}
			inState := map[string]bool{}
			for _, rs := range s.RootModule().Resources {
				if rs.Type == "highlevel_agent" {
					inState[rs.Primary.ID] = true
				}
			}
			if len(items) != n || len(inState) != n {
				return fmt.Errorf("the location holds %d agents and state %d distinct ones, want %d of each", len(items), len(inState), n)
			}
			for _, it := range items {
				if !inState[it.ID] {
					return fmt.Errorf("agent %s exists but no resource holds it (an orphan)", it.ID)
				}
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: fault(map[string]any{"drop_after_processing": true, "count": 2}), Config: config(3), Check: exactly(3)},
			{PreConfig: fault(map[string]any{"drop": true, "count": 2}), Config: config(6), Check: exactly(6)},
			{PreConfig: fault(map[string]any{"status": 503, "count": 2}), Config: config(9), Check: exactly(9)},
			{
				PreConfig:    func() { env.ResetCounters(t) },
				RefreshState: true,
				Check: func(*terraform.State) error {
					const n = 9
					got := env.Counters(t)
					requests, checks := env.RequestsBesidesLocationChecks(t)
					if got["GET /conversation-ai/agents/{agentId}"] != n || requests != n || checks > 1 {
						return fmt.Errorf("refresh of %d agents made these calls: %v (want %d GETs by id, at most one location check and nothing else)", n, got, n)
					}
					t.Logf("refresh of %d agents: %d API calls", n, env.TotalRequests(t))
					return nil
				},
			},
		},
	})
}
