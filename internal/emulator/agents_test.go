// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

func TestAgentCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, locID := e.loc(0)

	r := e.expect(e.do("POST", "/conversation-ai/agents", tok, validAgent("Sales Bot")), 201)
	id := r.str("id")
	if len(id) != 20 {
		t.Fatalf("id %q is not 20 chars", id)
	}
	want := map[string]any{
		"name": "Sales Bot", "mode": "off", "waitTime": 2.0, "waitTimeUnit": "seconds", "sleepEnabled": false,
		"autoPilotMaxMessages": 75.0, "isPrimary": true, "respondToImages": false, "respondToAudio": false,
		"sleepOnManualMessage": false, "sleepOnWorkflowMessage": false, "locationId": locID,
		"personality": "friendly", "goal": "book calls", "instructions": "be brief",
	}
	for k, v := range want {
		if r.body[k] != v {
			t.Errorf("%s = %v, want %v", k, r.body[k], v)
		}
	}
	for _, k := range []string{"channels", "knowledgeBaseIds", "actions"} {
		if l, ok := r.body[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s = %v, want []", k, r.body[k])
		}
	}
	for _, k := range []string{"sleepTime", "sleepTimeUnit", "businessName"} {
		if _, ok := r.body[k]; ok {
			t.Errorf("%s present, want absent", k)
		}
	}
	if !strings.HasSuffix(r.str("createdAt"), "Z") || len(r.str("createdAt")) != 24 {
		t.Errorf("createdAt %q not ISO with ms", r.str("createdAt"))
	}

	g := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200)
	delete(g.body, "traceId")
	delete(r.body, "traceId")
	if !maps.EqualFunc(g.body, r.body, func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Errorf("GET differs from POST:\n%v\n%v", g.body, r.body)
	}

	// PUT merges: only name and the required autoPilotMaxMessages change.
	u := e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{
		"name": "Renamed", "autoPilotMaxMessages": 10, "businessName": "Acme", "respondToAudio": true,
	}), 200)
	if u.str("name") != "Renamed" || u.body["autoPilotMaxMessages"] != 10.0 || u.str("goal") != "book calls" ||
		u.str("businessName") != "Acme" || u.body["respondToAudio"] != true {
		t.Errorf("PUT result %s", u.raw)
	}
	u = e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"businessName": "", "autoPilotMaxMessages": 10}), 200)
	if bn, ok := u.body["businessName"]; !ok || bn != "" {
		t.Errorf("businessName not cleared: %s", u.raw)
	}

	d := e.expect(e.do("DELETE", "/conversation-ai/agents/"+id, tok, nil), 200)
	if d.body["success"] != true || d.str("id") != id {
		t.Errorf("DELETE body %s", d.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 404)
	nf := e.expect(e.do("DELETE", "/conversation-ai/agents/"+id, tok, nil), 404)
	if nf.str("message") != "Agent not found" || nf.str("error") != "Not Found" {
		t.Errorf("404 body %s", nf.raw)
	}
}

func TestAgentCreateValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	with := func(kv ...any) map[string]any {
		b := validAgent("x")
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(b, kv[i].(string))
			} else {
				b[kv[i].(string)] = kv[i+1]
			}
		}
		return b
	}
	cases := []struct {
		name string
		body map[string]any
		msg  string
	}{
		{"name missing", with("name", nil), "name should not be empty"},
		{"name empty", with("name", ""), "name should not be empty"},
		{"name not string", with("name", 5), "name must be a string"},
		{"goal missing", with("goal", nil), "goal should not be empty"},
		{"unknown field", with("nameLower", "x"), "property nameLower should not exist"},
		{"id rejected", with("id", "abc"), "property id should not exist"},
		{"mode", with("mode", "on"), "mode must be one of the following values: off, suggestive, auto-pilot"},
		{"channels enum", with("channels", []string{"SMS", "Email"}), "each value in channels must be one of the following values"},
		{"channels type", with("channels", "SMS"), "channels must be an array"},
		{"wait minutes", with("waitTime", 6, "waitTimeUnit", "minutes"), "waitTime must not be greater than 5 when waitTimeUnit is minutes"},
		{"wait seconds", with("waitTime", 301), "waitTime must not be greater than 300 when waitTimeUnit is seconds"},
		{"wait negative", with("waitTime", -1), "waitTime must not be less than 0"},
		{"wait fraction", with("waitTime", 1.5), "waitTime must be an integer number"},
		{"wait unit", with("waitTimeUnit", "hours"), "waitTimeUnit must be one of the following values: minutes, seconds"},
		{"sleep without enabled", with("sleepTime", 3, "sleepTimeUnit", "hours"), "sleepTime should not be provided when sleepEnabled is false"},
		{"sleep null without enabled", with("sleepEnabled", false, "sleepTime", nil, "sleepTimeUnit", "hours"), "sleepTimeUnit should not be provided when sleepEnabled is false"},
		{"sleep enabled no time", with("sleepEnabled", true), "sleepTime must be provided when sleepEnabled is true"},
		{"sleep hours", with("sleepEnabled", true, "sleepTime", 49, "sleepTimeUnit", "hours"), "sleepTime must not be greater than 48 when sleepTimeUnit is hours"},
		{"sleep minutes", with("sleepEnabled", true, "sleepTime", 2881, "sleepTimeUnit", "minutes"), "sleepTime must not be greater than 2880"},
		{"sleep seconds", with("sleepEnabled", true, "sleepTime", 172801, "sleepTimeUnit", "seconds"), "sleepTime must not be greater than 172800"},
		{"sleep no unit", with("sleepEnabled", true, "sleepTime", 5), "sleepTimeUnit must be provided when sleepTime is set"},
		{"sleep unit enum", with("sleepEnabled", true, "sleepTime", 5, "sleepTimeUnit", "days"), "sleepTimeUnit must be one of the following values: hours, minutes, seconds"},
		{"autopilot low", with("autoPilotMaxMessages", 0), "autoPilotMaxMessages must not be less than 1"},
		{"autopilot high", with("autoPilotMaxMessages", 101), "autoPilotMaxMessages must not be greater than 100"},
		{"autopilot fraction", with("autoPilotMaxMessages", 50.5), "autoPilotMaxMessages must be an integer number"},
		{"autopilot string", with("autoPilotMaxMessages", "50"), "autoPilotMaxMessages must be a number"},
		{"kb unknown", with("knowledgeBaseIds", []string{"nope"}), "knowledgeBaseIds contains unknown knowledge base nope"},
		{"bool", with("isPrimary", "yes"), "isPrimary must be a boolean value"},
		{"respondToImages", with("respondToImages", 1), "respondToImages must be a boolean value"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.expect(e.do("POST", "/conversation-ai/agents", tok, tc.body), 422)
			if !r.hasMessage(tc.msg) {
				t.Errorf("messages %q lack %q", r.messages(), tc.msg)
			}
			if r.str("error") != "Unprocessable Entity" {
				t.Errorf("error %q", r.str("error"))
			}
		})
	}
	for _, body := range []string{`{"name":`, `[1,2]`, `"x"`} {
		r := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 400)
		if r.str("message") != "Bad Request" {
			t.Errorf("malformed %q: %s", body, r.raw)
		}
	}
	// Nothing was created by the rejected requests.
	s := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	if s.body["totalCount"] != 0.0 {
		t.Errorf("rejected creates left agents: %s", s.raw)
	}
}

func TestAgentSleepChannelsAndNulls(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	b := validAgent("Sleepy")
	b["sleepEnabled"], b["sleepTime"], b["sleepTimeUnit"] = true, 2, "hours"
	b["channels"] = []string{"WhatsApp", "SMS", "WhatsApp", "IG"}
	b["businessName"] = nil // null = omitted
	r := e.expect(e.do("POST", "/conversation-ai/agents", tok, b), 201)
	if r.body["sleepTime"] != 2.0 || r.str("sleepTimeUnit") != "hours" {
		t.Errorf("sleep %s", r.raw)
	}
	if fmt.Sprint(r.body["channels"]) != "[WhatsApp SMS IG]" {
		t.Errorf("channels %v, want de-duplicated in order", r.body["channels"])
	}
	id := r.str("id")
	// Indefinite sleep: null.
	u := e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"sleepTime": nil, "autoPilotMaxMessages": 5}), 200)
	if v, ok := u.body["sleepTime"]; !ok || v != nil {
		t.Errorf("sleepTime not null: %s", u.raw)
	}
	// PUT keeps sleep when the body does not mention it; sleepTime alone uses the stored unit.
	u = e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"sleepTime": 30, "sleepTimeUnit": "minutes", "autoPilotMaxMessages": 5}), 200)
	u = e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"sleepTime": 45, "autoPilotMaxMessages": 5}), 200)
	if u.body["sleepTime"] != 45.0 || u.str("sleepTimeUnit") != "minutes" {
		t.Errorf("merge %s", u.raw)
	}
	u = e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"sleepTime": 2881, "autoPilotMaxMessages": 5}), 422)
	// Turning sleep off clears and hides the fields.
	u = e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"sleepEnabled": false, "autoPilotMaxMessages": 5}), 200)
	if _, ok := u.body["sleepTime"]; ok {
		t.Errorf("sleepTime still present: %s", u.raw)
	}
	e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"sleepTime": 1, "sleepTimeUnit": "hours", "autoPilotMaxMessages": 5}), 422)
	// waitTime bound uses the stored unit on PUT.
	e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"waitTimeUnit": "minutes", "waitTime": 5, "autoPilotMaxMessages": 5}), 200)
	w := e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"waitTime": 6, "autoPilotMaxMessages": 5}), 422)
	if !w.hasMessage("when waitTimeUnit is minutes") {
		t.Errorf("%s", w.raw)
	}
}

func TestAgentUpdateErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	id := e.createAgent(tok, "A")
	r := e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"name": "B"}), 422)
	if !r.hasMessage("autoPilotMaxMessages should not be empty") {
		t.Errorf("%s", r.raw)
	}
	r = e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"autoPilotMaxMessages": 5, "actions": []any{}, "createdAt": "x"}), 422)
	if !r.hasMessage("property actions should not exist") || !r.hasMessage("property createdAt should not exist") {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, map[string]any{"name": "", "autoPilotMaxMessages": 5}), 422)
	// Validation (422) comes before existence (404).
	e.expect(e.do("PUT", "/conversation-ai/agents/nope", tok, map[string]any{"name": "B"}), 422)
	e.expect(e.do("PUT", "/conversation-ai/agents/nope", tok, map[string]any{"autoPilotMaxMessages": 5}), 404)
	e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok, `{"autoPilotMaxMessages":`), 400)
}

func TestAgentPrimary(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	tok1, _ := e.loc(1)
	primary := func(id string) bool {
		return e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200).body["isPrimary"] == true
	}
	a := e.createAgent(tok, "A")
	b := e.createAgent(tok, "B")
	if !primary(a) || primary(b) {
		t.Fatal("first agent must be primary, second not")
	}
	// Another location's first agent is primary there, without touching this location.
	other := e.expect(e.do("POST", "/conversation-ai/agents", tok1, validAgent("O")), 201)
	if other.body["isPrimary"] != true || !primary(a) {
		t.Fatal("primary is per location")
	}
	body := validAgent("C")
	body["isPrimary"] = true
	c := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201).str("id")
	if primary(a) || !primary(c) {
		t.Fatal("isPrimary:true must clear the others")
	}
	e.expect(e.do("PUT", "/conversation-ai/agents/"+b, tok, map[string]any{"isPrimary": true, "autoPilotMaxMessages": 5}), 200)
	if primary(c) || !primary(b) {
		t.Fatal("PUT isPrimary:true must clear the others")
	}
	body = validAgent("D")
	body["isPrimary"] = false
	if e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201).body["isPrimary"] != false {
		t.Fatal("explicit false")
	}
}

func TestAgentKnowledgeBaseIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc0 := e.loc(0)
	_, loc1 := e.loc(1)
	kb := e.addKB(loc0)
	foreign := e.addKB(loc1)
	b := validAgent("K")
	b["knowledgeBaseIds"] = []string{kb, kb}
	r := e.expect(e.do("POST", "/conversation-ai/agents", tok, b), 201)
	if fmt.Sprint(r.body["knowledgeBaseIds"]) != "["+kb+"]" {
		t.Errorf("knowledgeBaseIds %v", r.body["knowledgeBaseIds"])
	}
	b["knowledgeBaseIds"] = []string{foreign}
	x := e.expect(e.do("POST", "/conversation-ai/agents", tok, b), 422)
	if !x.hasMessage("unknown knowledge base " + foreign) {
		t.Errorf("%s", x.raw)
	}
	// A deleted KB is not accepted either.
	e.emu.mu.Lock()
	e.emu.st.KnowledgeBases[kb].Deleted = true
	e.emu.mu.Unlock()
	e.expect(e.do("PUT", "/conversation-ai/agents/"+r.str("id"), tok, map[string]any{"knowledgeBaseIds": []string{kb}, "autoPilotMaxMessages": 5}), 422)
	e.expect(e.do("PUT", "/conversation-ai/agents/"+r.str("id"), tok, map[string]any{"knowledgeBaseIds": []string{}, "autoPilotMaxMessages": 5}), 200)
}

func TestAgentSearchPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	tok1, _ := e.loc(1)
	e.createAgent(tok1, "Other location agent")
	var ids []string
	for i := range 25 {
		ids = append(ids, e.createAgent(tok, fmt.Sprintf("Agent %02d", i)))
	}
	search := func(q string) resp {
		return e.expect(e.do("GET", "/conversation-ai/agents/search"+q, tok, nil), 200)
	}
	var seen []string
	after := ""
	for page := 0; ; page++ {
		q := "?limit=10"
		if after != "" {
			q += "&startAfter=" + after
		}
		r := search(q)
		agents := r.body["agents"].([]any)
		if r.body["totalCount"] != 25.0 || r.body["count"] != float64(len(agents)) {
			t.Fatalf("page %d counts: %s", page, r.raw)
		}
		for _, a := range agents {
			m := a.(map[string]any)
			seen = append(seen, m["id"].(string))
			if _, ok := m["goal"].(map[string]any); !ok {
				t.Fatalf("list goal is not an object: %v", m["goal"])
			}
			for _, k := range []string{"personality", "instructions", "respondToImages", "respondToAudio"} {
				if _, ok := m[k]; ok {
					t.Fatalf("list item has %s", k)
				}
			}
		}
		if len(agents) < 10 {
			break
		}
		after = seen[len(seen)-1]
	}
	if len(seen) != 25 {
		t.Fatalf("paged %d agents, want 25", len(seen))
	}
	for i, id := range seen { // createdAt desc: newest first
		if id != ids[24-i] {
			t.Fatalf("order: position %d is %s, want %s", i, id, ids[24-i])
		}
	}
	if r := search(""); r.body["count"] != 20.0 {
		t.Errorf("default limit: count %v", r.body["count"])
	}
	if r := search("?query=agent%201&locationId=ignored"); r.body["count"] != 10.0 || r.body["totalCount"] != 25.0 {
		t.Errorf("query: %s", r.raw)
	}
	if r := search("?query=Agent"); r.body["count"] != 0.0 {
		t.Errorf("query is matched against the lowercased name: %s", r.raw)
	}
	for _, q := range []string{"?limit=101", "?limit=0", "?limit=2.5", "?limit=x", "?startAfter=unknown"} {
		e.expect(e.do("GET", "/conversation-ai/agents/search"+q, tok, nil), 422)
	}
}

func TestAgentOfAnotherLocationIsNotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	tok1, _ := e.loc(1)
	id := e.createAgent(tok, "Mine")
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok1, nil), 404)
	e.expect(e.do("PUT", "/conversation-ai/agents/"+id, tok1, map[string]any{"autoPilotMaxMessages": 5}), 404)
	e.expect(e.do("DELETE", "/conversation-ai/agents/"+id, tok1, nil), 404)
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200)
}
