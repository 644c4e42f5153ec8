// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// TestAccConversationsDataSources reads every scenario of the three conversation data sources
// (each in a location of its own, see agencyEnvs) in one apply, then, in one plan, every
// look-up error, each matched against the data source it is about (see acctest.ExpectBadBlocks).
func TestAccConversationsDataSources(t *testing.T) {
	t.Parallel()
	envs, provider := agencyEnvs(t, 4)
	config, checks := provider, []statecheck.StateCheck{}
	for i, part := range []func(*testing.T, *acctest.Env) dsPart{paginationPart, agentPart, messagesPart} {
		p := part(t, envs[i])
		config += p.config
		checks = append(checks, p.checks...)
	}
	ai, aiErrors, want := aiGenerationPart(t, envs[3]) // the provider's location
	config += ai.config
	checks = append(checks, ai.checks...)
	// An unknown agent is an error, not an empty list.
	want[`data "highlevel_conversations" "ghost"`] = `(?s)Unknown agent.*no AI agent with id "NoSuchAgent000000000" exists`
	want[`data "highlevel_conversation_messages" "ghost"`] = `(?s)Conversation not found.*No conversation with id "NoSuchConversation00" exists`
	errorCheck, rejected := acctest.ExpectBadBlocks(t, want)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ErrorCheck:               errorCheck,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
			{Config: provider + aiErrors + `
data "highlevel_conversations" "ghost" {
  agent_id = "NoSuchAgent000000000"
}

data "highlevel_conversation_messages" "ghost" {
  conversation_id = "NoSuchConversation00"
}
`},
		},
	})
	rejected()
}

// paginationPart: 150 conversations need two pages of the search (100 a page): the data
// source follows them, stops at max_results, and says when more exist.
func paginationPart(t *testing.T, env *acctest.Env) dsPart {
	t.Helper()
	// Conversation i's last message is at 2026-01-01T00:00:00Z minus i minutes; every tenth
	// is starred.
	s := seed(t, env, map[string]any{"count": 150, "messagesPerConversation": 2, "endDate": "2026-01-01T00:00:00Z"})
	newest, second, oldest := s.Conversations[0], s.Conversations[1], s.Conversations[149]
	conv := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("conversations").AtSliceIndex(i).AtMapKey(attr)
	}
	ds := func(name string) string { return "data.highlevel_conversations." + name }
	return dsPart{
		config: inLocation(env, fmt.Sprintf(`
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
		checks: []statecheck.StateCheck{
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
	}
}

// agentPart: the agent filter goes through the AI generations of each conversation's messages.
func agentPart(t *testing.T, env *acctest.Env) dsPart {
	t.Helper()
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
	return dsPart{
		config: inLocation(env, fmt.Sprintf(`
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
		checks: []statecheck.StateCheck{
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
	}
}

// Bad input is rejected at plan time, before any request, with a message that says what is
// allowed. One configuration declares one bad data source per rule, so a single plan judges
// them all; each data source's errors are matched against its own message (see acctest.ExpectBadBlocks).
func TestAccConversations_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	errorCheck, rejected := acctest.ExpectBadBlocks(t, map[string]string{
		`data "highlevel_conversations" "inverted"`:           `(?s)Inverted time range.*end_date \(2026-01-01T00:00:00Z\) is before start_date`,
		`data "highlevel_conversations" "not_rfc3339"`:        `(?s)Invalid timestamp.*not an RFC 3339 timestamp`,
		`data "highlevel_conversations" "bad_agent"`:          `(?s)Invalid HighLevel id.*"agent 1" is not a HighLevel id`,
		`data "highlevel_conversations" "bad_contact"`:        `Invalid HighLevel id`,
		`data "highlevel_conversations" "too_many"`:           `(?s)max_results.*between 1 and 10000`,
		`data "highlevel_conversations" "scan_without_agent"`: `(?s)agent_scan_limit.*agent_id`,
		`data "highlevel_conversations" "status"`:             `(?s)status.*value must be one of`,
		`data "highlevel_conversation_messages" "bad"`:        `Invalid HighLevel id`,
		`data "highlevel_conversation_messages" "zero"`:       `(?s)max_results.*between 1 and 10000`,
		`data "highlevel_ai_generation" "bad"`:                `Invalid HighLevel id`,
		`data "highlevel_ai_generation" "source"`:             `(?s)source.*value must be one of`,
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ErrorCheck:               errorCheck,
		Steps: []resource.TestStep{{
			PlanOnly: true,
			Config: env.Config(`
data "highlevel_conversations" "inverted" {
  start_date = "2026-02-01T00:00:00Z"
  end_date   = "2026-01-01T00:00:00Z"
}

data "highlevel_conversations" "not_rfc3339" {
  start_date = "2026-01-01"
}

data "highlevel_conversations" "bad_agent" {
  agent_id = "agent 1"
}

data "highlevel_conversations" "bad_contact" {
  contact_id = "a/b"
}

data "highlevel_conversations" "too_many" {
  max_results = 10001
}

data "highlevel_conversations" "scan_without_agent" {
  agent_scan_limit = 10
}

data "highlevel_conversations" "status" {
  status = "archived"
}

data "highlevel_conversation_messages" "bad" {
  conversation_id = ""
}

data "highlevel_conversation_messages" "zero" {
  conversation_id = "abc"
  max_results     = 0
}

data "highlevel_ai_generation" "bad" {
  message_id = "x?y=1"
}

data "highlevel_ai_generation" "source" {
  message_id = "abc"
  source     = "email"
}
`),
		}},
	})
	rejected()
}
