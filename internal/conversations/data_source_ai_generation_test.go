// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// aiGenerationPart: an AI generation read by message id, and by source. Its location is the
// provider's: no data source of this part sets location_id, and two more data sources check
// that the conversations and messages read there default to it. It also returns the
// configuration of its look-up errors (a message no agent wrote; a generation asked for with
// the wrong source) and their patterns, for the error step of TestAccConversationsDataSources.
func aiGenerationPart(t *testing.T, env *acctest.Env) (dsPart, string, map[string]string) {
	t.Helper()
	agent := createAgent(t, env, "Front desk")
	s := seed(t, env, map[string]any{"conversations": []map[string]any{{
		"fullName": "Ada Lovelace",
		"messages": []map[string]any{
			{"body": "What are your opening hours?", "dateAdded": "2026-01-01T10:00:00Z"},
			{"body": "We open at 9, <b>every</b> day.", "direction": "outbound", "dateAdded": "2026-01-01T10:00:05Z",
				"generation": map[string]any{
					"agentId": agent, "prompt": "You are the front desk.", "intent": "opening_hours", "mode": "suggestive",
					// Keys out of order and spaced: the data source normalises them.
					"faqs":       []any{map[string]any{"question": "Hours?", "answer": "9 to 5", "id": "faq1"}},
					"website":    []any{map[string]any{"url": "https://example.com/hours", "title": "Hours"}},
					"actionLogs": []any{map[string]any{"type": "updateContactField", "details": map[string]any{"field": "x"}}},
				}},
			{"body": "Thanks!", "dateAdded": "2026-01-01T10:01:00Z"},
			{"body": "A workflow reminder", "direction": "outbound", "source": "workflow", "dateAdded": "2026-01-01T10:02:00Z",
				"generation": map[string]any{"agentId": agent, "source": "workflow"}},
		},
	}}})
	ids := s.Conversations[0].MessageIDs
	ds := "data.highlevel_ai_generation.answer"
	part := dsPart{
		config: fmt.Sprintf(`
data "highlevel_conversations" "default_location" {}

data "highlevel_conversation_messages" "default_location" {
  conversation_id = %q
}

data "highlevel_ai_generation" "answer" {
  message_id = %q
}

data "highlevel_ai_generation" "reminder" {
  message_id = %q
  source     = "workflow"
}
`, s.Conversations[0].ID, ids[1], ids[3]),
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.highlevel_conversations.default_location", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
			statecheck.ExpectKnownValue("data.highlevel_conversations.default_location", tfjsonpath.New("ids"),
				knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(s.Conversations[0].ID)})),
			statecheck.ExpectKnownValue("data.highlevel_conversation_messages.default_location", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
			statecheck.ExpectKnownValue("data.highlevel_conversation_messages.default_location", tfjsonpath.New("ids"), knownvalue.ListSizeExact(4)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("agent_id"), knownvalue.StringExact(agent)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("source"), knownvalue.StringExact("conversation")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("prompt"), knownvalue.StringExact("You are the front desk.")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("intent"), knownvalue.StringExact("opening_hours")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("mode"), knownvalue.StringExact("suggestive")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("response_message"), knownvalue.StringExact("We open at 9, <b>every</b> day.")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("input"), knownvalue.StringExact("What are your opening hours?")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("faqs"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(`{"answer":"9 to 5","id":"faq1","question":"Hours?"}`),
			})),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("website"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(`{"title":"Hours","url":"https://example.com/hours"}`),
			})),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("action_logs"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(`{"details":{"field":"x"},"type":"updateContactField"}`),
			})),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("history"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"role": knownvalue.StringExact("user"), "content": knownvalue.StringExact("What are your opening hours?"),
				}),
			})),
			statecheck.ExpectKnownValue("data.highlevel_ai_generation.reminder", tfjsonpath.New("source"), knownvalue.StringExact("workflow")),
			statecheck.ExpectKnownValue("data.highlevel_ai_generation.reminder", tfjsonpath.New("intent"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.highlevel_ai_generation.reminder", tfjsonpath.New("faqs"), knownvalue.ListSizeExact(0)),
		},
	}
	errors := fmt.Sprintf(`
# The contact's message: no agent wrote it.
data "highlevel_ai_generation" "inbound" {
  message_id = %q
}

data "highlevel_ai_generation" "wrong_source" {
  message_id = %q
}
`, ids[0], ids[3])
	want := map[string]string{
		`data "highlevel_ai_generation" "inbound"`:      `(?s)No AI generation for this message.*has no AI generation with source "conversation"`,
		`data "highlevel_ai_generation" "wrong_source"`: `try source = "workflow"`,
	}
	return part, errors, want
}
