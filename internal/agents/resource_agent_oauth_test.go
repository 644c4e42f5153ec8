// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// agencyOAuthSteps manage agents in two client locations from one provider that only has the
// agency OAuth token, then move one agent to the other location (a replacement). They run in
// TestAccLocationBinding_tokenOfAnotherLocation, whose emulator has the two locations; before
// is called before the first of them.
func agencyOAuthSteps(b emulator.Bootstrap, before func()) []resource.TestStep {
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
	return []resource.TestStep{
		{
			PreConfig: before,
			Config:    config(locB.ID),
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
	}
}
