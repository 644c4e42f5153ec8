// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"testing"
)

// Shapes the official SDK (@gohighlevel/api-client 3.1.0) declares, where the emulator used
// to answer or accept otherwise (issue 13; internal/sdkcheck drives the SDK itself).

// TestSDKWorkingHoursWithoutIntervals: WorkingHours.intervals is optional (OAS and SDK
// require only dayOfTheWeek). A day without it is accepted, by the follow-up PATCH and in an
// action's details, and read back without it.
func TestSDKWorkingHoursWithoutIntervals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	base := "/conversation-ai/agents/" + e.createAgent(tok, "Main")
	settings := map[string]any{"dynamicChannelSwitching": true, "workingHours": []any{
		map[string]any{"dayOfTheWeek": 6},
		map[string]any{"dayOfTheWeek": 1, "intervals": []any{map[string]any{"startHour": 9, "startMinute": 0, "endHour": 17, "endMinute": 0}}},
		map[string]any{"dayOfTheWeek": 2, "intervals": []any{}},
	}}
	check := func(fs map[string]any) {
		t.Helper()
		wh := objects(fs["workingHours"])
		if len(wh) != 3 {
			t.Fatalf("workingHours %v", fs)
		}
		if _, has := wh[0]["intervals"]; has || wh[0]["dayOfTheWeek"] != 6.0 {
			t.Errorf("a day sent without intervals is read back as %v", wh[0])
		}
		if len(objects(wh[1]["intervals"])) != 1 {
			t.Errorf("day with an interval %v", wh[1])
		}
		if iv, ok := wh[2]["intervals"].([]any); !ok || len(iv) != 0 {
			t.Errorf("a day sent with intervals [] is read back as %v", wh[2])
		}
	}

	details := validDetails("advancedFollowup", "")
	details["followupSettings"] = settings
	id := e.expect(e.do("POST", base+"/actions", tok, action("advancedFollowup", "inline", details)), 201).data()["id"].(string)
	check(e.expect(e.do("GET", base+"/actions/"+id, tok, nil), 200).data()["details"].(map[string]any)["followupSettings"].(map[string]any))

	other := e.expect(e.do("POST", base+"/actions", tok, action("advancedFollowup", "patched", validDetails("advancedFollowup", ""))), 201).data()["id"].(string)
	r := e.expect(e.do("PATCH", base+"/followup-settings", tok, map[string]any{"actionIds": []string{other}, "followupSettings": settings}), 200)
	check(r.data()["details"].(map[string]any)["followupSettings"].(map[string]any))
	check(e.expect(e.do("GET", base+"/actions/"+other, tok, nil), 200).data()["details"].(map[string]any)["followupSettings"].(map[string]any))

	// intervals, when present, is still validated.
	bad := map[string]any{"workingHours": []any{map[string]any{"dayOfTheWeek": 1, "intervals": "9-5"}}}
	if r := e.expect(e.do("PATCH", base+"/followup-settings", tok, map[string]any{"actionIds": []string{other}, "followupSettings": bad}), 422); !r.hasMessage("followupSettings.workingHours.0.intervals must be an array") {
		t.Errorf("%s", r.raw)
	}
}

// TestSDKMessagesListFlat: GET /conversations/{id}/messages answers the flat
// GetMessagesByConversationResponseDto {lastMessageId, nextPage, messages}; lastMessageId
// is a string (required) even on an empty page.
func TestSDKMessagesListFlat(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	convs, msgs := seededIDs(e.seed(map[string]any{"locationId": loc, "count": 1, "messagesPerConversation": 3}))
	r := e.expect(e.do("GET", "/conversations/"+convs[0]+"/messages?limit=2", tok, nil), 200)
	if keys(r.body) != "lastMessageId,messages,nextPage" || len(r.list("messages")) != 2 || r.body["nextPage"] != true || r.str("lastMessageId") != msgs[0][1] {
		t.Fatalf("first page %s", r.raw)
	}
	r = e.expect(e.do("GET", "/conversations/"+convs[0]+"/messages?limit=2&lastMessageId="+msgs[0][1], tok, nil), 200)
	if len(r.list("messages")) != 1 || r.body["nextPage"] != false || r.str("lastMessageId") != msgs[0][0] {
		t.Errorf("last page %s", r.raw)
	}
	r = e.expect(e.do("GET", "/conversations/"+convs[0]+"/messages?type=TYPE_EMAIL", tok, nil), 200)
	if last, ok := r.body["lastMessageId"].(string); !ok || last != "" || len(r.list("messages")) != 0 || r.body["nextPage"] != false {
		t.Errorf("empty page: lastMessageId must be the string \"\": %s", r.raw)
	}
}

// TestSDKCursorsNeverNull: optional cursors are strings in the official models (no null):
// absent on an empty page (lastKnowledgeBaseId, lastFaqId) or on the export's last page
// (nextCursor).
func TestSDKCursorsNeverNull(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "only")

	r := e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc+"&lastKnowledgeBaseId="+kb, tok, nil), 200)
	if _, has := r.data()["lastKnowledgeBaseId"]; has || r.data()["hasMore"] != false || len(objects(r.data()["knowledgeBases"])) != 0 {
		t.Errorf("empty KB page %s", r.raw)
	}
	if r = e.expect(e.do("GET", "/knowledge-bases/?locationId="+loc, tok, nil), 200); r.data()["lastKnowledgeBaseId"] != kb {
		t.Errorf("KB page %s", r.raw)
	}

	r = e.expect(e.do("GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, tok, nil), 200)
	if _, has := r.body["lastFaqId"]; has || r.body["hasMore"] != false || r.body["count"] != 0.0 {
		t.Errorf("empty FAQ page %s", r.raw)
	}

	e.seed(map[string]any{"locationId": loc, "count": 3, "messagesPerConversation": 5})
	r = e.expect(e.do("GET", "/conversations/messages/export?locationId="+loc+"&limit=10", tok, nil), 200)
	if next, ok := r.body["nextCursor"].(string); !ok || next == "" || len(r.list("messages")) != 10 {
		t.Fatalf("first export page %s", r.raw)
	}
	r = e.expect(e.do("GET", "/conversations/messages/export?locationId="+loc+"&limit=10&cursor="+r.str("nextCursor"), tok, nil), 200)
	if _, has := r.body["nextCursor"]; has || len(r.list("messages")) != 5 || r.body["total"] != 15.0 {
		t.Errorf("last export page: nextCursor must be absent: %s", r.raw)
	}
}

// TestSDKCrawlErrorDetails: a Failed status record's error is an ErrorDetailsDTO, whose
// stack, response, status, message and name are all required.
func TestSDKCrawlErrorDetails(t *testing.T) {
	t.Parallel()
	ce := newCrawlEnv(t)
	op := ce.discover(map[string]any{"url": "https://shop.example.com/fail", "option": "Exact", "autoTrain": true})
	ce.advance(3 * testStep)
	_, groups := ce.status(op)
	if len(groups["Failed"]) != 1 {
		t.Fatalf("groups %v", groups)
	}
	e, _ := groups["Failed"][0]["error"].(map[string]any)
	for _, k := range []string{"stack", "response", "message", "name"} {
		if s, ok := e[k].(string); !ok || s == "" {
			t.Errorf("error.%s = %v, want a non-empty string (%v)", k, e[k], e)
		}
	}
	if _, ok := e["status"].(float64); !ok {
		t.Errorf("error.status = %v, want a number", e["status"])
	}

	op = ce.discover(map[string]any{"url": "https://down.invalid/", "option": "Exact"})
	ce.advance(testStep)
	_, groups = ce.status(op)
	if e, _ := groups["Failed"][0]["error"].(map[string]any); e["stack"] == nil || e["response"] == nil || e["name"] != "FetchError" {
		t.Errorf("failed discovery record %v", groups["Failed"])
	}
}
