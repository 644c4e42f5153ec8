// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// 150 conversations need two pages of the search (100 a page): the data source follows them,
// stops at max_results, and says when more exist.
func TestAccConversationsDataSource_paginationAndFilters(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	// Conversation i's last message is at 2026-01-01T00:00:00Z minus i minutes; every tenth
	// is starred.
	s := seed(t, env, map[string]any{"count": 150, "messagesPerConversation": 2, "endDate": "2026-01-01T00:00:00Z"})
	newest, second, oldest := s.Conversations[0], s.Conversations[1], s.Conversations[149]
	conv := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("conversations").AtSliceIndex(i).AtMapKey(attr)
	}
	ds := func(name string) string { return "data.highlevel_conversations." + name }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "highlevel_conversations" "all" {
  max_results = 1000
}

data "highlevel_conversations" "capped" {
  max_results = 120
}

data "highlevel_conversations" "default" {}

data "highlevel_conversations" "exact" {
  max_results = 150
}

# Conversations 10 to 60: last message between 23:00 and 23:50 on 31 December.
data "highlevel_conversations" "range" {
  start_date  = "2025-12-31T23:00:00Z"
  end_date    = "2026-01-01T00:50:00+01:00"
  max_results = 500
}

data "highlevel_conversations" "starred" {
  status = "starred"
}

data "highlevel_conversations" "contact" {
  contact_id = %q
}
`, second.ContactID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds("all"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(150)),
				statecheck.ExpectKnownValue(ds("all"), tfjsonpath.New("truncated"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "id"), knownvalue.StringExact(newest.ID)),
				statecheck.ExpectKnownValue(ds("all"), conv(149, "id"), knownvalue.StringExact(oldest.ID)),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "last_message_date"), knownvalue.StringExact("2026-01-01T00:00:00.000Z")),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "location_id"), knownvalue.StringExact(env.LocationID)),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "full_name"), knownvalue.StringExact("Contact 0001")),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "type"), knownvalue.StringExact("TYPE_PHONE")),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "starred"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "assigned_to"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("all"), conv(0, "agent_message_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("all"), tfjsonpath.New("agent_scan_limit"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("capped"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(120)),
				statecheck.ExpectKnownValue(ds("capped"), tfjsonpath.New("truncated"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(100)),
				statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("max_results"), knownvalue.Int64Exact(100)),
				statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("truncated"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds("exact"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(150)),
				statecheck.ExpectKnownValue(ds("exact"), tfjsonpath.New("truncated"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds("range"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(51)),
				statecheck.ExpectKnownValue(ds("range"), conv(0, "id"), knownvalue.StringExact(s.Conversations[10].ID)),
				statecheck.ExpectKnownValue(ds("range"), conv(50, "id"), knownvalue.StringExact(s.Conversations[60].ID)),
				statecheck.ExpectKnownValue(ds("starred"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(15)),
				statecheck.ExpectKnownValue(ds("contact"), tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(second.ID)})),
			},
		}},
	})
}

// The agent filter goes through the AI generations of each conversation's messages.
func TestAccConversationsDataSource_agent(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	one, two := createAgent(t, env, "One"), createAgent(t, env, "Two")
	// Six conversations alternate between the agents (0, 2, 4: one; 1, 3, 5: two); each has
	// two outbound messages with a generation, the newest being message 3.
	s := seed(t, env, map[string]any{"count": 6, "messagesPerConversation": 4, "agentIds": []string{one, two}})
	ids := func(idx ...int) knownvalue.Check {
		var checks []knownvalue.Check
		for _, i := range idx {
			checks = append(checks, knownvalue.StringExact(s.Conversations[i].ID))
		}
		return knownvalue.ListExact(checks)
	}
	ds := func(name string) string { return "data.highlevel_conversations." + name }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
data "highlevel_conversations" "one" {
  agent_id = %[1]q
}

data "highlevel_conversations" "one_first_two" {
  agent_id    = %[1]q
  max_results = 2
}

data "highlevel_conversations" "one_scan_three" {
  agent_id         = %[1]q
  agent_scan_limit = 3
}

data "highlevel_conversations" "two" {
  agent_id = %[2]q
}
`, one, two)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds("one"), tfjsonpath.New("ids"), ids(0, 2, 4)),
					statecheck.ExpectKnownValue(ds("one"), tfjsonpath.New("truncated"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds("one"), tfjsonpath.New("agent_scan_limit"), knownvalue.Int64Exact(100)),
					statecheck.ExpectKnownValue(ds("one"), tfjsonpath.New("conversations").AtSliceIndex(0).AtMapKey("agent_message_id"),
						knownvalue.StringExact(s.Conversations[0].MessageIDs[3])),
					statecheck.ExpectKnownValue(ds("one_first_two"), tfjsonpath.New("ids"), ids(0, 2)),
					statecheck.ExpectKnownValue(ds("one_first_two"), tfjsonpath.New("truncated"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds("one_scan_three"), tfjsonpath.New("ids"), ids(0, 2)),
					statecheck.ExpectKnownValue(ds("one_scan_three"), tfjsonpath.New("truncated"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds("two"), tfjsonpath.New("ids"), ids(1, 3, 5)),
				},
			},
			{
				// An unknown agent is an error, not an empty list.
				Config: env.Config(`
data "highlevel_conversations" "ghost" {
  agent_id = "NoSuchAgent000000000"
}
`),
				ExpectError: regexp.MustCompile(`(?s)Unknown\s+agent.*no\s+AI\s+agent\s+with\s+id\s+"NoSuchAgent000000000"\s+exists`),
			},
		},
	})
}

// Bad input is rejected at plan time, before any request, with a message that says what is
// allowed.
func TestAccConversations_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: env.Config(body), PlanOnly: true, ExpectError: regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`))}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(`
data "highlevel_conversations" "inverted" {
  start_date = "2026-02-01T00:00:00Z"
  end_date   = "2026-01-01T00:00:00Z"
}
`, `(?s)Inverted time range.*end_date \(2026-01-01T00:00:00Z\) is before start_date`),
			step(`
data "highlevel_conversations" "not_rfc3339" {
  start_date = "2026-01-01"
}
`, `(?s)Invalid timestamp.*not an RFC 3339 timestamp`),
			step(`
data "highlevel_conversations" "bad_agent" {
  agent_id = "agent 1"
}
`, `(?s)Invalid HighLevel id.*"agent 1" is not a HighLevel id`),
			step(`
data "highlevel_conversations" "bad_contact" {
  contact_id = "a/b"
}
`, `Invalid HighLevel id`),
			step(`
data "highlevel_conversations" "too_many" {
  max_results = 10001
}
`, `(?s)max_results.*between 1 and 10000`),
			step(`
data "highlevel_conversations" "scan_without_agent" {
  agent_scan_limit = 10
}
`, `(?s)agent_scan_limit.*agent_id`),
			step(`
data "highlevel_conversations" "status" {
  status = "archived"
}
`, `(?s)status.*value must be one of`),
			step(`
data "highlevel_conversation_messages" "bad" {
  conversation_id = ""
}
`, `Invalid HighLevel id`),
			step(`
data "highlevel_conversation_messages" "zero" {
  conversation_id = "abc"
  max_results     = 0
}
`, `(?s)max_results.*between 1 and 10000`),
			step(`
data "highlevel_ai_generation" "bad" {
  message_id = "x?y=1"
}
`, `Invalid HighLevel id`),
			step(`
data "highlevel_ai_generation" "source" {
  message_id = "abc"
  source     = "email"
}
`, `(?s)source.*value must be one of`),
		},
	})
}
