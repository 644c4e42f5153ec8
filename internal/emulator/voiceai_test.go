// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

func voiceAgentBody(locID string, kv ...any) map[string]any {
	m := map[string]any{"locationId": locID}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		m[k] = kv[i+1]
	}
	return m
}

func TestVoiceAIAgentCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)

	r := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc)), 201)
	id := r.str("id")
	if len(id) != 24 {
		t.Fatalf("id %q is not a 24-hex ObjectId", id)
	}
	want := map[string]any{
		"locationId": loc, "language": "en-US", "patienceLevel": "high", "maxCallDuration": 300.0,
		"sendUserIdleReminders": true, "reminderAfterIdleTimeSeconds": 8.0, "timezone": "America/New_York",
		"isAgentAsBackupDisabled": false, "businessName": "Client Location 1", "voiceId": voiceDefaultVoiceID,
		"welcomeMessage": "Hello, thank you for calling Client Location 1. How can I help you today?",
	}
	for k, v := range want {
		if r.body[k] != v {
			t.Errorf("%s = %v, want %v", k, r.body[k], v)
		}
	}
	if !strings.HasPrefix(r.str("agentName"), "My Agent ") || r.str("agentPrompt") == "" {
		t.Errorf("generated name/prompt: %s", r.raw)
	}
	for _, k := range []string{"inboundNumber", "numberPoolId"} {
		if v, ok := r.body[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	if _, ok := r.body["actions"]; ok {
		t.Errorf("create answer has actions: %s", r.raw)
	}
	notify := asMap(r.body["sendPostCallNotificationTo"])
	if notify["admins"] != true || notify["allUsers"] != false || fmt.Sprint(notify["specificUsers"]) != "[]" {
		t.Errorf("notification defaults %v", notify)
	}
	if tr := asMap(r.body["translation"]); tr["enabled"] != false {
		t.Errorf("translation %v", tr)
	}

	g := e.expect(e.do("GET", "/voice-ai/agents/"+id+"?locationId="+loc, tok, nil), 200)
	if a, ok := g.body["actions"].([]any); !ok || len(a) != 0 {
		t.Errorf("GET actions = %v, want []", g.body["actions"])
	}

	// PATCH: present members replace, absent keep; null clears inboundNumber.
	p := e.expect(e.do("PATCH", "/voice-ai/agents/"+id+"?locationId="+loc, tok, map[string]any{
		"agentName": "Front Desk", "inboundNumber": "+15550001111", "language": "es",
		"translation":       map[string]any{"enabled": true, "language": "en-US"},
		"agentWorkingHours": []any{map[string]any{"dayOfTheWeek": 7, "intervals": []any{map[string]any{"startHour": 9, "startMinute": 0, "endHour": 23, "endMinute": 59}}}},
	}), 200)
	if p.str("agentName") != "Front Desk" || p.str("inboundNumber") != "+15550001111" || p.body["maxCallDuration"] != 300.0 {
		t.Errorf("PATCH answer %s", p.raw)
	}
	e.expect(e.do("PATCH", "/voice-ai/agents/"+id+"?locationId="+loc, tok, map[string]any{}), 200)
	p = e.expect(e.do("PATCH", "/voice-ai/agents/"+id+"?locationId="+loc, tok, map[string]any{"inboundNumber": nil}), 200)
	if v, ok := p.body["inboundNumber"]; !ok || v != nil {
		t.Errorf("inboundNumber not cleared: %s", p.raw)
	}
	// Translation is checked against the agent after the write.
	bad := e.expect(e.do("PATCH", "/voice-ai/agents/"+id+"?locationId="+loc, tok, map[string]any{"language": "en-US"}), 422)
	if !bad.hasMessage("translation can only be enabled") {
		t.Errorf("422 %s", bad.raw)
	}

	e.expect(e.do("DELETE", "/voice-ai/agents/"+id+"?locationId="+loc, tok, nil), 204)
	e.expect(e.do("GET", "/voice-ai/agents/"+id+"?locationId="+loc, tok, nil), 404)
	nf := e.expect(e.do("DELETE", "/voice-ai/agents/"+id+"?locationId="+loc, tok, nil), 404)
	if nf.str("message") != "Agent not found" {
		t.Errorf("404 %s", nf.raw)
	}
}

func TestVoiceAIAgentValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	cases := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, "locationId should not be empty"},
		{voiceAgentBody(loc, "agentName", strings.Repeat("x", 41)), "agentName must be shorter than or equal to 40 characters"},
		{voiceAgentBody(loc, "agentName", ""), "agentName must be longer than or equal to 1 characters"},
		{voiceAgentBody(loc, "welcomeMessage", strings.Repeat("x", 191)), "welcomeMessage must be shorter than or equal to 190"},
		{voiceAgentBody(loc, "language", "en-GB"), "language must be one of the following values"},
		{voiceAgentBody(loc, "patienceLevel", "none"), "patienceLevel must be one of"},
		{voiceAgentBody(loc, "maxCallDuration", 179), "maxCallDuration must not be less than 180"},
		{voiceAgentBody(loc, "maxCallDuration", 901), "maxCallDuration must not be greater than 900"},
		{voiceAgentBody(loc, "maxCallDuration", 200.5), "maxCallDuration must be an integer number"},
		{voiceAgentBody(loc, "reminderAfterIdleTimeSeconds", 21), "reminderAfterIdleTimeSeconds must not be greater than 20"},
		{voiceAgentBody(loc, "timezone", "UTC"), "timezone must match"},
		{voiceAgentBody(loc, "timezone", "America/Argentina/Buenos_Aires"), "timezone must match"},
		{voiceAgentBody(loc, "callEndWorkflowIds", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}), "no more than 10"},
		{voiceAgentBody(loc, "sendPostCallNotificationTo", map[string]any{"admins": true}), "sendPostCallNotificationTo.allUsers must be a boolean value"},
		{voiceAgentBody(loc, "agentWorkingHours", []any{map[string]any{"dayOfTheWeek": 0, "intervals": []any{}}}), "dayOfTheWeek must not be less than 1"},
		{voiceAgentBody(loc, "agentWorkingHours", []any{map[string]any{"dayOfTheWeek": 1, "intervals": []any{map[string]any{"startHour": 24, "startMinute": 0, "endHour": 1, "endMinute": 0}}}}), "startHour must not be greater than 23"},
		{voiceAgentBody(loc, "translation", map[string]any{"enabled": true, "language": "es"}), "translation can only be enabled"},
		{voiceAgentBody(loc, "language", "es", "translation", map[string]any{"enabled": true}), "translation.language is required"},
		{voiceAgentBody(loc, "language", "es", "translation", map[string]any{"enabled": true, "language": "fr"}), "must be the agent's language or en-US"},
		{voiceAgentBody(loc, "agentPrompt", nil), "agentPrompt should not be null"},
		{voiceAgentBody(loc, "actions", []any{}), "property actions should not exist"},
	}
	for _, tc := range cases {
		r := e.expect(e.do("POST", "/voice-ai/agents", tok, tc.body), 422)
		if !r.hasMessage(tc.want) {
			t.Errorf("%v: want %q in %s", tc.body, tc.want, r.raw)
		}
	}
	// Another location is 403; a PATCH body may not carry locationId.
	_, loc2 := e.loc(1)
	e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc2)), 403)
	id := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc)), 201).str("id")
	e.expect(e.do("GET", "/voice-ai/agents/"+id+"?locationId="+loc2, tok, nil), 403)
	e.expect(e.do("GET", "/voice-ai/agents/"+id, tok, nil), 422)
	r := e.expect(e.do("PATCH", "/voice-ai/agents/"+id+"?locationId="+loc, tok, map[string]any{"locationId": loc}), 422)
	if !r.hasMessage("property locationId should not exist") {
		t.Errorf("PATCH locationId: %s", r.raw)
	}
	// Agency tokens may not call Voice AI routes.
	e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc, e.boot.AgencyToken, nil), 401)
	e.expect(e.do("GET", "/voice-ai/nothing", tok, nil), 404)
}

func TestVoiceAIAgentListPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	for i := range 23 {
		e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc, "agentName", fmt.Sprintf("Agent %02d", i))), 201)
	}
	r := e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc+"&page=3&pageSize=10", tok, nil), 200)
	agents := asList(r.body["agents"])
	if r.body["total"] != 23.0 || len(agents) != 3 || asMap(agents[0])["agentName"] != "Agent 20" {
		t.Fatalf("page 3: %s", r.raw)
	}
	r = e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc+"&page=4&pageSize=10", tok, nil), 200)
	if len(asList(r.body["agents"])) != 0 {
		t.Errorf("past the end: %s", r.raw)
	}
	r = e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc+"&query=agent%201", tok, nil), 200)
	if r.body["total"] != 10.0 {
		t.Errorf("query: %s", r.raw)
	}
	e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc+"&pageSize=51", tok, nil), 422)
	e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc+"&page=0", tok, nil), 422)

	// The shared page cap: the answer's pageSize says the size used.
	e.expect(e.admin("PUT", "/_emulator/variants", map[string]any{"page_size_cap": 5}), 200)
	r = e.expect(e.do("GET", "/voice-ai/agents?locationId="+loc+"&page=2&pageSize=50", tok, nil), 200)
	if r.body["pageSize"] != 5.0 || len(asList(r.body["agents"])) != 5 || asMap(asList(r.body["agents"])[0])["agentName"] != "Agent 05" {
		t.Errorf("capped page: %s", r.raw)
	}
	// The Voice AI switches: optional members left out, actions keyed _id.
	e.expect(e.admin("PUT", "/_emulator/voice-ai", map[string]any{"omit_optional": true, "underscore_action_ids": true}), 200)
	id, _ := asMap(asList(r.body["agents"])[0])["id"].(string)
	e.expect(e.do("POST", "/voice-ai/actions", tok, map[string]any{"agentId": id, "locationId": loc, "actionType": "SMS", "name": "Text",
		"actionParameters": map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "messageBody": "b"}}), 201)
	g := e.expect(e.do("GET", "/voice-ai/agents/"+id+"?locationId="+loc, tok, nil), 200)
	for _, k := range []string{"inboundNumber", "numberPoolId", "callEndWorkflowIds", "agentWorkingHours"} {
		if _, ok := g.body[k]; ok {
			t.Errorf("%s present under omit_optional: %s", k, g.raw)
		}
	}
	if a := asMap(asList(g.body["actions"])[0]); a["_id"] == nil || a["id"] != nil {
		t.Errorf("actions not keyed _id: %s", g.raw)
	}
	// selectedPaths answered under the OAS examples' name.
	e.expect(e.admin("PUT", "/_emulator/voice-ai", map[string]any{"response_paths_to_extract": true}), 200)
	ca := e.expect(e.do("POST", "/voice-ai/actions", tok, map[string]any{"agentId": id, "locationId": loc, "actionType": "CUSTOM_ACTION", "name": "Lookup",
		"actionParameters": map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "selectedPaths": []string{"$.a"},
			"apiDetails": map[string]any{"url": "https://api.example.com", "method": "GET"}}}), 201)
	if p := asMap(ca.body["actionParameters"]); p["responsePathsToExtract"] == nil || p["selectedPaths"] != nil {
		t.Errorf("response_paths_to_extract: %s", ca.raw)
	}
}

// TestVoiceAIPersistence: agents, actions (with the secret, never answered) and call logs
// survive a restart from the data file; the Voice AI switches do not (process configuration).
func TestVoiceAIPersistence(t *testing.T) {
	t.Parallel()
	file := t.TempDir() + "/state.json"
	emu, err := New(Options{DataFile: file, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	e := &env{t: t, emu: emu, srv: srv, boot: emu.Bootstrap(srv.URL)}
	tok, loc := e.loc(0)
	agent := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc, "agentName", "Kept")), 201).str("id")
	action := e.expect(e.do("POST", "/voice-ai/actions", tok, map[string]any{"agentId": agent, "locationId": loc, "actionType": "SMS", "name": "Text",
		"actionParameters": map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "messageBody": "b"}}), 201).str("id")
	e.expect(e.admin("POST", "/_emulator/seed/voice-call-logs", map[string]any{"locationId": loc, "count": 3}), 201)
	e.expect(e.admin("PUT", "/_emulator/voice-ai", map[string]any{"omit_optional": true}), 200)
	srv.Close()
	if err := emu.Close(); err != nil {
		t.Fatal(err)
	}

	again := newEnvFrom(t, file)
	g := again.expect(again.do("GET", "/voice-ai/agents/"+agent+"?locationId="+loc, tok, nil), 200)
	if g.str("agentName") != "Kept" || len(asList(g.body["actions"])) != 1 {
		t.Errorf("after restart: %s", g.raw)
	}
	if _, ok := g.body["inboundNumber"]; !ok {
		t.Errorf("the omit_optional switch survived the restart: %s", g.raw)
	}
	again.expect(again.do("GET", "/voice-ai/actions/"+action+"?locationId="+loc, tok, nil), 200)
	if l := again.expect(again.do("GET", "/voice-ai/dashboard/call-logs?locationId="+loc, tok, nil), 200); l.body["total"] != 3.0 {
		t.Errorf("call logs after restart: %s", l.raw)
	}
}

func newEnvFrom(t *testing.T, file string) *env {
	t.Helper()
	emu, err := New(Options{DataFile: file, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); _ = emu.Close() })
	return &env{t: t, emu: emu, srv: srv, boot: emu.Bootstrap(srv.URL)}
}

func TestVoiceAIActionsEveryType(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	agentID := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc)), 201).str("id")
	params := map[string]map[string]any{
		"CALL_TRANSFER":           {"triggerPrompt": "asks for a human", "triggerMessage": "Transferring you", "transferToType": "number", "transferToValue": "+15550001234"},
		"DATA_EXTRACTION":         {"contactFieldId": "email", "description": "the email", "examples": []string{"a@b.c"}},
		"IN_CALL_DATA_EXTRACTION": {"contactFieldId": "name", "description": "the name", "examples": []string{"Ann", "Bob"}, "overwriteExistingValue": true},
		"WORKFLOW_TRIGGER":        {"triggerPrompt": "p", "triggerMessage": "m", "workflowId": "wf1"},
		"SMS":                     {"triggerPrompt": "p", "triggerMessage": "m", "messageBody": "See you"},
		"APPOINTMENT_BOOKING":     {"calendarId": "cal", "daysOfOfferingDates": 3, "slotsPerDay": 4, "hoursBetweenSlots": 1},
		"CUSTOM_ACTION": {"triggerPrompt": "p", "triggerMessage": "m", "selectedPaths": []string{"$.status"}, "apiDetails": map[string]any{
			"url": "https://api.example.com/orders", "method": "GET", "authenticationRequired": true, "authenticationValue": "s3cret",
			"headers": []any{map[string]any{"key": "X-Key", "value": "hv"}}, "parameters": []any{map[string]any{"name": "order", "type": "string"}}}},
		"KNOWLEDGE_BASE": {"triggerPrompt": "asks about prices", "knowledgeBaseId": "kb1"},
	}
	ids := map[string]string{}
	for typ, p := range params {
		body := map[string]any{"agentId": agentID, "locationId": loc, "actionType": typ, "name": typ, "actionParameters": p}
		r := e.expect(e.do("POST", "/voice-ai/actions", tok, body), 201)
		if r.str("actionType") != typ || r.str("id") == "" {
			t.Fatalf("%s: %s", typ, r.raw)
		}
		if strings.Contains(string(r.raw), "s3cret") {
			t.Errorf("authenticationValue echoed: %s", r.raw)
		}
		ids[typ] = r.str("id")
		g := e.expect(e.do("GET", "/voice-ai/actions/"+r.str("id")+"?locationId="+loc, tok, nil), 200)
		if strings.Contains(string(g.raw), "s3cret") || strings.Contains(string(g.raw), "authenticationValue") {
			t.Errorf("GET echoes the secret: %s", g.raw)
		}
	}
	de := e.expect(e.do("GET", "/voice-ai/actions/"+ids["DATA_EXTRACTION"]+"?locationId="+loc, tok, nil), 200)
	if asMap(de.body["actionParameters"])["overwriteExistingValue"] != false {
		t.Errorf("overwriteExistingValue default: %s", de.raw)
	}
	g := e.expect(e.do("GET", "/voice-ai/agents/"+agentID+"?locationId="+loc, tok, nil), 200)
	if n := len(asList(g.body["actions"])); n != 8 {
		t.Errorf("agent has %d actions, want 8", n)
	}
	// PUT replaces whole; type and agent cannot change.
	put := map[string]any{"agentId": agentID, "locationId": loc, "actionType": "SMS", "name": "Renamed",
		"actionParameters": map[string]any{"triggerPrompt": "p2", "triggerMessage": "m2", "messageBody": "b2"}}
	u := e.expect(e.do("PUT", "/voice-ai/actions/"+ids["SMS"], tok, put), 200)
	if u.str("name") != "Renamed" {
		t.Errorf("PUT %s", u.raw)
	}
	put["actionType"] = "WORKFLOW_TRIGGER"
	put["actionParameters"] = map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "workflowId": "w"}
	if r := e.expect(e.do("PUT", "/voice-ai/actions/"+ids["SMS"], tok, put), 422); !r.hasMessage("actionType cannot be changed") {
		t.Errorf("type change: %s", r.raw)
	}
	// DELETE needs the owning agent.
	e.expect(e.do("DELETE", "/voice-ai/actions/"+ids["SMS"]+"?locationId="+loc+"&agentId=other", tok, nil), 404)
	e.expect(e.do("DELETE", "/voice-ai/actions/"+ids["SMS"]+"?locationId="+loc+"&agentId="+agentID, tok, nil), 204)
	e.expect(e.do("GET", "/voice-ai/actions/"+ids["SMS"]+"?locationId="+loc, tok, nil), 404)
	// Cascade: deleting the agent deletes its actions.
	e.expect(e.do("DELETE", "/voice-ai/agents/"+agentID+"?locationId="+loc, tok, nil), 204)
	e.expect(e.do("GET", "/voice-ai/actions/"+ids["KNOWLEDGE_BASE"]+"?locationId="+loc, tok, nil), 404)
	// Creating on a missing agent is 404.
	put["agentId"] = agentID
	e.expect(e.do("POST", "/voice-ai/actions", tok, put), 404)
}

func TestVoiceAIActionValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	agentID := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc)), 201).str("id")
	body := func(typ string, p map[string]any) map[string]any {
		return map[string]any{"agentId": agentID, "locationId": loc, "actionType": typ, "name": "n", "actionParameters": p}
	}
	cases := []struct {
		body map[string]any
		want string
	}{
		{body("CALL", map[string]any{}), "actionType must be one of"},
		{body("CALL_TRANSFER", map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "transferToType": "number", "transferToValue": "5550001234"}), "transferToValue must match"},
		{body("CALL_TRANSFER", map[string]any{"triggerMessage": "m", "transferToType": "number", "transferToValue": "+15550001234"}), "actionParameters.triggerPrompt should not be empty"},
		{body("DATA_EXTRACTION", map[string]any{"contactFieldId": "c", "description": "d", "examples": []string{}}), "examples must contain at least 1 elements"},
		{body("DATA_EXTRACTION", map[string]any{"contactFieldId": "c", "description": "d", "examples": []string{"1", "2", "3", "4", "5", "6"}}), "no more than 5 elements"},
		{body("APPOINTMENT_BOOKING", map[string]any{"calendarId": "c", "daysOfOfferingDates": -1, "slotsPerDay": 1, "hoursBetweenSlots": 1}), "daysOfOfferingDates must not be less than 0"},
		{body("CUSTOM_ACTION", map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "apiDetails": map[string]any{"url": "https://x.example", "method": "GET"}}), "selectedPaths must contain at least 1"},
		{body("CUSTOM_ACTION", map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "responsePathsToExtract": []string{"a"}, "apiDetails": map[string]any{"url": "https://x.example", "method": "POST"}}), "property actionParameters.responsePathsToExtract should not exist"},
		{body("CUSTOM_ACTION", map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "apiDetails": map[string]any{"url": "ftp://x", "method": "POST", "authenticationRequired": true}}), "apiDetails.authenticationValue should not be empty"},
		{body("KNOWLEDGE_BASE", map[string]any{"triggerPrompt": "p", "knowledgeBaseId": "k", "triggerMessage": "old"}), "property actionParameters.triggerMessage should not exist"},
	}
	for _, tc := range cases {
		r := e.expect(e.do("POST", "/voice-ai/actions", tok, tc.body), 422)
		if !r.hasMessage(tc.want) {
			t.Errorf("%v: want %q in %s", tc.body["actionParameters"], tc.want, r.raw)
		}
	}
}

func TestVoiceAICallLogs(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	a1 := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc)), 201).str("id")
	a2 := e.expect(e.do("POST", "/voice-ai/agents", tok, voiceAgentBody(loc)), 201).str("id")
	e.expect(e.do("POST", "/voice-ai/actions", tok, map[string]any{"agentId": a1, "locationId": loc, "actionType": "CUSTOM_ACTION", "name": "Lookup",
		"actionParameters": map[string]any{"triggerPrompt": "p", "triggerMessage": "m", "apiDetails": map[string]any{
			"url": "https://api.example.com", "method": "POST", "authenticationRequired": true, "authenticationValue": "s3cret"}}}), 201)
	seed := e.expect(e.admin("POST", "/_emulator/seed/voice-call-logs", map[string]any{"locationId": loc, "count": 30, "agentIds": []string{a1, a2}}), 201)
	if seed.body["count"] != 30.0 {
		t.Fatalf("seed %s", seed.raw)
	}
	r := e.expect(e.do("GET", "/voice-ai/dashboard/call-logs?locationId="+loc+"&pageSize=50", tok, nil), 200)
	logs := asList(r.body["callLogs"])
	if r.body["total"] != 30.0 || len(logs) != 30 {
		t.Fatalf("list %v", r.body["total"])
	}
	first := asMap(logs[0])
	if first["contactId"] != "contact0000" || first["transcript"] == "" || first["extractedData"] == nil {
		t.Errorf("newest first, full content: %v", first)
	}
	if strings.Contains(string(r.raw), "s3cret") {
		t.Errorf("executed custom action echoes the secret")
	}
	count := func(query string) float64 {
		return e.expect(e.do("GET", "/voice-ai/dashboard/call-logs?locationId="+loc+"&"+query, tok, nil), 200).body["total"].(float64)
	}
	if n := count("agentId=" + a1); n != 15 {
		t.Errorf("agentId filter: %v", n)
	}
	if n := count("callType=TRIAL"); n != 6 {
		t.Errorf("TRIAL: %v", n)
	}
	if n := count("callType=LIVE"); n != 24 {
		t.Errorf("LIVE: %v", n)
	}
	if n := count("contactId=contact0001,contact0002"); n != 2 {
		t.Errorf("contacts: %v", n)
	}
	if n := count("actionType=CUSTOM_ACTION,SMS"); n != 15 {
		t.Errorf("actionType: %v", n)
	}
	asc := e.expect(e.do("GET", "/voice-ai/dashboard/call-logs?locationId="+loc+"&sortBy=duration&sort=ascend&pageSize=1", tok, nil), 200)
	if asMap(asList(asc.body["callLogs"])[0])["duration"] != 30.0 {
		t.Errorf("sort: %s", asc.raw)
	}
	for _, q := range []string{"startDate=5", "startDate=10&endDate=5", "callType=X", "sort=ascend", "actionType=NOPE", "pageSize=0"} {
		e.expect(e.do("GET", "/voice-ai/dashboard/call-logs?locationId="+loc+"&"+q, tok, nil), 400)
	}
	id, _ := first["id"].(string)
	g := e.expect(e.do("GET", "/voice-ai/dashboard/call-logs/"+id+"?locationId="+loc, tok, nil), 200)
	if g.str("id") != id || g.str("summary") == "" {
		t.Errorf("get %s", g.raw)
	}
	e.expect(e.do("GET", "/voice-ai/dashboard/call-logs/nope?locationId="+loc, tok, nil), 404)
	// Deleting the agent keeps its logs, marked.
	e.expect(e.do("DELETE", "/voice-ai/agents/"+a2+"?locationId="+loc+"", tok, nil), 204)
	r = e.expect(e.do("GET", "/voice-ai/dashboard/call-logs?locationId="+loc+"&agentId="+a2+"&pageSize=1", tok, nil), 200)
	if r.body["total"] != 15.0 || asMap(asList(r.body["callLogs"])[0])["isAgentDeleted"] != true {
		t.Errorf("after agent delete: %s", r.raw)
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
