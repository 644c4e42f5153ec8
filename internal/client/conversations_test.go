// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeConversations serves total conversations, lastMessageDate descending from base, paged by
// startAfterDate (items strictly older than it).
func fakeConversations(total int, withSort bool) routeFunc {
	const base = int64(1722628077243)
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		after := int64(1 << 62)
		if s := q.Get("startAfterDate"); s != "" {
			after, _ = strconv.ParseInt(s, 10, 64)
		}
		var convs []map[string]any
		for i := range total {
			date := base - int64(i)*1000
			if date >= after {
				continue
			}
			if len(convs) == limit {
				break
			}
			cv := map[string]any{"id": fmt.Sprintf("c%03d", i), "contactId": "ct", "locationId": q.Get("locationId"),
				"lastMessageBody": "hi", "lastMessageType": "TYPE_SMS", "type": "TYPE_PHONE", "unreadCount": i % 3,
				"fullName": "Jane", "contactName": "Jane", "email": "j@x", "phone": "+1", "lastMessageDate": date}
			if withSort {
				delete(cv, "lastMessageDate")
				cv["sort"] = []any{date, "x"}
			}
			convs = append(convs, cv)
		}
		writeJSON(w, 200, map[string]any{"conversations": convs, "total": total})
	}
}

func TestSearchConversationsPaginates(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{"GET /conversations/search": fakeConversations(250, false)})
	ctx := context.Background()
	start := int64(1700000000000)
	got, err := c.SearchConversations(ctx, "", ConversationQuery{Status: "all", StartDate: &start, ContactID: "ct"}, 0)
	if err != nil || len(got) != 250 || got[0].ID != "c000" || got[249].ID != "c249" {
		t.Fatalf("got %d, %v", len(got), err)
	}
	if g := got[4]; g.LastMessageDate != 1722628073243 || g.Type != "TYPE_PHONE" || g.UnreadCount != 1 || g.LastMessageType != "TYPE_SMS" || g.FullName != "Jane" {
		t.Fatalf("item %+v", g)
	}
	calls := f.to("GET /conversations/search")
	if len(calls) != 3 {
		t.Fatalf("%d requests, want 3", len(calls))
	}
	checkCall(t, calls[0], "GET", "/conversations/search", "contactId=ct&limit=100&locationId=loc1&startDate=1700000000000&status=all", "", v20210415)
	checkCall(t, calls[1], "GET", "/conversations/search",
		"contactId=ct&limit=100&locationId=loc1&startAfterDate=1722627978243&startDate=1700000000000&status=all", "", v20210415)

	// maxResults: stops early, and asks no more than needed
	got, err = c.SearchConversations(ctx, "", ConversationQuery{}, 150)
	if err != nil || len(got) != 150 || len(f.to("GET /conversations/search")) != 5 {
		t.Fatalf("max 150: %d %v, %d requests", len(got), err, len(f.to("GET /conversations/search")))
	}
	got, err = c.SearchConversations(ctx, "", ConversationQuery{}, 30)
	if err != nil || len(got) != 30 || f.last().Query.Get("limit") != "30" || len(f.to("GET /conversations/search")) != 6 {
		t.Fatalf("max 30: %d %v", len(got), err)
	}
}

func TestSearchConversationsSortCursorAndErrors(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversations/search": func(w http.ResponseWriter, r *http.Request, b []byte) {
			switch r.URL.Query().Get("locationId") {
			case "sorted":
				fakeConversations(120, true)(w, r, b)
			case "nodate":
				var convs []map[string]any
				for i := range 100 {
					convs = append(convs, map[string]any{"id": fmt.Sprint(i)})
				}
				writeJSON(w, 200, map[string]any{"conversations": convs})
			default:
				writeJSON(w, 403, map[string]any{"statusCode": 403, "message": "The token does not have access to this location.", "error": "Forbidden"})
			}
		},
	})
	ctx := context.Background()
	got, err := c.SearchConversations(ctx, "sorted", ConversationQuery{}, 0)
	if err != nil || len(got) != 120 || f.last().Query.Get("startAfterDate") != "1722627978243" {
		t.Fatalf("sort cursor: %d %v %v", len(got), err, f.last().Query)
	}
	// Items without sort and lastMessageDate (the official item schema has neither): the client
	// reads the page's last conversation to learn where the next page starts; when that read
	// fails, the list fails instead of ending short.
	if _, err := c.SearchConversations(ctx, "nodate", ConversationQuery{}, 0); err == nil || !strings.Contains(err.Error(), "reading the last conversation") {
		t.Fatalf("no cursor: %v", err)
	}
	if got := f.to("GET /conversations/99"); len(got) != 1 {
		t.Fatalf("%d reads of the last conversation, want 1", len(got))
	}
	if _, err := c.SearchConversations(ctx, "other", ConversationQuery{}, 0); !IsForbidden(err) {
		t.Fatalf("403: %v", err)
	}
}

func TestGetConversationAndMessage(t *testing.T) {
	t.Parallel()
	msg := map[string]any{"id": "m1", "type": 2, "messageType": "TYPE_SMS", "locationId": "loc1", "contactId": "ct", "conversationId": "cv1",
		"dateAdded": "2025-08-02T19:47:57.243Z", "body": "Hello", "direction": "inbound", "status": "delivered", "contentType": "text/plain",
		"attachments": []any{"https://x/a.png"}, "meta": map[string]any{"callDuration": 12, "email": map[string]any{"messageIds": []string{"e1"}}},
		"source": "app", "userId": "u1", "conversationProviderId": "p", "chatWidgetId": ""}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversations/cv1": reply(200, map[string]any{"id": "cv1", "contactId": "ct", "locationId": "loc1", "deleted": false,
			"inbox": true, "type": 1, "unreadCount": 2, "assignedTo": "u1", "starred": true}),
		"GET /conversations/gone":        notFound("Conversation"),
		"GET /conversations/messages/m1": reply(200, msg),
		"GET /conversations/messages/m2": reply(200, map[string]any{"message": map[string]any{"id": "m2", "type": "3", "dateAdded": 1722628077243}}),
	})
	ctx := context.Background()
	cv, err := c.GetConversation(ctx, "", "cv1")
	if err != nil || cv.Type != "1" || !cv.Inbox || !cv.Starred || cv.UnreadCount != 2 || cv.AssignedTo != "u1" {
		t.Fatalf("conversation %+v %v", cv, err)
	}
	checkCall(t, f.last(), "GET", "/conversations/cv1", "", "", v20210415)
	if _, err := c.GetConversation(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("404: %v", err)
	}
	m, err := c.GetMessage(ctx, "", "m1")
	if err != nil || m.Type != 2 || m.Body != "Hello" || m.DateAdded != "2025-08-02T19:47:57.243Z" || len(m.Attachments) != 1 ||
		string(m.Attachments[0]) != `"https://x/a.png"` || !strings.Contains(string(m.Meta), `"callDuration":12`) || m.ConversationProviderID != "p" {
		t.Fatalf("message %+v %v", m, err)
	}
	checkCall(t, f.last(), "GET", "/conversations/messages/m1", "", "", v20210415)
	if m, err = c.GetMessage(ctx, "", "m2"); err != nil || m.ID != "m2" || m.Type != 3 || m.DateAdded != "1722628077243" || m.Meta != nil {
		t.Fatalf("lenient message %+v %v", m, err)
	}
}

// fakeMessages serves total messages of a conversation, paged by lastMessageId; nested selects
// the OAS nested form.
func fakeMessages(total int, nested bool) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		start := 0
		if last := q.Get("lastMessageId"); last != "" {
			_, _ = fmt.Sscanf(last, "m%03d", &start)
			start++
		}
		var msgs []map[string]any
		for i := start; i < total && len(msgs) < limit; i++ {
			msgs = append(msgs, map[string]any{"id": fmt.Sprintf("m%03d", i), "type": 1, "body": fmt.Sprint(i)})
		}
		page := map[string]any{"messages": msgs, "nextPage": start+len(msgs) < total}
		if len(msgs) > 0 {
			page["lastMessageId"] = msgs[len(msgs)-1]["id"]
		}
		if nested {
			writeJSON(w, 200, map[string]any{"messages": page, "traceId": "t"})
			return
		}
		writeJSON(w, 200, page)
	}
}

func TestListMessages(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversations/nested/messages": fakeMessages(230, true),
		"GET /conversations/flat/messages":   fakeMessages(230, false),
		"GET /conversations/empty/messages":  reply(200, map[string]any{"messages": map[string]any{"messages": []any{}, "nextPage": false}}),
	})
	ctx := context.Background()
	for _, id := range []string{"nested", "flat"} {
		got, err := c.ListMessages(ctx, "", id, 0)
		if err != nil || len(got) != 230 || got[229].ID != "m229" || got[10].Body != "10" {
			t.Fatalf("%s: %d %v", id, len(got), err)
		}
		calls := f.to("GET /conversations/" + id + "/messages")
		if len(calls) != 3 {
			t.Fatalf("%s: %d requests, want 3", id, len(calls))
		}
		checkCall(t, calls[0], "GET", "/conversations/"+id+"/messages", "limit=100", "", v20210415)
		checkCall(t, calls[2], "GET", "/conversations/"+id+"/messages", "lastMessageId=m199&limit=100", "", v20210415)
	}
	got, err := c.ListMessages(ctx, "", "nested", 120)
	if err != nil || len(got) != 120 || len(f.to("GET /conversations/nested/messages")) != 5 {
		t.Fatalf("max: %d %v", len(got), err)
	}
	if got, err := c.ListMessages(ctx, "", "empty", 0); err != nil || len(got) != 0 {
		t.Fatalf("empty: %v %v", got, err)
	}
	if _, err := c.ListMessages(ctx, "", "", 0); err == nil {
		t.Fatal("empty id accepted")
	}
}

func TestExportMessages(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversations/messages/export": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			switch r.URL.Query().Get("cursor") {
			case "":
				writeJSON(w, 200, map[string]any{"messages": []any{map[string]any{"id": "m1"}, map[string]any{"id": "m2"}}, "nextCursor": "cur2", "total": 3})
			case "cur2":
				writeJSON(w, 200, map[string]any{"messages": []any{map[string]any{"id": "m3"}}, "nextCursor": nil, "total": 3})
			case "stuck":
				writeJSON(w, 200, map[string]any{"messages": []any{}, "nextCursor": "stuck", "total": 3})
			default:
				writeJSON(w, 200, map[string]any{"messages": []any{}, "total": 3}) // nextCursor absent
			}
		},
	})
	ctx := context.Background()
	q := ExportQuery{Channel: "SMS", SortOrder: "asc", StartDate: "2025-01-01T00:00:00.000Z"}
	page, next, total, err := c.ExportMessages(ctx, "", q, "")
	if err != nil || len(page) != 2 || next != "cur2" || total != 3 {
		t.Fatalf("page 1: %v %q %d %v", page, next, total, err)
	}
	checkCall(t, f.last(), "GET", "/conversations/messages/export", "channel=SMS&limit=100&locationId=loc1&sortOrder=asc&startDate=2025-01-01T00%3A00%3A00.000Z", "", v20210415)
	page, next, _, err = c.ExportMessages(ctx, "", ExportQuery{Limit: 500}, next)
	if err != nil || len(page) != 1 || page[0].ID != "m3" || next != "" {
		t.Fatalf("page 2: %v %q %v", page, next, err)
	}
	checkCall(t, f.last(), "GET", "/conversations/messages/export", "cursor=cur2&limit=500&locationId=loc1", "", v20210415)
	if _, next, _, err = c.ExportMessages(ctx, "", ExportQuery{}, "other"); err != nil || next != "" {
		t.Fatalf("absent nextCursor: %q %v", next, err)
	}
	if _, _, _, err = c.ExportMessages(ctx, "", ExportQuery{}, "stuck"); err == nil || !strings.Contains(err.Error(), "same cursor") {
		t.Fatalf("stuck: %v", err)
	}
	n := len(f.all())
	for _, limit := range []int{9, 501, -1} {
		if _, _, _, err := c.ExportMessages(ctx, "", ExportQuery{Limit: limit}, ""); err == nil || !strings.Contains(err.Error(), "between 10 and 500") {
			t.Errorf("limit %d: %v", limit, err)
		}
	}
	if len(f.all()) != n {
		t.Error("invalid limit was sent")
	}
}

func TestGetGeneration(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversation-ai/generations": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			if r.URL.Query().Get("messageId") == "none" {
				notFound("Generation")(w, r, nil)
				return
			}
			_, _ = w.Write([]byte(`{"prompt":"You are…","intent":"pricing","responseMessage":"It costs $5","faqs":[{"question":"q","answer":"a"}],` +
				`"website":[],"agentId":"a1","input":"how much?","actionLogs":[{"type":"stopBot"}],` +
				`"history":[{"role":"user","content":"hi"},{"role":"assistant","content":{"text":"x"}}],"mode":"auto-pilot","traceId":"t"}`))
		},
	})
	ctx := context.Background()
	g, err := c.GetGeneration(ctx, "", "m1", "")
	if err != nil || g.AgentID != "a1" || g.Intent == nil || *g.Intent != "pricing" || g.Input != "how much?" || g.Mode != "auto-pilot" ||
		len(g.FAQs) != 1 || g.Website == nil || len(g.Website) != 0 || len(g.ActionLogs) != 1 || len(g.History) != 2 ||
		g.History[1].Role != "assistant" || g.History[1].Content != `{"text":"x"}` || g.ResponseMessage != "It costs $5" {
		t.Fatalf("generation %+v %v", g, err)
	}
	var faq struct{ Question string }
	if json.Unmarshal(g.FAQs[0], &faq) != nil || faq.Question != "q" {
		t.Fatalf("faq %s", g.FAQs[0])
	}
	checkCall(t, f.last(), "GET", "/conversation-ai/generations", "messageId=m1&source=conversation", "", v20210415)
	if _, err := c.GetGeneration(ctx, "", "m1", GenerationSourceWorkflow); err != nil || f.last().Query.Get("source") != "workflow" {
		t.Fatalf("workflow: %v", err)
	}
	if _, err := c.GetGeneration(ctx, "", "none", ""); !IsNotFound(err) {
		t.Fatalf("404: %v", err)
	}
}

func TestLooseDecoding(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]int64{`12`: 12, `"12"`: 12, `null`: 0, ``: 0, `1.0`: 1, `""`: 0} {
		if got, err := looseInt(json.RawMessage(raw)); err != nil || got != want {
			t.Errorf("looseInt(%s) = %d, %v", raw, got, err)
		}
	}
	for _, raw := range []string{`1.5`, `"x"`, `true`} {
		if _, err := looseInt(json.RawMessage(raw)); err == nil {
			t.Errorf("looseInt(%s) accepted", raw)
		}
	}
	if got, err := looseMillis(json.RawMessage(`"2024-08-02T19:47:57.243Z"`)); err != nil || got != 1722628077243 {
		t.Errorf("looseMillis ISO = %d, %v", got, err)
	}
	var cv Conversation
	if err := json.Unmarshal([]byte(`{"id":"c","lastMessageDate":"soon"}`), &cv); err == nil {
		t.Error("a bad lastMessageDate must fail")
	}
}

// A server that lists messages oldest first (the order is unconfirmed, §1.5; the emulator's
// reverse_list_order): the client reads to the end and answers the newest first anyway.
func TestListMessagesOldestFirst(t *testing.T) {
	t.Parallel()
	const total = 150
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversations/asc/messages": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			start := 0
			if last := r.URL.Query().Get("lastMessageId"); last != "" {
				_, _ = fmt.Sscanf(last, "m%03d", &start)
				start++
			}
			var msgs []map[string]any
			for i := start; i < total && len(msgs) < 100; i++ {
				msgs = append(msgs, map[string]any{"id": fmt.Sprintf("m%03d", i), "type": 1,
					"dateAdded": time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC).Format(time.RFC3339Nano)})
			}
			page := map[string]any{"messages": msgs, "nextPage": start+len(msgs) < total}
			if len(msgs) > 0 {
				page["lastMessageId"] = msgs[len(msgs)-1]["id"]
			}
			writeJSON(w, 200, page)
		},
	})
	got, err := c.ListMessages(context.Background(), "", "asc", 20)
	if err != nil || len(got) != 20 || got[0].ID != "m149" || got[19].ID != "m130" {
		t.Fatalf("%d messages, first %v: %v", len(got), got, err)
	}
	if n := len(f.to("GET /conversations/asc/messages")); n != 2 {
		t.Fatalf("%d requests, want 2 (the whole list)", n)
	}
}

// Search items without sort and lastMessageDate, and a conversation answer without
// lastMessageDate either: the next page starts after the date of the conversation's newest
// message.
func TestSearchConversationsCursorFromNewestMessage(t *testing.T) {
	t.Parallel()
	newest := time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC)
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversations/search": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			convs := []map[string]any{}
			if r.URL.Query().Get("startAfterDate") == "" {
				for i := range 100 {
					convs = append(convs, map[string]any{"id": fmt.Sprintf("c%d", i)})
				}
			}
			writeJSON(w, 200, map[string]any{"conversations": convs})
		},
		"GET /conversations/c99": reply(200, map[string]any{"id": "c99", "type": "TYPE_PHONE"}),
		"GET /conversations/c99/messages": reply(200, map[string]any{"nextPage": false, "lastMessageId": "m1", "messages": []any{
			map[string]any{"id": "m1", "dateAdded": newest.Format(time.RFC3339Nano)},
			map[string]any{"id": "m0", "dateAdded": newest.Add(-time.Minute).Format(time.RFC3339Nano)},
		}}),
	})
	got, err := c.SearchConversations(context.Background(), "", ConversationQuery{}, 0)
	if err != nil || len(got) != 100 {
		t.Fatalf("%d conversations: %v", len(got), err)
	}
	calls := f.to("GET /conversations/search")
	if len(calls) != 2 || calls[1].Query.Get("startAfterDate") != strconv.FormatInt(newest.UnixMilli(), 10) {
		t.Fatalf("searches %+v", calls)
	}
}
