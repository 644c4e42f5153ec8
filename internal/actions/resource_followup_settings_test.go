// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

const settingsAddr = "highlevel_agent_followup_settings.test"

// threeFollowups is highlevel_agent.test with three advancedFollowup actions f[0..2] that do
// not set their follow-up settings inline.
const threeFollowups = agentsConfig + `
resource "highlevel_agent_action" "f" {
  count    = 3
  agent_id = highlevel_agent.test.id
  type     = "advancedFollowup"
  name     = "Follow-up ${count.index}"
  advanced_followup = {
    enabled           = true
    scenario_id       = "contactStoppedReplying"
    followup_sequence = [{ id = 1, followup_time = count.index + 1, followup_time_unit = "days" }]
  }
}
`

func settingsConfig(actionIDs, body string) string {
	return threeFollowups + fmt.Sprintf(`
resource "highlevel_agent_followup_settings" "test" {
  agent_id   = highlevel_agent.test.id
  action_ids = %s
%s
}
`, actionIDs, body)
}

const businessHours = `
  dynamic_channel_switching = false
  follow_up_hours           = true
  timezone_to_use           = "business"
  working_hours = [
    { day_of_the_week = 1, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 17, end_minute = 0 }] },
    { day_of_the_week = 3, intervals = [{ start_hour = 8, start_minute = 30, end_hour = 12, end_minute = 0 }] },
  ]`

// remoteSettings checks the follow-up settings of the actions f[i] through the API.
func remoteSettings(t *testing.T, env *acctest.Env, indexes []int, check func(i int, s *client.FollowupSettings) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, i := range indexes {
			addr := fmt.Sprintf("highlevel_agent_action.f.%d", i)
			agentID, _ := stateAttr(s, addr, "agent_id")
			id, err := stateAttr(s, addr, "id")
			if err != nil {
				return err
			}
			a, err := env.Client(t).GetAction(context.Background(), env.LocationID, agentID, id)
			if err != nil {
				return err
			}
			if err := check(i, a.Details.FollowupSettings); err != nil {
				return fmt.Errorf("%s: %w", addr, err)
			}
		}
		return nil
	}
}

func isBusinessHours(_ int, s *client.FollowupSettings) error {
	if s == nil || len(s.WorkingHours) != 2 {
		return fmt.Errorf("settings %+v, want two working days", s)
	}
	return firstErr(wantEqual("timezoneToUse", s.TimezoneToUse, "business"), wantEqual("dynamicChannelSwitching", s.DynamicChannelSwitching, false),
		wantEqual("followUpHours", s.FollowUpHours, true))
}

// isDefault: never set, or reset to {dynamicChannelSwitching:true, followUpHours:false, workingHours:[]}.
func isDefault(_ int, s *client.FollowupSettings) error {
	if s == nil {
		return nil
	}
	if len(s.WorkingHours) != 0 || s.TimezoneToUse != nil {
		return fmt.Errorf("settings %+v, want the defaults", s)
	}
	return firstErr(wantEqual("dynamicChannelSwitching", s.DynamicChannelSwitching, true), wantEqual("followUpHours", s.FollowUpHours, false))
}

// settingsImportID is the resource's id, optionally prefixed with the location.
func settingsImportID(withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		id, err := stateAttr(s, settingsAddr, "id")
		if withLocation {
			loc, _ := stateAttr(s, settingsAddr, "location_id")
			id = loc + "/" + id
		}
		return id, err
	}
}

// TestAccFollowupSettings_lifecycle: create, import, read-back drift on each setting, update
// (an action leaves the list and gets the defaults back), an action deleted out of band,
// destroy resetting the defaults, each checked through the API, and two resources that list
// the same action rejected at plan time.
func TestAccFollowupSettings_lifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	first := env.Config(settingsConfig("[highlevel_agent_action.f[0].id, highlevel_agent_action.f[1].id]", businessHours))
	var agentID string
	var ids [3]string
	capture := func(s *terraform.State) error {
		agentID, _ = stateAttr(s, "highlevel_agent.test", "id")
		for i := range ids {
			ids[i], _ = stateAttr(s, fmt.Sprintf("highlevel_agent_action.f.%d", i), "id")
		}
		return nil
	}
	patch := func(i int, s client.FollowupSettings) func() {
		return func() {
			if _, err := env.Client(t).UpdateFollowupSettings(context.Background(), env.LocationID, agentID, []string{ids[i]}, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	business := func(mutate func(*client.FollowupSettings)) client.FollowupSettings {
		s := client.FollowupSettings{
			DynamicChannelSwitching: ptr(false), FollowUpHours: ptr(true), TimezoneToUse: ptr("business"),
			WorkingHours: []client.WorkingDay{
				{DayOfTheWeek: 1, Intervals: []client.Interval{{StartHour: 9, EndHour: 17}}},
				{DayOfTheWeek: 3, Intervals: []client.Interval{{StartHour: 8, StartMinute: 30, EndHour: 12}}},
			},
		}
		mutate(&s)
		return s
	}
	driftStep := func(i int, attrs []string, mutate func(*client.FollowupSettings)) resource.TestStep {
		return resource.TestStep{
			PreConfig: patch(i, business(mutate)),
			Config:    first,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectUpdateOf(settingsAddr, attrs...),
				// The actions do not manage their settings inline: no change there.
				plancheck.ExpectResourceAction(fmt.Sprintf("highlevel_agent_action.f[%d]", i), plancheck.ResourceActionNoop),
			}},
			Check: remoteSettings(t, env, []int{0, 1}, isBusinessHours),
		}
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkActionsDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: first,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("working_hours"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue(settingsAddr, tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
				},
				Check: resource.ComposeTestCheckFunc(capture,
					remoteSettings(t, env, []int{0, 1}, isBusinessHours),
					remoteSettings(t, env, []int{2}, isDefault),
					func(s *terraform.State) error {
						got, _ := stateAttr(s, settingsAddr, "id")
						want := []string{ids[0], ids[1]}
						slices.Sort(want)
						if got != agentID+"/"+strings.Join(want, ",") {
							return fmt.Errorf("id %q, want <agent_id>/<sorted action ids>", got)
						}
						return nil
					}),
			},
			{ResourceName: settingsAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: settingsImportID(false)},
			{ResourceName: settingsAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: settingsImportID(true)},
			{ResourceName: settingsAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: settingsImportID(false)},
			// Read-back drift: one of the two actions changed in the UI, two settings at a time
			// (the resource shows the first action that differs, so each step changes one action).
			driftStep(1, []string{"timezone_to_use", "follow_up_hours"}, func(s *client.FollowupSettings) {
				s.TimezoneToUse, s.FollowUpHours = ptr("contact"), ptr(false)
			}),
			driftStep(0, []string{"dynamic_channel_switching", "working_hours"}, func(s *client.FollowupSettings) {
				s.DynamicChannelSwitching, s.WorkingHours = ptr(true), s.WorkingHours[:1]
			}),
			// Update: f[0] leaves the list (reset to the defaults), f[2] joins it.
			{
				Config: env.Config(settingsConfig("[highlevel_agent_action.f[1].id, highlevel_agent_action.f[2].id]", `
  timezone_to_use = "contact"
  working_hours = [
    { day_of_the_week = 0, intervals = [] },
  ]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectUpdateOf(settingsAddr, "action_ids", "dynamic_channel_switching", "follow_up_hours", "id", "timezone_to_use", "working_hours"),
				}},
				Check: resource.ComposeTestCheckFunc(
					remoteSettings(t, env, []int{0}, isDefault),
					remoteSettings(t, env, []int{1, 2}, func(_ int, s *client.FollowupSettings) error {
						if s == nil || len(s.WorkingHours) != 1 || len(s.WorkingHours[0].Intervals) != 0 {
							return fmt.Errorf("settings %+v", s)
						}
						return firstErr(wantEqual("timezoneToUse", s.TimezoneToUse, "contact"), wantEqual("dynamicChannelSwitching", s.DynamicChannelSwitching, true))
					}),
				),
			},
			// An action deleted out of band: the action is re-created and the settings follow it.
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteAction(context.Background(), env.LocationID, agentID, ids[2]); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(settingsConfig("[highlevel_agent_action.f[1].id, highlevel_agent_action.f[2].id]", `
  timezone_to_use = "contact"
  working_hours = [
    { day_of_the_week = 0, intervals = [] },
  ]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("highlevel_agent_action.f[2]", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(settingsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(capture,
					remoteSettings(t, env, []int{2}, func(_ int, s *client.FollowupSettings) error {
						return wantEqual("timezoneToUse", s.TimezoneToUse, "contact")
					})),
			},
			// Destroy (the resource leaves the configuration): the listed actions get the defaults.
			{
				Config: env.Config(threeFollowups),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(settingsAddr, plancheck.ResourceActionDestroy),
				}},
				Check: remoteSettings(t, env, []int{0, 1, 2}, isDefault),
			},
			// Two highlevel_agent_followup_settings that list the same action are an error at
			// plan time (it was TestAccFollowupSettings_twoWriters; the actions exist by now).
			{
				Config: env.Config(threeFollowups + `
resource "highlevel_agent_followup_settings" "a" {
  agent_id   = highlevel_agent.test.id
  action_ids = [highlevel_agent_action.f[0].id, highlevel_agent_action.f[1].id]
}

resource "highlevel_agent_followup_settings" "b" {
  agent_id   = highlevel_agent.test.id
  action_ids = [highlevel_agent_action.f[1].id]
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Follow-up settings written twice`),
			},
		},
	})
}

// TestAccFollowupSettings_conflictWithInline: an action that sets followup_settings inline and
// is also listed by highlevel_agent_followup_settings is an error — at apply time, before the
// PATCH, when the action is new; at plan time once the action exists.
func TestAccFollowupSettings_conflictWithInline(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := env.Config(agentsConfig + `
resource "highlevel_agent_action" "inline" {
  agent_id = highlevel_agent.test.id
  type     = "advancedFollowup"
  name     = "Inline settings"
  advanced_followup = {
    enabled           = true
    scenario_id       = "contactIsBusy"
    followup_sequence = [{ id = 1, followup_time = 1, followup_time_unit = "days" }]
    followup_settings = { timezone_to_use = "business" }
  }
}

resource "highlevel_agent_followup_settings" "test" {
  agent_id        = highlevel_agent.test.id
  action_ids      = [highlevel_agent_action.inline.id]
  timezone_to_use = "contact"
}
`)
	want := regexp.MustCompile(flexibleSpace(`are written both by the inline advanced_followup.followup_settings of its highlevel_agent_action and by highlevel_agent_followup_settings`))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkActionsDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: want,
				Check: remoteAction(t, env, "highlevel_agent_action.inline", func(a *client.Action) error {
					return wantEqual("timezoneToUse", a.Details.FollowupSettings.TimezoneToUse, "business")
				}),
			},
			{Config: config, PlanOnly: true, ExpectError: want},
		},
	})
}
