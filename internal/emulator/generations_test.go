// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"testing"
)

func TestGenerations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	agent := e.createAgent(tok, "Answerer")
	r := e.seed(map[string]any{"locationId": loc, "conversations": []any{
		map[string]any{"messages": []any{
			map[string]any{"body": "What are your hours?", "dateAdded": "2026-01-05T10:00:00Z"},
			map[string]any{"body": "We open at 9.", "direction": "outbound", "dateAdded": "2026-01-05T10:00:05Z",
				"generation": map[string]any{"agentId": agent, "prompt": "Be helpful", "intent": "hours",
					"faqs": []any{map[string]any{"question": "Hours?", "answer": "9-5"}}, "website": []any{"https://a.example/hours"},
					"actionLogs": []any{map[string]any{"type": "stopBot"}}, "mode": "suggestive"}},
			map[string]any{"body": "Thanks", "dateAdded": "2026-01-05T10:01:00Z"},
			map[string]any{"body": "Via workflow", "direction": "outbound", "dateAdded": "2026-01-05T10:02:00Z",
				"generation": map[string]any{"agentId": agent, "source": "workflow", "input": "custom input",
					"history": []any{map[string]any{"role": "user", "content": "x"}}}},
		}},
	}})
	_, ids := seededIDs(r)
	msg := ids[0]

	g := e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[1]+"&source=conversation", tok, nil), 200)
	if g.str("agentId") != agent || g.str("prompt") != "Be helpful" || g.str("intent") != "hours" || g.str("responseMessage") != "We open at 9." ||
		g.str("input") != "What are your hours?" || g.str("mode") != "suggestive" || len(g.body["faqs"].([]any)) != 1 ||
		fmt.Sprint(g.body["website"]) != "[https://a.example/hours]" || len(g.body["actionLogs"].([]any)) != 1 {
		t.Errorf("generation %s", g.raw)
	}
	if h := g.list("history"); len(h) != 1 || h[0]["role"] != "user" || h[0]["content"] != "What are your hours?" {
		t.Errorf("history %v", h)
	}
	w := e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[3]+"&source=workflow", tok, nil), 200)
	if w.str("input") != "custom input" || len(w.list("history")) != 1 || w.str("mode") != "auto-pilot" || w.body["intent"] != nil {
		t.Errorf("workflow generation %s", w.raw)
	}

	// 404s: wrong source, a message without generation, unknown message, other location.
	if x := e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[1]+"&source=workflow", tok, nil), 404); x.str("message") != "Generation not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[0]+"&source=conversation", tok, nil), 404)
	e.expect(e.do("GET", "/conversation-ai/generations?messageId=nope&source=conversation", tok, nil), 404)
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[1]+"&source=conversation", tok1, nil), 404)
	// The route carries no locationId: a stray one is ignored (§1.7).
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[1]+"&source=conversation&locationId="+loc1, tok, nil), 200)
	// 422s.
	x := e.expect(e.do("GET", "/conversation-ai/generations", tok, nil), 422)
	if !x.hasMessage("messageId should not be empty") || !x.hasMessage("source should not be empty") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[1]+"&source=email", tok, nil), 422)
	// Scope: conversation-ai.readonly.
	e.dropScopes(tok, "conversation-ai.readonly")
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+msg[1]+"&source=conversation", tok, nil), 401)
}
