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

// messagesPart: a conversation of 250 messages takes three pages of 100.
func messagesPart(t *testing.T, env *acctest.Env) dsPart {
	t.Helper()
	s := seed(t, env, map[string]any{"count": 1, "messagesPerConversation": 250, "endDate": "2026-01-01T00:00:00Z"})
	c := s.Conversations[0]
	ds := func(name string) string { return "data.highlevel_conversation_messages." + name }
	msg := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("messages").AtSliceIndex(i).AtMapKey(attr)
	}
	return dsPart{
		config: inLocation(env, fmt.Sprintf(`
data "highlevel_conversation_messages" "all" {
  conversation_id = %[1]q
  max_results     = 10000
}

data "highlevel_conversation_messages" "capped" {
  conversation_id = %[1]q
  max_results     = 120
}

data "highlevel_conversation_messages" "default" {
  conversation_id = %[1]q
}
`, c.ID)),
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ds("all"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(250)),
			statecheck.ExpectKnownValue(ds("all"), tfjsonpath.New("truncated"), knownvalue.Bool(false)),
			// Newest first: the seed's last message (outbound, j = 249).
			statecheck.ExpectKnownValue(ds("all"), msg(0, "id"), knownvalue.StringExact(c.MessageIDs[249])),
			statecheck.ExpectKnownValue(ds("all"), msg(249, "id"), knownvalue.StringExact(c.MessageIDs[0])),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "direction"), knownvalue.StringExact("outbound")),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "message_type"), knownvalue.StringExact("TYPE_SMS")),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "type"), knownvalue.Int64Exact(2)),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "date_added"), knownvalue.StringExact("2026-01-01T00:00:00.000Z")),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "conversation_id"), knownvalue.StringExact(c.ID)),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "contact_id"), knownvalue.StringExact(c.ContactID)),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "source"), knownvalue.StringExact("app")),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "user_id"), knownvalue.Null()),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "attachments"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue(ds("all"), msg(0, "meta"), knownvalue.StringExact("{}")),
			statecheck.ExpectKnownValue(ds("all"), msg(249, "body"), knownvalue.StringExact("Hello, this is contact 0001 with question 1.")),
			statecheck.ExpectKnownValue(ds("capped"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(120)),
			statecheck.ExpectKnownValue(ds("capped"), tfjsonpath.New("truncated"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("ids"), knownvalue.ListSizeExact(100)),
			statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("max_results"), knownvalue.Int64Exact(100)),
			statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("truncated"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(ds("default"), tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
		},
	}
}
