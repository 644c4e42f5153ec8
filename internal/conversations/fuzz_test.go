// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/fuzztest"
)

// Fuzz targets of the conversation data sources' mappers. Each serves the fuzzed bytes as the
// API's answer to the data source's Read (the client's own lenient decoding included) and
// checks properties that hold for any answer: no panic; a read fails only on the client's
// error (an answer it cannot decode, a page loop), never on writing the state; every value is
// known (DESIGN.md rule 6); what the API leaves out is null where the schema says so (rule 3);
// loosely specified JSON is normalised (rule 4: canonical, idempotent, the same JSON value).
// Seeds: testdata/fuzz/<Target>/ (answers of the contract §3.4 and of the emulator).

const fuzzConversation = "fuzzConversation0001"

// FuzzConversationsDataSource: GET /conversations/search → highlevel_conversations.
func FuzzConversationsDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		st, diags := fuzztest.ReadDataSource(ctx, &conversationsDataSource{client: fuzztest.Client(t, data)}, nil)
		if fuzztest.OnlyClientError(t, diags, "Cannot search conversations") {
			return
		}
		var m conversationsModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		var page struct {
			Conversations []client.Conversation `json:"conversations"`
		}
		if !fuzztest.DecodeLikeClient(data, &page, "data") {
			t.Fatalf("read succeeded on an answer the client type does not decode: %s", data)
		}
		items := m.Conversations.Elements()
		if len(m.IDs.Elements()) != len(items) || m.MaxResults.ValueInt64() != defaultMaxResults || !m.AgentScanLimit.IsNull() {
			t.Errorf("%d ids for %d conversations, max_results %v, agent_scan_limit %v", len(m.IDs.Elements()), len(items), m.MaxResults, m.AgentScanLimit)
		}
		if n := len(page.Conversations); n < defaultMaxResults && (len(items) != n || m.Truncated.ValueBool()) {
			t.Fatalf("%d conversations in the answer, %d in state (truncated %v)", n, len(items), m.Truncated)
		}
		// A full page makes the client ask for the next one, and this fake API answers the same
		// page again: only the first page is compared.
		for i, cv := range page.Conversations[:min(len(page.Conversations), len(items))] {
			a := items[i].(types.Object).Attributes()
			if (cv.AssignedTo == "") != a["assigned_to"].IsNull() || !a["agent_message_id"].IsNull() {
				t.Errorf("conversation %d: assignedTo %q → %v, agent_message_id %v", i, cv.AssignedTo, a["assigned_to"], a["agent_message_id"])
			}
			checkMillis(t, cv.LastMessageDate, a["last_message_date"].(types.String))
			if a["unread_count"].(types.Int64).ValueInt64() != cv.UnreadCount {
				t.Errorf("unread_count %v, want %d", a["unread_count"], cv.UnreadCount)
			}
			if cv.LocationID == "" && a["location_id"].(types.String).ValueString() != fuzztest.Location {
				t.Errorf("location_id %v, want the location asked", a["location_id"])
			}
		}
	})
}

// checkMillis: an absent date (0) is null; any other is an RFC 3339 timestamp of the same
// millisecond, within the years RFC 3339 can write (1–9999).
func checkMillis(t *testing.T, ms int64, v types.String) {
	t.Helper()
	if ms == 0 {
		if !v.IsNull() {
			t.Errorf("date 0 (absent) is %v, not null", v)
		}
		return
	}
	if y := time.UnixMilli(ms).UTC().Year(); y < 1 || y > 9999 {
		return
	}
	tm, err := framework.ParseRFC3339(v.ValueString())
	if err != nil || tm.UnixMilli() != ms {
		t.Errorf("date %d → %v: %v (%d)", ms, v, err, tm.UnixMilli())
	}
}

// FuzzConversationMessagesDataSource: GET /conversations/{id}/messages (nested or flat) →
// highlevel_conversation_messages.
func FuzzConversationMessagesDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		st, diags := fuzztest.ReadDataSource(ctx, &messagesDataSource{client: fuzztest.Client(t, data)},
			map[string]tftypes.Value{"conversation_id": tftypes.NewValue(tftypes.String, fuzzConversation)})
		if fuzztest.OnlyClientError(t, diags, "Cannot list the conversation's messages") {
			return
		}
		var m messagesModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		msgs, next, ok := decodeMessages(data)
		if !ok {
			t.Fatalf("read succeeded on an answer the client type does not decode: %s", data)
		}
		items := m.Messages.Elements()
		if len(m.IDs.Elements()) != len(items) {
			t.Errorf("%d ids for %d messages", len(m.IDs.Elements()), len(items))
		}
		// With nextPage, or more than max_results, the client reads on, and this fake API answers
		// the same page again: only the first page is compared.
		if !next && len(msgs) <= defaultMaxResults && (len(items) != len(msgs) || m.Truncated.ValueBool()) {
			t.Fatalf("%d messages in the answer, %d in state (truncated %v)", len(msgs), len(items), m.Truncated)
		}
		if !next {
			msgs = client.OnePageInListOrder(msgs) // an oldest-first page is read newest first
		}
		for i, msg := range msgs[:min(len(msgs), len(items))] {
			a := items[i].(types.Object).Attributes()
			if (msg.Source == "") != a["source"].IsNull() || (msg.UserID == "") != a["user_id"].IsNull() {
				t.Errorf("message %d: source %q → %v, userId %q → %v", i, msg.Source, a["source"], msg.UserID, a["user_id"])
			}
			if a["body"].IsNull() || a["type"].(types.Int64).ValueInt64() != msg.Type {
				t.Errorf("message %d: body %v, type %v (want %d)", i, a["body"], a["type"], msg.Type)
			}
			meta := a["meta"].(types.String)
			if (len(msg.Meta) == 0) != meta.IsNull() {
				t.Errorf("message %d: meta %q → %v", i, msg.Meta, meta)
			}
			if !meta.IsNull() {
				checkCanonical(t, msg.Meta, meta.ValueString())
			}
			atts := a["attachments"].(types.List).Elements()
			if len(atts) != len(msg.Attachments) {
				t.Fatalf("message %d: %d attachments, %d in state", i, len(msg.Attachments), len(atts))
			}
			for j, raw := range msg.Attachments {
				got := atts[j].(types.String).ValueString()
				var s string
				if json.Unmarshal(raw, &s) == nil {
					if got != s {
						t.Errorf("attachment %q → %q", raw, got)
					}
					continue
				}
				checkCanonical(t, raw, got)
			}
		}
	})
}

// decodeMessages decodes a messages page as the client's messagesPage does (nested form
// {"messages":{"messages":[…],"nextPage":…}} or flat {"messages":[…],"nextPage":…}).
func decodeMessages(data []byte) (msgs []client.Message, nextPage, ok bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, false, true
	}
	var outer struct {
		Messages json.RawMessage `json:"messages"`
		NextPage bool            `json:"nextPage"`
	}
	if json.Unmarshal(data, &outer) != nil {
		return nil, false, false
	}
	raw := bytes.TrimSpace(outer.Messages)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, outer.NextPage, true
	case raw[0] == '{':
		inner := struct {
			Messages []client.Message `json:"messages"`
			NextPage bool             `json:"nextPage"`
		}{NextPage: outer.NextPage}
		err := json.Unmarshal(raw, &inner)
		return inner.Messages, inner.NextPage, err == nil
	default:
		err := json.Unmarshal(raw, &msgs)
		return msgs, outer.NextPage, err == nil
	}
}

// FuzzAIGenerationDataSource: GET /conversation-ai/generations → highlevel_ai_generation.
func FuzzAIGenerationDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		st, diags := fuzztest.ReadDataSource(ctx, &generationDataSource{client: fuzztest.Client(t, data)},
			map[string]tftypes.Value{"message_id": tftypes.NewValue(tftypes.String, "fuzzMessage000000001")})
		if fuzztest.OnlyClientError(t, diags, "Cannot read the AI generation") {
			return
		}
		var m generationModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		var g client.Generation
		if !fuzztest.DecodeLikeClient(data, &g, "data") {
			t.Fatalf("read succeeded on an answer the client type does not decode: %s", data)
		}
		if (g.Intent == nil) != m.Intent.IsNull() {
			t.Errorf("intent %v → %v", g.Intent, m.Intent)
		}
		if m.Source.ValueString() != client.GenerationSourceConversation {
			t.Errorf("source %v, want the default", m.Source)
		}
		for name, c := range map[string]struct {
			raws []json.RawMessage
			list types.List
		}{"faqs": {g.FAQs, m.FAQs}, "website": {g.Website, m.Website}, "action_logs": {g.ActionLogs, m.ActionLogs}} {
			elems := c.list.Elements()
			if len(elems) != len(c.raws) {
				t.Fatalf("%s: %d in the answer, %d in state", name, len(c.raws), len(elems))
			}
			for i, raw := range c.raws {
				checkCanonical(t, raw, elems[i].(types.String).ValueString())
			}
		}
		if len(m.History.Elements()) != len(g.History) {
			t.Errorf("history: %d turns in the answer, %d in state", len(g.History), len(m.History.Elements()))
		}
	})
}

// checkCanonical: normalised JSON is valid, the same JSON value as raw, and stable (DESIGN.md
// rule 4: a plan shows a change only when the value changed).
func checkCanonical(t *testing.T, raw json.RawMessage, got string) {
	t.Helper()
	decode := func(b []byte) (any, error) {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		return v, err
	}
	want, err := decode(raw)
	if err != nil {
		t.Fatalf("the answer's JSON %q does not decode: %v", raw, err)
	}
	v, err := decode([]byte(got))
	if err != nil || !reflect.DeepEqual(v, want) {
		t.Errorf("normalised %q → %q: not the same JSON value (%v)", raw, got, err)
	}
	if again := canonicalJSON(json.RawMessage(got)); again != got {
		t.Errorf("normalising is not stable: %q → %q → %q", raw, got, again)
	}
}
