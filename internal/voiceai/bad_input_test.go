// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestAccVoiceAI_badInput checks that every rule of contract voice-ai.md is enforced at plan time
// with a message that says what is allowed, without a single API call.
func TestAccVoiceAI_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	agent := func(extra string) string {
		return env.Config(fmt.Sprintf("resource \"highlevel_voice_agent\" \"bad\" {\n  name = \"bad\"\n%s\n}\n", extra))
	}
	action := func(body string) string {
		return env.Config(fmt.Sprintf("resource \"highlevel_voice_agent_action\" \"bad\" {\n  agent_id = \"a1\"\n  name = \"bad\"\n%s\n}\n", body))
	}
	custom := func(extra string) string {
		return action(fmt.Sprintf(`custom_action = {
  trigger_prompt = "p"
  trigger_message = "m"
  url = "https://api.example.com"
%s
}`, extra))
	}
	logs := func(extra string) string {
		return env.Config(fmt.Sprintf("data \"highlevel_voice_call_logs\" \"bad\" {\n%s\n}\n", extra))
	}
	hours := func(day string, sh, sm, eh, em int) string {
		return fmt.Sprintf(`working_hours = [{ day = %q, intervals = [{ start_hour = %d, start_minute = %d, end_hour = %d, end_minute = %d }] }]`, day, sh, sm, eh, em)
	}
	cases := []struct {
		name, config, want string
	}{
		{"empty name", env.Config(`resource "highlevel_voice_agent" "bad" { name = "" }`), `string length must be between 1 and 40`},
		{"name of 41", env.Config(`resource "highlevel_voice_agent" "bad" { name = "` + strings.Repeat("n", 41) + `" }`), `string length must be between 1 and 40`},
		{"missing name", env.Config(`resource "highlevel_voice_agent" "bad" {}`), `The argument "name" is required`},
		{"welcome message of 191", agent(`welcome_message = "` + strings.Repeat("w", 191) + `"`), `between 1 and 190`},
		{"empty business name", agent(`business_name = ""`), `at least 1`},
		{"language outside the enum", agent(`language = "en-GB"`), `"en-US" "pt-BR" "es" "fr" "de" "it" "nl-NL" "multi"`},
		{"patience outside the enum", agent(`patience_level = "none"`), `"low" "medium" "high"`},
		{"call duration 179", agent(`max_call_duration = 179`), `between 180 and 900`},
		{"call duration 901", agent(`max_call_duration = 901`), `between 180 and 900`},
		{"idle reminder 0", agent(`idle_reminder_after_seconds = 0`), `between 1 and 20`},
		{"idle reminder 21", agent(`idle_reminder_after_seconds = 21`), `between 1 and 20`},
		{"timezone UTC", agent(`timezone = "UTC"`), `must be an Area/City time zone`},
		{"three-part timezone", agent(`timezone = "America/Argentina/Buenos_Aires"`), `must be an Area/City time zone`},
		{"timezone with digits", agent(`timezone = "Etc/GMT+5"`), `must be an Area/City time zone`},
		{"11 call-end workflows", agent(`call_end_workflow_ids = ["1","2","3","4","5","6","7","8","9","10","11"]`), `set must contain at most 10 elements`},
		{"unknown day", agent(hours("funday", 9, 0, 17, 0)), `"monday" "tuesday"`},
		{"hour 24", agent(hours("monday", 24, 0, 17, 0)), `between 0 and 23`},
		{"minute 60", agent(hours("monday", 9, 0, 17, 60)), `between 0 and 59`},
		{"bad email", agent(`post_call_notification = { custom_emails = ["front desk"] }`), `must be an email address`},
		{"translation for en-US", agent(`translation = { enabled = true, language = "en-US" }`), `Translation can only be enabled when the agent's language is not en-US`},
		{"translation without language", agent("language = \"es\"\ntranslation = { enabled = true }"), `set translation.language to the agent's language`},
		{"translation to a third language", agent("language = \"es\"\ntranslation = { enabled = true, language = \"fr\" }"), `must be the agent's language \(es\) or en-US`},
		{"translation language while off", agent(`translation = { enabled = false, language = "es" }`), `can only be set with translation.enabled = true`},

		{"no action kind", action(""), `Missing Attribute Configuration`},
		{"two action kinds", action("sms = { trigger_prompt = \"p\", trigger_message = \"m\", message_body = \"b\" }\nknowledge_base = { trigger_prompt = \"p\", knowledge_base_id = \"k\" }"), `Invalid Attribute Combination`},
		{"transfer number without +", action(`call_transfer = { trigger_prompt = "p", trigger_message = "m", transfer_to_number = "15550001234" }`), `must be an E.164 number`},
		{"transfer number too short", action(`call_transfer = { trigger_prompt = "p", trigger_message = "m", transfer_to_number = "+155500" }`), `must be an E.164 number`},
		{"missing trigger message", action(`call_transfer = { trigger_prompt = "p", transfer_to_number = "+15550001234" }`), `attribute "trigger_message" is required`},
		{"no examples", action(`data_extraction = { contact_field_id = "c", description = "d", examples = [] }`), `list must contain at least 1 elements and at most 5`},
		{"six examples", action(`in_call_data_extraction = { contact_field_id = "c", description = "d", examples = ["1","2","3","4","5","6"] }`), `at least 1 elements and at most 5`},
		{"negative slots", action(`appointment_booking = { calendar_id = "c", days_of_offering_dates = 1, slots_per_day = -1, hours_between_slots = 1 }`), `must be at least 0`},
		{"empty knowledge base", action(`knowledge_base = { trigger_prompt = "p", knowledge_base_id = "" }`), `at least 1`},
		{"GET without paths", custom(`method = "GET"`), `With method = "GET", set selected_paths`},
		{"POST with paths", custom("method = \"POST\"\nselected_paths = [\"$.a\"]"), `With method = "POST", leave selected_paths unset`},
		{"method PUT", custom(`method = "PUT"`), `"GET" "POST"`},
		{"relative URL", action(`custom_action = { trigger_prompt = "p", trigger_message = "m", url = "ftp://x", method = "POST" }`), `must be an absolute http or https URL`},
		{"auth without value", custom("method = \"POST\"\nauthentication_required = true"), `With authentication_required = true, set authentication_value_wo`},
		{"value without auth", custom("method = \"POST\"\nauthentication_value_wo = \"s\""), `only sent with authentication_required = true`},

		{"one date only", logs(`start_date = "2026-01-01T00:00:00Z"`), `Set both start_date and end_date, or neither`},
		{"dates reversed", logs("start_date = \"2026-02-01T00:00:00Z\"\nend_date = \"2026-01-01T00:00:00Z\""), `end_date must be after start_date`},
		{"call type", logs(`call_type = "live"`), `"LIVE" "TRIAL"`},
		{"sort without sort_by", logs(`sort = "ascend"`), `"sort_by" must be specified`},
		{"unknown action type filter", logs(`action_types = ["EMAIL"]`), `"CALL_TRANSFER"`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tc.config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)), // the CLI wraps long lines
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	if n := env.TotalRequests(t); n != 0 {
		t.Fatalf("bad input made %d API calls, want 0: %v", n, env.Counters(t))
	}
	t.Logf("%d bad inputs rejected at plan time, 0 API calls", len(cases))
}
