// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccAction_badInput checks that the rules of contract §3.2 and §3.3 are enforced at plan
// time with a message that says what is allowed, without a single API call. One configuration
// declares one bad resource per rule, so a single plan judges them all; each resource's errors
// are matched against its own message (see acctest.ExpectBadBlocks).
func TestAccAction_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	action := func(typ, body string) string {
		return fmt.Sprintf(`
resource "highlevel_agent_action" "bad" {
  agent_id = "agent-1"
  type     = %q
  name     = "bad"
%s
}
`, typ, body)
	}
	// booking is an appointmentBooking action; extra sets more fields or overrides the switches.
	booking := func(extra string) string {
		fields := map[string]string{"only_send_link": "false", "trigger_workflow": "false", "sleep_after_booking": "false", "transfer_bot": "false"}
		var body []string
		for _, line := range strings.Split(extra, "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				fields[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		for k, v := range fields {
			body = append(body, fmt.Sprintf("    %s = %s", k, v))
		}
		return action("appointmentBooking", "  appointment_booking = {\n    calendar_id = \"cal\"\n"+strings.Join(body, "\n")+"\n  }")
	}
	stopBot := func(extra string) string {
		return action("stopBot", `
  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "bye"
    final_message              = "Bye"
`+extra+`
  }`)
	}
	handover := func(kind, extra string) string {
		return action("humanHandOver", fmt.Sprintf(`
  human_handover = {
    enabled            = true
    handover_type      = %q
    trigger_condition  = "stuck"
    final_message      = "A human will help"
    reactivate_enabled = false
%s
  }`, kind, extra))
	}
	transfer := func(extra string) string {
		return action("transferBot", `
  transfer_bot = {
    enabled         = true
`+extra+`
  }`)
	}
	followup := func(steps, extra string) string {
		return action("advancedFollowup", `
  advanced_followup = {
    enabled           = true
    scenario_id       = "contactIsBusy"
    followup_sequence = `+steps+`
`+extra+`
  }`)
	}
	oneStep := `[{ id = 1, followup_time = 1, followup_time_unit = "hours" }]`
	settings := func(body string) string { return followup(oneStep, "followup_settings = {\n"+body+"\n}") }
	settingsResource := func(body string) string {
		return `
resource "highlevel_agent_followup_settings" "bad" {
  agent_id   = "agent-1"
` + body + `
}`
	}
	workflow := `
  trigger_workflow = {
    workflow_ids      = ["wf"]
    trigger_condition = "always"
  }`
	stopBlock := `
  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "bye"
    stop_bot_examples          = ["bye", "ciao"]
    final_message              = "Bye"
    reactivate_enabled         = false
  }`
	combos := "`triggerWorkflow` → `trigger_workflow`, `updateContactField` → `update_contact_field`"

	cases := []struct {
		name   string
		config string
		want   string
	}{
		// The four: two details, a details attribute not matching type, unknown type,
		// missing required field.
		{"two details attributes", action("triggerWorkflow", workflow+stopBlock),
			`this configuration sets 2: trigger_workflow, stop_bot. For type = "triggerWorkflow" keep trigger_workflow only. Allowed combinations of type and details attribute: ` + combos},
		{"details not matching type", action("stopBot", workflow),
			`type = "stopBot" goes with stop_bot, but trigger_workflow is set. Either set type to the type of trigger_workflow, or move the details to stop_bot`},
		{"unknown type", action("sendEmail", workflow),
			`value must be one of: \["triggerWorkflow" "updateContactField" "appointmentBooking" "stopBot" "humanHandOver" "advancedFollowup" "transferBot"\]`},
		{"missing required detail field", action("triggerWorkflow", `
  trigger_workflow = {
    workflow_ids = ["wf"]
  }`), `attribute "trigger_condition" is required`},
		{"no details at all", action("stopBot", ""), `type = "stopBot" needs its details in stop_bot = { … }`},
		{"empty name", `
resource "highlevel_agent_action" "bad" {
  agent_id = "agent-1"
  type     = "triggerWorkflow"
  name     = ""` + workflow + `
}`, `Attribute name string length must be at least 1`},

		// triggerWorkflow, updateContactField
		{"empty workflow set", action("triggerWorkflow", `
  trigger_workflow = {
    workflow_ids      = []
    trigger_condition = "always"
  }`), `workflow_ids set must contain at least 1 elements`},
		{"empty example text", action("updateContactField", `
  update_contact_field = {
    contact_field_id        = "f"
    description             = "d"
    contact_update_examples = ["ok", ""]
  }`), `string length must be at least 1, got: 0`},

		// appointmentBooking
		{"workflow ids missing", booking(`trigger_workflow = true`), `workflow_ids \(at least one workflow ID\) is required when trigger_workflow = true`},
		{"sleep missing after booking", booking(`sleep_after_booking = true`), `sleep_time \(a whole number, 0 or more\) and sleep_time_unit \(` + "`days`, `hours`, `minutes`" + `\) are required when sleep_after_booking = true`},
		{"transfer agent missing", booking(`transfer_bot = true`), `transfer_agent \(the ID of another agent of the location\) is required when transfer_bot = true`},
		{"transfer to own agent", booking(`transfer_bot = true
transfer_agent = "agent-1"`), `An action cannot transfer a conversation to its own agent`},
		{"only_send_link with reschedule", booking(`only_send_link = true
reschedule_enabled = true`), `reschedule_enabled must be false when only_send_link = true`},
		{"sleep unit weeks", booking(`sleep_after_booking = true
sleep_time = 1
sleep_time_unit = "weeks"`), `value must be one of: \["days" "hours" "minutes"\]`},
		{"negative sleep", booking(`sleep_after_booking = true
sleep_time = -1
sleep_time_unit = "days"`), `value must be at least 0, got: -1`},

		// stopBot
		{"one stop example", stopBot(`stop_bot_examples = ["bye"]
reactivate_enabled = false`), `stop_bot_examples list must contain at least 2 elements, got: 1`},
		{"reactivate without sleep", stopBot(`stop_bot_examples = ["bye", "ciao"]
reactivate_enabled = true`), `are required when reactivate_enabled = true`},
		{"bad detection type", action("stopBot", strings.Replace(stopBlock, `"Goodbye"`, `"Farewell"`, 1)), `value must be one of: \["Goodbye" "Custom"\]`},

		// humanHandOver
		{"custom handover without examples", handover("custom", ""), `examples \(at least one example message\) is required when handover_type is "custom"`},
		{"contactRequest handover without examples", handover("contactRequest", ""), `is required when handover_type is "contactRequest"`},
		{"bad handover type", handover("angry", ""), `value must be one of: \["contactRequest" "lackOfInformation" "failedToResolveIssue" "custom"\]`},
		{"empty tag", handover("lackOfInformation", `tags = [""]`), `string length must be at least 1, got: 0`},

		// transferBot
		{"custom transfer without condition", transfer(`transfer_bot_type = "Custom"
transfer_to_bot = "agent-2"
transfer_bot_examples = ["a", "b"]`), `transfer_bot_trigger_condition is required when transfer_bot_type = "Custom"`},
		{"custom transfer without examples", transfer(`transfer_bot_type = "Custom"
transfer_to_bot = "agent-2"
transfer_bot_trigger_condition = "billing"`), `transfer_bot_examples \(at least 2 example messages\) is required when transfer_bot_type = "Custom"`},
		{"one transfer example", transfer(`transfer_bot_type = "Default"
transfer_to_bot = "agent-2"
transfer_bot_examples = ["a"]`), `transfer_bot_examples list must contain at least 2 elements`},
		{"transfer to own agent", transfer(`transfer_bot_type = "Default"
transfer_to_bot = "agent-1"`), `An action cannot transfer a conversation to its own agent`},
		{"bad transfer type", transfer(`transfer_bot_type = "Always"
transfer_to_bot = "agent-2"`), `value must be one of: \["Default" "Custom"\]`},

		// advancedFollowup
		{"bad scenario", action("advancedFollowup", `
  advanced_followup = {
    enabled           = true
    scenario_id       = "contactIsAngry"
    followup_sequence = `+oneStep+`
  }`), `value must be one of: \["contactStoppedReplying" "contactIsBusy" "contactRequested"\]`},
		{"empty sequence", followup(`[]`, ""), `followup_sequence list must contain at least 1 elements`},
		{"61 minutes", followup(`[{ id = 1, followup_time = 61, followup_time_unit = "minutes" }]`, ""),
			`followup_time must be between 0 and 60 when followup_time_unit is "minutes" \(at most 60 minutes, 24 hours or 180 days\), got 61`},
		{"25 hours", followup(`[{ id = 1, followup_time = 1, followup_time_unit = "hours" }, { id = 2, followup_time = 25, followup_time_unit = "hours" }]`, ""),
			`followup_time must be between 0 and 24 when followup_time_unit is "hours"`},
		{"181 days", followup(`[{ id = 1, followup_time = 181, followup_time_unit = "days" }]`, ""), `followup_time must be between 0 and 180 when followup_time_unit is "days"`},
		{"weeks", followup(`[{ id = 1, followup_time = 1, followup_time_unit = "weeks" }]`, ""), `value must be one of: \["days" "hours" "minutes"\]`},
		{"no AI and no custom message", followup(`[{ id = 1, followup_time = 1, followup_time_unit = "hours", ai_enabled_message = false }]`, ""),
			`custom_message is required when ai_enabled_message = false`},
		{"step workflow without id", followup(`[{ id = 1, followup_time = 1, followup_time_unit = "hours", trigger_workflow = true }]`, ""),
			`workflow_id is required when trigger_workflow = true`},
		{"day 7", settings(`working_hours = [{ day_of_the_week = 7, intervals = [] }]`), `value must be between 0 and 6, got: 7`},
		{"hour 24", settings(`working_hours = [{ day_of_the_week = 1, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 24, end_minute = 0 }] }]`),
			`value must be between 0 and 23, got: 24`},
		{"minute 60", settings(`working_hours = [{ day_of_the_week = 1, intervals = [{ start_hour = 9, start_minute = 60, end_hour = 10, end_minute = 0 }] }]`),
			`value must be between 0 and 59, got: 60`},
		{"interval backwards", settings(`working_hours = [{ day_of_the_week = 2, intervals = [{ start_hour = 17, start_minute = 0, end_hour = 9, end_minute = 0 }] }]`),
			`The interval 17:00–09:00 of day 2 must end after it starts`},
		{"day twice", settings(`working_hours = [{ day_of_the_week = 3, intervals = [] }, { day_of_the_week = 3, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 10, end_minute = 0 }] }]`),
			`day_of_the_week 3 appears more than once in working_hours`},
		{"bad timezone", settings(`timezone_to_use = "utc"`), `value must be one of: \["contact" "business"\]`},

		// highlevel_agent_followup_settings
		{"settings without actions", settingsResource(`action_ids = []`), `action_ids set must contain at least 1 elements`},
		{"settings interval backwards", settingsResource(`action_ids = ["a"]
working_hours = [{ day_of_the_week = 0, intervals = [{ start_hour = 10, start_minute = 30, end_hour = 10, end_minute = 30 }] }]`),
			`The interval 10:30–10:30 of day 0 must end after it starts`},
		{"settings bad timezone", settingsResource(`action_ids = ["a"]
timezone_to_use = "agent"`), `value must be one of: \["contact" "business"\]`},
	}
	// Each case's resource is named after the case (bad_<n>_<name>), the labels the checker
	// attributes the CLI's errors by.
	config := env.ProviderConfig()
	want := map[string]string{}
	nonWord := regexp.MustCompile(`\W+`)
	for i, tc := range cases {
		name := fmt.Sprintf("bad_%02d_%s", i, nonWord.ReplaceAllString(tc.name, "_"))
		for _, typ := range []string{"highlevel_agent_action", "highlevel_agent_followup_settings"} {
			from := fmt.Sprintf("resource %q %q", typ, "bad")
			if strings.Contains(tc.config, from) {
				config += strings.Replace(tc.config, from, fmt.Sprintf("resource %q %q", typ, name), 1) + "\n"
				want[fmt.Sprintf("resource %q %q", typ, name)] = tc.want
			}
		}
	}
	if len(want) != len(cases) {
		t.Fatalf("%d cases, %d resources", len(cases), len(want))
	}
	errorCheck, rejected := acctest.ExpectBadBlocks(t, want)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ErrorCheck:               errorCheck,
		Steps:                    []resource.TestStep{{Config: config, PlanOnly: true}},
	})
	rejected()
	if n := env.TotalRequests(t); n != 0 {
		t.Fatalf("bad input made %d API calls, want 0: %v", n, env.Counters(t))
	}
}

// flexibleSpace lets a pattern match across the CLI's line wrapping.
func flexibleSpace(pattern string) string {
	return strings.ReplaceAll(pattern, " ", `\s+`)
}
