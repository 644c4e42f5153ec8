// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

func TestAccAgentActionsDataSource(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	actions := agentsConfig + `
resource "highlevel_agent_action" "book" {
  agent_id = highlevel_agent.test.id
  type     = "appointmentBooking"
  name     = "Book"
  appointment_booking = {
    calendar_id         = "cal-1"
    only_send_link      = true
    trigger_workflow    = false
    sleep_after_booking = false
    transfer_bot        = false
  }
}

resource "highlevel_agent_action" "follow" {
  agent_id = highlevel_agent.test.id
  type     = "advancedFollowup"
  name     = "Follow up"
  advanced_followup = {
    enabled           = true
    scenario_id       = "contactStoppedReplying"
    followup_sequence = [{ id = 1, followup_time = 3, followup_time_unit = "days" }]
    followup_settings = { timezone_to_use = "contact" }
  }
  depends_on = [highlevel_agent_action.book]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The data sources wait for the actions, so one apply creates and reads them.
				Config: env.Config(actions + `
data "highlevel_agent_actions" "all" {
  agent_id   = highlevel_agent.test.id
  depends_on = [highlevel_agent_action.book, highlevel_agent_action.follow]
}

data "highlevel_agent_actions" "followups" {
  agent_id   = highlevel_agent.test.id
  type       = "advancedFollowup"
  depends_on = [highlevel_agent_action.book, highlevel_agent_action.follow]
}

data "highlevel_agent_actions" "none" {
  agent_id   = highlevel_agent.other.id
  depends_on = [highlevel_agent_action.book, highlevel_agent_action.follow]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.all", tfjsonpath.New("actions").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("appointmentBooking")),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.all", tfjsonpath.New("actions").AtSliceIndex(0).AtMapKey("appointment_booking").AtMapKey("calendar_id"), knownvalue.StringExact("cal-1")),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.all", tfjsonpath.New("actions").AtSliceIndex(0).AtMapKey("stop_bot"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.followups", tfjsonpath.New("actions"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.followups",
						tfjsonpath.New("actions").AtSliceIndex(0).AtMapKey("advanced_followup").AtMapKey("followup_settings").AtMapKey("timezone_to_use"), knownvalue.StringExact("contact")),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.followups",
						tfjsonpath.New("actions").AtSliceIndex(0).AtMapKey("advanced_followup").AtMapKey("followup_sequence").AtSliceIndex(0).AtMapKey("ai_enabled_message"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.none", tfjsonpath.New("actions"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.highlevel_agent_actions.none", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.highlevel_agent_actions.all", "ids.0", "highlevel_agent_action.book", "id"),
					resource.TestCheckResourceAttrPair("data.highlevel_agent_actions.all", "ids.1", "highlevel_agent_action.follow", "id"),
				),
			},
		},
	})
}
