// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"
)

// seed calls POST /_emulator/seed/conversations and returns the answer.
func (e *env) seed(body map[string]any) resp {
	e.t.Helper()
	return e.expect(e.admin("POST", "/_emulator/seed/conversations", body), 201)
}

// seededIDs returns the conversation ids and, per conversation, the message ids of a
// seed answer.
func seededIDs(r resp) (convs []string, msgs [][]string) {
	for _, cv := range r.list("conversations") {
		convs = append(convs, cv["id"].(string))
		var m []string
		for _, id := range cv["messageIds"].([]any) {
			m = append(m, id.(string))
		}
		msgs = append(msgs, m)
	}
	return convs, msgs
}

func TestSeedConversationsControl(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	r := e.seed(map[string]any{"locationId": loc, "conversations": []any{
		map[string]any{"contactId": "contact1", "fullName": "Ada Lovelace", "messages": []any{
			map[string]any{"body": "hi", "dateAdded": "2026-01-01T10:00:00.000Z"},
			map[string]any{"body": "hello!", "direction": "outbound", "dateAdded": "2026-01-01T10:01:00.000Z",
				"generation": map[string]any{"agentId": "agent1"}},
		}},
	}})
	if r.body["conversationCount"] != 1.0 || r.body["messageCount"] != 2.0 || r.body["generationCount"] != 1.0 || r.str("locationId") != loc {
		t.Errorf("seed answer %s", r.raw)
	}
	for _, bad := range []map[string]any{
		{"locationId": "nope", "count": 1},
		{"locationId": loc},
		{"locationId": loc, "count": 1, "conversations": []any{map[string]any{"messages": []any{map[string]any{"body": "x"}}}}},
		{"locationId": loc, "count": 10001},
		{"locationId": loc, "count": 1, "messagesPerConversation": 1001},
		{"locationId": loc, "count": 1, "messageTypes": []string{"SMS"}},
		{"locationId": loc, "count": 1, "endDate": "yesterday"},
		{"locationId": loc, "count": 1, "unknown": true},
		{"locationId": loc, "conversations": []any{map[string]any{"messages": []any{}}}},
		{"locationId": loc, "conversations": []any{map[string]any{"type": "TYPE_SMS", "messages": []any{map[string]any{"body": "x"}}}}},
		{"locationId": loc, "conversations": []any{map[string]any{"messages": []any{map[string]any{"direction": "sideways"}}}}},
		{"locationId": loc, "conversations": []any{map[string]any{"messages": []any{map[string]any{"dateAdded": "1/1/2026"}}}}},
		{"locationId": loc, "conversations": []any{map[string]any{"messages": []any{map[string]any{"generation": map[string]any{"prompt": "p"}}}}}},
	} {
		e.expect(e.admin("POST", "/_emulator/seed/conversations", bad), 400)
	}
	e.expect(e.do("POST", "/_emulator/seed/conversations", tok, map[string]any{"locationId": loc, "count": 1}), 401)
	// Clearing a location's conversations.
	c := e.expect(e.admin("DELETE", "/_emulator/seed/conversations?locationId="+loc, nil), 200)
	if c.body["deletedConversations"] != 1.0 {
		t.Errorf("clear %s", c.raw)
	}
	if s := e.expect(e.do("GET", "/conversations/search?locationId="+loc, tok, nil), 200); s.body["total"] != 0.0 {
		t.Errorf("after clear %s", s.raw)
	}
	e.expect(e.admin("DELETE", "/_emulator/seed/conversations?locationId=nope", nil), 400)
}

func TestConversationSearch(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	e.seed(map[string]any{"locationId": loc1, "count": 3})
	end := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	bulk := e.seed(map[string]any{"locationId": loc, "count": 45, "messagesPerConversation": 4, "endDate": end.Format(time.RFC3339)})
	bulkIDs, _ := seededIDs(bulk)
	explicit := e.seed(map[string]any{"locationId": loc, "conversations": []any{
		map[string]any{"contactId": "vip-contact", "fullName": "Grace Hopper", "email": "grace@navy.example", "assignedTo": "user1",
			"type": "TYPE_EMAIL", "unreadCount": 2, "starred": true, "messages": []any{
				map[string]any{"body": "Subject: invoice", "dateAdded": "2026-03-02T09:00:00Z"},
			}},
	}})
	vip := explicit.list("conversations")[0]["id"].(string)

	search := func(q string) resp {
		return e.expect(e.do("GET", "/conversations/search?locationId="+loc+q, tok, nil), 200)
	}
	// Paging with startAfterDate, newest first.
	var seen []string
	var last int64 = -1
	after := ""
	for page := 0; ; page++ {
		r := search("&limit=20" + after)
		if r.body["total"] != 46.0 {
			t.Fatalf("total %v", r.body["total"])
		}
		convs := r.list("conversations")
		for _, cv := range convs {
			d := int64(cv["lastMessageDate"].(float64))
			if last >= 0 && d >= last {
				t.Fatalf("not lastMessageDate desc: %d after %d", d, last)
			}
			last = d
			seen = append(seen, cv["id"].(string))
		}
		if len(convs) < 20 {
			break
		}
		after = "&startAfterDate=" + strconv.FormatInt(last, 10)
		if page > 5 {
			t.Fatal("no end")
		}
	}
	if len(seen) != 46 || seen[0] != vip || !slices.Equal(seen[1:], bulkIDs) {
		t.Errorf("search order: %d items, first %s", len(seen), seen[0])
	}
	first := search("&limit=1").list("conversations")[0]
	if first["type"] != "TYPE_EMAIL" || first["lastMessageBody"] != "Subject: invoice" || first["lastMessageType"] != "TYPE_EMAIL" ||
		first["contactId"] != "vip-contact" || first["unreadCount"] != 2.0 || first["fullName"] != "Grace Hopper" ||
		first["contactName"] != "Grace Hopper" || first["locationId"] != loc || first["lastMessageDate"] != float64(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).UnixMilli()) {
		t.Errorf("conversation item %v", first)
	}
	// Ascending.
	if r := search("&sort=asc&limit=2"); r.list("conversations")[0]["id"] != bulkIDs[44] {
		t.Errorf("asc %s", r.raw)
	}
	// Filters.
	for q, want := range map[string]int{
		"&contactId=vip-contact": 1,
		"&assignedTo=user1":      1,
		"&query=GRACE":           1,
		"&query=contact0007":     1,
		"&status=starred":        6, // bulk i%10==0 (5) + vip
		"&status=unread":         31,
		"&status=read":           15,
		"&status=recents":        46,
		"&startDate=" + ms(end.Add(-9*time.Minute)) + "&endDate=" + ms(end): 10,
	} {
		if r := search(q); r.body["total"] != float64(want) {
			t.Errorf("%s: total %v, want %d", q, r.body["total"], want)
		}
	}

	for _, q := range []string{"&limit=0", "&limit=101", "&status=open", "&sort=up", "&sortBy=name", "&startAfterDate=x", "&startDate=-5"} {
		e.expect(e.do("GET", "/conversations/search?locationId="+loc+q, tok, nil), 422)
	}
	if x := e.expect(e.do("GET", "/conversations/search", tok, nil), 422); !x.hasMessage("locationId should not be empty") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversations/search?locationId="+loc1, tok, nil), 403)
	if r := e.expect(e.do("GET", "/conversations/search?locationId="+loc1, tok1, nil), 200); r.body["total"] != 3.0 {
		t.Errorf("other location %s", r.raw)
	}
	e.dropScopes(tok, "conversations.readonly")
	if x := e.expect(e.do("GET", "/conversations/search?locationId="+loc, tok, nil), 401); x.str("message") != msgScope {
		t.Errorf("%s", x.raw)
	}
}

func ms(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

func TestConversationGetAndMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, _ := e.loc(1)
	base := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	var msgs []any
	for i := range 25 {
		m := map[string]any{"body": fmt.Sprint("message ", i), "dateAdded": base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)}
		if i%2 == 1 {
			m["direction"], m["messageType"] = "outbound", "TYPE_WHATSAPP"
		}
		msgs = append(msgs, m)
	}
	r := e.seed(map[string]any{"locationId": loc, "conversations": []any{
		map[string]any{"contactId": "c1", "type": "TYPE_PHONE", "assignedTo": "u1", "messages": msgs},
	}})
	convs, ids := seededIDs(r)
	conv := convs[0]

	g := e.expect(e.do("GET", "/conversations/"+conv, tok, nil), 200)
	if g.body["type"] != 1.0 || g.str("contactId") != "c1" || g.str("locationId") != loc || g.body["deleted"] != false ||
		g.body["inbox"] != true || g.str("assignedTo") != "u1" || g.body["unreadCount"] != 0.0 {
		t.Errorf("conversation %s", g.raw)
	}
	if x := e.expect(e.do("GET", "/conversations/nope", tok, nil), 404); x.str("message") != "Conversation not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversations/"+conv, tok1, nil), 404)

	// Messages: flat (SDK 3.1.0), newest first, lastMessageId paging.
	var seen []string
	var sizes []int
	cursor := ""
	for {
		q := "/conversations/" + conv + "/messages?limit=10"
		if cursor != "" {
			q += "&lastMessageId=" + cursor
		}
		r := e.expect(e.do("GET", q, tok, nil), 200)
		inner := r.body
		page := objects(inner["messages"])
		sizes = append(sizes, len(page))
		for _, m := range page {
			seen = append(seen, m["id"].(string))
		}
		if inner["nextPage"] == false {
			break
		}
		cursor = inner["lastMessageId"].(string)
	}
	want := slices.Clone(ids[0])
	slices.Reverse(want)
	if !slices.Equal(seen, want) || fmt.Sprint(sizes) != "[10 10 5]" {
		t.Errorf("messages pages %v", sizes)
	}
	r = e.expect(e.do("GET", "/conversations/"+conv+"/messages?type=TYPE_WHATSAPP", tok, nil), 200)
	page := objects(r.body["messages"])
	if len(page) != 12 || page[0]["messageType"] != "TYPE_WHATSAPP" || page[0]["type"] != 19.0 || page[0]["direction"] != "outbound" {
		t.Errorf("type filter %d %v", len(page), page[0])
	}
	if m := objects(e.expect(e.do("GET", "/conversations/"+conv+"/messages", tok, nil), 200).body["messages"]); len(m) != 20 {
		t.Errorf("default limit %d", len(m))
	}
	for _, q := range []string{"?limit=0", "?limit=101", "?type=TYPE_FAX", "?lastMessageId=nope"} {
		e.expect(e.do("GET", "/conversations/"+conv+"/messages"+q, tok, nil), 422)
	}
	e.expect(e.do("GET", "/conversations/nope/messages", tok, nil), 404)
	e.expect(e.do("GET", "/conversations/"+conv+"/messages", tok1, nil), 404)
	if x := e.expect(e.do("GET", "/conversations/"+conv+"/notes", tok, nil), 404); x.str("message") != "Cannot GET /conversations/"+conv+"/notes" {
		t.Errorf("%s", x.raw)
	}

	// A message by id.
	m := e.expect(e.do("GET", "/conversations/messages/"+ids[0][1], tok, nil), 200)
	if m.str("id") != ids[0][1] || m.str("body") != "message 1" || m.str("conversationId") != conv || m.str("contactId") != "c1" ||
		m.str("dateAdded") != "2026-02-01T08:01:00.000Z" || m.str("status") != "sent" || m.str("contentType") != "text/plain" ||
		m.str("messageType") != "TYPE_WHATSAPP" || m.body["attachments"] == nil {
		t.Errorf("message %s", m.raw)
	}
	if x := e.expect(e.do("GET", "/conversations/messages/nope", tok, nil), 404); x.str("message") != "Message not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversations/messages/"+ids[0][1], tok1, nil), 404)
	// conversations.readonly does not cover messages.
	e.dropScopes(tok, "conversations/message.readonly")
	e.expect(e.do("GET", "/conversations/messages/"+ids[0][1], tok, nil), 401)
	e.expect(e.do("GET", "/conversations/"+conv+"/messages", tok, nil), 401)
	e.expect(e.do("GET", "/conversations/"+conv, tok, nil), 200)
}

// TestMessageExport pages through 10,000 messages of 500 conversations.
func TestMessageExport(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	_, loc1 := e.loc(1)
	start := time.Now()
	r := e.seed(map[string]any{"locationId": loc, "count": 500, "messagesPerConversation": 20})
	if r.body["messageCount"] != 10000.0 {
		t.Fatalf("seed %v", r.body["messageCount"])
	}
	convs, msgIDs := seededIDs(r)
	e.seed(map[string]any{"locationId": loc, "count": 5, "messagesPerConversation": 4, "messageTypes": []string{"TYPE_EMAIL"}})
	t.Logf("seeded 10,020 messages in %v", time.Since(start))

	seen := map[string]bool{}
	var prev time.Time
	cursor, pages := "", 0
	for {
		q := "/conversations/messages/export?locationId=" + loc + "&limit=500"
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		r := e.expect(e.do("GET", q, tok, nil), 200)
		pages++
		if r.body["total"] != 10000.0 { // email is excluded without a channel
			t.Fatalf("total %v", r.body["total"])
		}
		for _, m := range r.list("messages") {
			if seen[m["id"].(string)] {
				t.Fatalf("duplicate %s", m["id"])
			}
			seen[m["id"].(string)] = true
			d, _ := time.Parse(time.RFC3339, m["dateAdded"].(string))
			if !prev.IsZero() && d.After(prev) {
				t.Fatalf("not createdAt desc")
			}
			prev = d
		}
		next, _ := r.body["nextCursor"].(string)
		if next == "" {
			if _, present := r.body["nextCursor"]; present {
				t.Errorf("nextCursor %v at the end, want it absent (SDK 3.1.0: optional string)", r.body["nextCursor"])
			}
			break
		}
		cursor = next
	}
	if len(seen) != 10000 || pages != 20 {
		t.Errorf("%d messages in %d pages", len(seen), pages)
	}
	exp := func(q string) resp {
		return e.expect(e.do("GET", "/conversations/messages/export?locationId="+loc+q, tok, nil), 200)
	}
	if r := exp(""); len(r.list("messages")) != 100 { // default limit
		t.Errorf("default limit %d", len(r.list("messages")))
	}
	r = exp("&conversationId=" + convs[7] + "&sortOrder=asc&limit=10")
	if l := r.list("messages"); r.body["total"] != 20.0 || len(l) != 10 || l[0]["id"] != msgIDs[7][0] || r.body["nextCursor"] == nil {
		t.Errorf("conversation filter %s", r.raw)
	}
	r = exp("&conversationId=" + convs[7] + "&sortOrder=asc&limit=10&cursor=" + r.str("nextCursor"))
	if l := r.list("messages"); len(l) != 10 || l[9]["id"] != msgIDs[7][19] || r.body["nextCursor"] != nil {
		t.Errorf("second page %s", r.raw)
	}
	if r = exp("&channel=Email"); r.body["total"] != 20.0 {
		t.Errorf("channel Email %v", r.body["total"])
	}
	if r = exp("&channel=WhatsApp"); r.body["total"] != 0.0 {
		t.Errorf("channel WhatsApp %v", r.body["total"])
	}
	contact := e.expect(e.do("GET", "/conversations/"+convs[3], tok, nil), 200).str("contactId")
	if r = exp("&contactId=" + contact + "&sortBy=updatedAt"); r.body["total"] != 20.0 {
		t.Errorf("contactId %v", r.body["total"])
	}
	d, _ := time.Parse(time.RFC3339, exp("&limit=10").list("messages")[0]["dateAdded"].(string))
	if r = exp("&startDate=" + d.Add(-19*time.Second).Format(time.RFC3339) + "&endDate=" + ms(d)); r.body["total"] != 20.0 {
		t.Errorf("date window %v", r.body["total"]) // the newest conversation's 20 messages
	}

	for _, q := range []string{"&limit=9", "&limit=501", "&cursor=!!!", "&cursor=bm9wZQ", "&sortBy=name", "&sortOrder=up", "&channel=Fax", "&startDate=soon"} {
		e.expect(e.do("GET", "/conversations/messages/export?locationId="+loc+q, tok, nil), 422)
	}
	e.expect(e.do("GET", "/conversations/messages/export", tok, nil), 422)
	e.expect(e.do("GET", "/conversations/messages/export?locationId="+loc1, tok, nil), 403)
}
