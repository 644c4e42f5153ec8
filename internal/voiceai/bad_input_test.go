// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"fmt"
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
		return "resource \"highlevel_voice_agent\" %[1]q {\n  name = \"bad\"\n" + strings.ReplaceAll(extra, "%", "%%") + "\n}\n"
	}
	action := func(body string) string {
		return "resource \"highlevel_voice_agent_action\" %[1]q {\n  agent_id = \"a1\"\n  name = \"bad\"\n" + strings.ReplaceAll(body, "%", "%%") + "\n}\n"
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
		return "data \"highlevel_voice_call_logs\" %[1]q {\n" + extra + "\n}\n"
	}
	hours := func(day string, sh, sm, eh, em int) string {
		return fmt.Sprintf(`working_hours = [{ day = %q, intervals = [{ start_hour = %d, start_minute = %d, end_hour = %d, end_minute = %d }] }]`, day, sh, sm, eh, em)
	}
	agents := []acctest.BadCase{
		{Name: "empty name", Block: `resource "highlevel_voice_agent" %[1]q { name = "" }`, Want: `string length must be between 1 and 40`},
		{Name: "name of 41", Block: `resource "highlevel_voice_agent" %[1]q { name = "` + strings.Repeat("n", 41) + `" }`, Want: `string length must be between 1 and 40`},
		{Name: "missing name", Block: `resource "highlevel_voice_agent" %[1]q {}`, Want: `The argument "name" is required`},
		{Name: "welcome message of 191", Block: agent(`welcome_message = "` + strings.Repeat("w", 191) + `"`), Want: `between 1 and 190`},
		{Name: "empty business name", Block: agent(`business_name = ""`), Want: `at least 1`},
		{Name: "language outside the enum", Block: agent(`language = "en-GB"`), Want: `"en-US" "pt-BR" "es" "fr" "de" "it" "nl-NL" "multi"`},
		{Name: "patience outside the enum", Block: agent(`patience_level = "none"`), Want: `"low" "medium" "high"`},
		{Name: "call duration 179", Block: agent(`max_call_duration = 179`), Want: `between 180 and 900`},
		{Name: "call duration 901", Block: agent(`max_call_duration = 901`), Want: `between 180 and 900`},
		{Name: "idle reminder 0", Block: agent(`idle_reminder_after_seconds = 0`), Want: `between 1 and 20`},
		{Name: "idle reminder 21", Block: agent(`idle_reminder_after_seconds = 21`), Want: `between 1 and 20`},
		{Name: "timezone UTC", Block: agent(`timezone = "UTC"`), Want: `must be an Area/City time zone`},
		{Name: "three-part timezone", Block: agent(`timezone = "America/Argentina/Buenos_Aires"`), Want: `must be an Area/City time zone`},
		{Name: "timezone with digits", Block: agent(`timezone = "Etc/GMT+5"`), Want: `must be an Area/City time zone`},
		{Name: "11 call-end workflows", Block: agent(`call_end_workflow_ids = ["1","2","3","4","5","6","7","8","9","10","11"]`), Want: `set must contain at most 10 elements`},
		{Name: "unknown day", Block: agent(hours("funday", 9, 0, 17, 0)), Want: `"monday" "tuesday"`},
		{Name: "hour 24", Block: agent(hours("monday", 24, 0, 17, 0)), Want: `between 0 and 23`},
		{Name: "minute 60", Block: agent(hours("monday", 9, 0, 17, 60)), Want: `between 0 and 59`},
		{Name: "bad email", Block: agent(`post_call_notification = { custom_emails = ["front desk"] }`), Want: `must be an email address`},
		{Name: "translation for en-US", Block: agent(`translation = { enabled = true, language = "en-US" }`), Want: `Translation can only be enabled when the agent's language is not en-US`},
		{Name: "translation without language", Block: agent("language = \"es\"\ntranslation = { enabled = true }"), Want: `set translation.language to the agent's language`},
		{Name: "translation to a third language", Block: agent("language = \"es\"\ntranslation = { enabled = true, language = \"fr\" }"), Want: `must be the agent's language \(es\) or en-US`},
		{Name: "translation language while off", Block: agent(`translation = { enabled = false, language = "es" }`), Want: `can only be set with translation.enabled = true`},
	}
	actions := []acctest.BadCase{
		{Name: "no action kind", Block: action(""), Want: `Missing Attribute Configuration`},
		{Name: "two action kinds", Block: action("sms = { trigger_prompt = \"p\", trigger_message = \"m\", message_body = \"b\" }\nknowledge_base = { trigger_prompt = \"p\", knowledge_base_id = \"k\" }"), Want: `Invalid Attribute Combination`},
		{Name: "transfer number without +", Block: action(`call_transfer = { trigger_prompt = "p", trigger_message = "m", transfer_to_number = "15550001234" }`), Want: `must be an E.164 number`},
		{Name: "transfer number too short", Block: action(`call_transfer = { trigger_prompt = "p", trigger_message = "m", transfer_to_number = "+155500" }`), Want: `must be an E.164 number`},
		{Name: "missing trigger message", Block: action(`call_transfer = { trigger_prompt = "p", transfer_to_number = "+15550001234" }`), Want: `attribute "trigger_message" is required`},
		{Name: "no examples", Block: action(`data_extraction = { contact_field_id = "c", description = "d", examples = [] }`), Want: `list must contain at least 1 elements and at most 5`},
		{Name: "six examples", Block: action(`in_call_data_extraction = { contact_field_id = "c", description = "d", examples = ["1","2","3","4","5","6"] }`), Want: `at least 1 elements and at most 5`},
		{Name: "negative slots", Block: action(`appointment_booking = { calendar_id = "c", days_of_offering_dates = 1, slots_per_day = -1, hours_between_slots = 1 }`), Want: `must be at least 0`},
		{Name: "empty knowledge base", Block: action(`knowledge_base = { trigger_prompt = "p", knowledge_base_id = "" }`), Want: `at least 1`},
		{Name: "GET without paths", Block: custom(`method = "GET"`), Want: `With method = "GET", set selected_paths`},
		{Name: "POST with paths", Block: custom("method = \"POST\"\nselected_paths = [\"$.a\"]"), Want: `With method = "POST", leave selected_paths unset`},
		{Name: "method PUT", Block: custom(`method = "PUT"`), Want: `"GET" "POST"`},
		{Name: "relative URL", Block: action(`custom_action = { trigger_prompt = "p", trigger_message = "m", url = "ftp://x", method = "POST" }`), Want: `must be an absolute http or https URL`},
		{Name: "auth without value", Block: custom("method = \"POST\"\nauthentication_required = true"), Want: `With authentication_required = true, set authentication_value_wo`},
		{Name: "value without auth", Block: custom("method = \"POST\"\nauthentication_value_wo = \"s\""), Want: `only sent with authentication_required = true`},
	}
	dataSources := []acctest.BadCase{
		{Name: "one date only", Block: logs(`start_date = "2026-01-01T00:00:00Z"`), Want: `Set both start_date and end_date, or neither`},
		{Name: "dates reversed", Block: logs("start_date = \"2026-02-01T00:00:00Z\"\nend_date = \"2026-01-01T00:00:00Z\""), Want: `end_date must be after start_date`},
		{Name: "call type", Block: logs(`call_type = "live"`), Want: `"LIVE" "TRIAL"`},
		{Name: "sort without sort_by", Block: logs(`sort = "ascend"`), Want: `"sort_by" must be specified`},
		{Name: "unknown action type filter", Block: logs(`action_types = ["EMAIL"]`), Want: `"CALL_TRANSFER"`},
	}
	all := append(append(append([]acctest.BadCase{}, agents...), actions...), dataSources...)
	acctest.ExpectRejections(t, env, [][]acctest.BadCase{all}, resource.TestCase{})
	t.Logf("%d bad inputs rejected at plan time, 0 API calls", len(all))
}
