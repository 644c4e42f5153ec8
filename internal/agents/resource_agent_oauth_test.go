// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"context"
	"fmt"
	"testing"

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

// TestAccAgent_agencyOAuth manages agents in two client locations from one provider that only
// has the agency OAuth token, then moves one agent to the other location (a replacement).
func TestAccAgent_agencyOAuth(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 2})
	b := env.Bootstrap
	locA, locB := b.Locations[0], b.Locations[1]
	config := func(locationOfSecond string) string {
		return fmt.Sprintf(`
provider "highlevel" {
  base_url = %q
  oauth {
    access_token = %q
    company_id   = %q
  }
}

resource "highlevel_agent" "a" {
  location_id  = %q
  name         = "client A"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}

resource "highlevel_agent" "b" {
  location_id  = %q
  name         = "client B"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, b.BaseURL, b.AgencyToken, b.CompanyID, locA.ID, locationOfSecond)
	}
	var firstB string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			for _, loc := range b.Locations {
				c, err := client.New(client.Config{BaseURL: b.BaseURL, Token: loc.Token, LocationID: loc.ID})
				if err != nil {
					return err
				}
				items, err := c.ListAgents(context.Background(), loc.ID, "")
				if err != nil {
					return err
				}
				if len(items) != 0 {
					return fmt.Errorf("location %s still has %d agents", loc.ID, len(items))
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config(locB.ID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("highlevel_agent.a", tfjsonpath.New("location_id"), knownvalue.StringExact(locA.ID)),
					statecheck.ExpectKnownValue("highlevel_agent.b", tfjsonpath.New("location_id"), knownvalue.StringExact(locB.ID)),
				},
				Check: func(s *terraform.State) error {
					firstB = s.RootModule().Resources["highlevel_agent.b"].Primary.ID
					// Each agent lives in its own location, seen with that location's own token.
					c, _ := client.New(client.Config{BaseURL: b.BaseURL, Token: locB.Token, LocationID: locB.ID})
					_, err := c.GetAgent(context.Background(), locB.ID, firstB)
					return err
				},
			},
			{
				Config: config(locA.ID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("highlevel_agent.b", plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction("highlevel_agent.a", plancheck.ResourceActionNoop),
					},
				},
				Check: func(s *terraform.State) error {
					if s.RootModule().Resources["highlevel_agent.b"].Primary.ID == firstB {
						return fmt.Errorf("agent b was not replaced")
					}
					return nil
				},
			},
		},
	})
}

// TestAccAgent_refreshCost checks that refreshing N agents costs exactly N GET calls.
func TestAccAgent_refreshCost(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	const n = 5
	config := env.Config(fmt.Sprintf(`
resource "highlevel_agent" "many" {
  count        = %d
  name         = "agent ${count.index}"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`, n))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:    func() { env.ResetCounters(t) },
				RefreshState: true,
				Check: func(*terraform.State) error {
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
