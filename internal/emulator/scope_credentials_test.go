// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var sctToken = regexp.MustCompile(`^sct-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// issue creates a scope and a credential under it and returns the token and scope id.
func (e *env) issue(token string, scope map[string]any) (cred, scopeID string) {
	e.t.Helper()
	scopeID = e.createScope(token, scope)["id"].(string)
	d := e.expect(e.do("POST", "/conversation-ai/scopes/"+scopeID+"/credentials", token, map[string]any{"name": "app"}), 201).data()
	return d["token"].(string), scopeID
}

func TestCredentialLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, _ := e.loc(1)
	scope := e.createScope(tok, map[string]any{"locationId": loc, "name": "s", "permissions": []string{"conversations.readonly"}})["id"].(string)
	base := "/conversation-ai/scopes/" + scope + "/credentials"

	exp := e.now().Add(48 * time.Hour).Format("2006-01-02T15:04:05.000Z")
	r := e.expect(e.do("POST", base, tok, map[string]any{"name": " first ", "expiresAt": exp}), 201)
	c := r.data()
	token, _ := c["token"].(string)
	id, _ := c["id"].(string)
	if r.body["success"] != true || !sctToken.MatchString(token) || c["tokenPrefix"] != token[:8] || c["expiresAt"] != exp ||
		c["name"] != "first" || c["scopeId"] != scope || c["locationId"] != loc || len(id) != 20 || c["createdAt"] == nil {
		t.Fatalf("create %s", r.raw)
	}
	second := e.expect(e.do("POST", base, tok, map[string]any{"name": "second", "expiresAt": nil}), 201).data()
	if v, ok := second["expiresAt"]; !ok || v != nil {
		t.Errorf("expiresAt null: %v", second)
	}
	// GET and list never show the token.
	g := e.expect(e.do("GET", base+"/"+id, tok, nil), 200)
	if _, ok := g.data()["token"]; ok || g.data()["tokenPrefix"] != token[:8] || strings.Contains(string(g.raw), token) {
		t.Errorf("GET shows the token: %s", g.raw)
	}
	l := e.expect(e.do("GET", base, tok, nil), 200)
	if items := l.list("data"); len(items) != 2 || items[0]["id"] != id || items[1]["id"] != second["id"] || strings.Contains(string(l.raw), token) {
		t.Errorf("list %s", l.raw)
	}
	// The credential works until deleted.
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, token, nil), 200)
	if d := e.expect(e.do("DELETE", base+"/"+id, tok, nil), 200); d.body["success"] != true || d.str("id") != id {
		t.Errorf("delete %s", d.raw)
	}
	if x := e.expect(e.do("GET", "/conversations/search?locationId="+loc, token, nil), 401); x.str("message") != msgInvalidToken {
		t.Errorf("revoked: %s", x.raw)
	}
	if x := e.expect(e.do("GET", base+"/"+id, tok, nil), 404); x.str("message") != "Credential not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("DELETE", base+"/"+id, tok, nil), 404)

	// Errors.
	for _, body := range []map[string]any{
		{},
		{"name": ""},
		{"name": strings.Repeat("x", 101)},
		{"name": "n", "expiresAt": "tomorrow"},
		{"name": "n", "expiresAt": "2020-01-01T00:00:00.000Z"},
		{"name": "n", "token": "sct-mine"},
	} {
		e.expect(e.do("POST", base, tok, body), 422)
	}
	if x := e.expect(e.do("POST", base, tok, map[string]any{"name": "n", "expiresAt": "2020-01-01T00:00:00Z"}), 422); !x.hasMessage("expiresAt must be in the future") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/conversation-ai/scopes/nope/credentials", tok, map[string]any{"name": "n"}), 404)
	e.expect(e.do("GET", "/conversation-ai/scopes/nope/credentials", tok, nil), 404)
	e.expect(e.do("GET", "/conversation-ai/scopes/nope/credentials/"+second["id"].(string), tok, nil), 404)
	e.expect(e.do("GET", base, tok1, nil), 404)
	e.expect(e.do("POST", base, tok1, map[string]any{"name": "n"}), 404)
	e.expect(e.do("DELETE", base+"/"+second["id"].(string), tok1, nil), 404)

	// Expiry on the emulator clock.
	short := e.expect(e.do("POST", base, tok, map[string]any{"name": "short", "expiresAt": e.now().Add(time.Hour).Format(time.RFC3339Nano)}), 201).data()["token"].(string)
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, short, nil), 200)
	e.advance(time.Hour + time.Second)
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, short, nil), 401)

	// Deleting the scope revokes its credentials.
	live := e.expect(e.do("POST", base, tok, map[string]any{"name": "live"}), 201).data()["token"].(string)
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, live, nil), 200)
	e.expect(e.do("DELETE", "/conversation-ai/scopes/"+scope, tok, nil), 200)
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, live, nil), 401)
	e.expect(e.do("GET", base, tok, nil), 404)
}

// now is the emulator clock (tests that compute expiresAt must use it: the clock may
// have been advanced).
func (e *env) now() time.Time { return e.emu.now() }

// TestCredentialEnforcement is the §5.3 matrix with real credentials.
func TestCredentialEnforcement(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	_, loc1 := e.loc(1)
	a, b := e.createAgent(tok, "Allowed"), e.createAgent(tok, "Other")
	kb := e.createKB(tok, loc, "kb")
	r := e.seed(map[string]any{"locationId": loc, "conversations": []any{map[string]any{"messages": []any{
		map[string]any{"body": "q", "dateAdded": "2026-01-01T00:00:00Z"},
		map[string]any{"body": "by a", "direction": "outbound", "dateAdded": "2026-01-01T00:00:01Z", "generation": map[string]any{"agentId": a}},
		map[string]any{"body": "by b", "direction": "outbound", "dateAdded": "2026-01-01T00:00:02Z", "generation": map[string]any{"agentId": b}},
	}}}})
	convs, msgs := seededIDs(r)
	conv, byA, byB := convs[0], msgs[0][1], msgs[0][2]

	// 1. A conversations reader: reads conversations, 403 naming the permission elsewhere.
	reader, _ := e.issue(tok, map[string]any{"locationId": loc, "name": "reader", "permissions": []string{"conversations.readonly", "conversations/message.readonly"}})
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, reader, nil), 200)
	e.expect(e.do("GET", "/conversations/"+conv, reader, nil), 200)
	e.expect(e.do("GET", "/conversations/"+conv+"/messages", reader, nil), 200)
	e.expect(e.do("GET", "/conversations/messages/export?locationId="+loc, reader, nil), 200)
	x := e.expect(e.do("POST", "/conversation-ai/agents/"+a+"/actions", reader, action("stopBot", "s", validDetails("stopBot", ""))), 403)
	if x.str("message") != "Missing permission conversation-ai.write for POST /conversation-ai/agents/{agentId}/actions" || x.str("error") != "Forbidden" {
		t.Errorf("%s", x.raw)
	}
	if x = e.expect(e.do("GET", "/conversation-ai/agents/search", reader, nil), 403); x.str("message") != "Missing permission conversation-ai.readonly for GET /conversation-ai/agents/search" {
		t.Errorf("%s", x.raw)
	}
	if x = e.expect(e.do("GET", "/knowledge-bases/"+kb, reader, nil), 403); x.str("message") != "Missing permission knowledge-bases.readonly for GET /knowledge-bases/{knowledgeBaseId}" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+byA+"&source=conversation", reader, nil), 403)
	// Location: the credential acts for its scope's location only.
	if x = e.expect(e.do("GET", "/conversations/search?locationId="+loc1, reader, nil), 403); x.str("message") != msgLocation {
		t.Errorf("%s", x.raw)
	}
	// Scope management is never open to credentials.
	if x = e.expect(e.do("GET", "/conversation-ai/scopes?locationId="+loc, reader, nil), 403); !strings.Contains(x.str("message"), "Missing permission conversation-ai/scopes.readonly") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/conversation-ai/scopes", reader, map[string]any{"locationId": loc, "name": "n", "permissions": []string{"conversations.readonly"}}), 403)
	if x = callScopeAsCredential(e.emu); x.status != 403 {
		t.Errorf("handler-level refusal: %d %s", x.status, x.raw)
	}

	// 2. An agent-restricted credential.
	restricted, scopeID := e.issue(tok, map[string]any{"locationId": loc, "name": "agent a", "agentIds": []string{a},
		"permissions": []string{"conversation-ai.readonly", "conversation-ai.write", "knowledge-bases.readonly"}})
	s := e.expect(e.do("GET", "/conversation-ai/agents/search", restricted, nil), 200)
	if s.body["totalCount"] != 1.0 || s.body["count"] != 1.0 || s.list("agents")[0]["id"] != a {
		t.Errorf("restricted search %s", s.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/"+a, restricted, nil), 200)
	if x = e.expect(e.do("GET", "/conversation-ai/agents/"+b, restricted, nil), 403); x.str("message") != "Credential is restricted to agents ["+a+"]; agent "+b+" is not allowed" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("POST", "/conversation-ai/agents", restricted, validAgent("new")), 403)
	e.expect(e.do("POST", "/conversation-ai/agents/"+a+"/actions", restricted, action("stopBot", "s", validDetails("stopBot", ""))), 201)
	e.expect(e.do("GET", "/conversation-ai/generations?messageId="+byA+"&source=conversation", restricted, nil), 200)
	if x = e.expect(e.do("GET", "/conversation-ai/generations?messageId="+byB+"&source=conversation", restricted, nil), 403); !strings.Contains(x.str("message"), "agent "+b+" is not allowed") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/knowledge-bases/"+kb, restricted, nil), 200) // KB routes are not agent-scoped
	// A PUT of the scope takes effect at once.
	e.expect(e.do("PUT", "/conversation-ai/scopes/"+scopeID, tok, map[string]any{"name": "all agents",
		"permissions": []string{"conversation-ai.readonly"}}), 200)
	if s = e.expect(e.do("GET", "/conversation-ai/agents/search", restricted, nil), 200); s.body["totalCount"] != 2.0 {
		t.Errorf("widened %s", s.raw)
	}
	e.expect(e.do("POST", "/conversation-ai/agents/"+a+"/actions", restricted, action("stopBot", "s", validDetails("stopBot", ""))), 403)
	e.expect(e.do("PUT", "/conversation-ai/scopes/"+scopeID, tok, map[string]any{"name": "a again", "agentIds": []string{a},
		"permissions": []string{"conversation-ai.readonly", "conversation-ai.write"}}), 200)

	// 3. Deleting the agent empties agentIds but keeps restricted: nothing is allowed.
	e.expect(e.do("DELETE", "/conversation-ai/agents/"+a, tok, nil), 200)
	sc := e.expect(e.do("GET", "/conversation-ai/scopes/"+scopeID, tok, nil), 200).data()
	if sc["restricted"] != true || len(sc["agentIds"].([]any)) != 0 {
		t.Errorf("scope after agent delete %v", sc)
	}
	if s = e.expect(e.do("GET", "/conversation-ai/agents/search", restricted, nil), 200); s.body["totalCount"] != 0.0 {
		t.Errorf("emptied restriction widened: %s", s.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/"+b, restricted, nil), 403)

	// 4. Unknown credentials are 401; each credential is its own rate-limit app.
	e.expect(e.do("GET", "/conversations/search?locationId="+loc, "sct-00000000-0000-4000-8000-000000000000", nil), 401)
}

// callAsCredential invokes a scope handler directly with a credential caller, to check
// the handlers' own refusal (the router refuses first in practice).
func callScopeAsCredential(emu *Emulator) resp {
	emu.mu.Lock()
	defer emu.mu.Unlock()
	c := &reqCtx{e: emu, st: emu.st, caller: &caller{kind: tokenScoped, scopes: []string{scopesRead}}, traceID: "t"}
	emu.getScope(c)
	return resp{status: c.status, raw: c.out}
}

// TestCredentialSecretsNotPersisted checks that the data file holds only token hashes,
// and that credentials survive a restart.
func TestCredentialSecretsNotPersisted(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "state.json")
	e := newEnv(t, Options{DataFile: data})
	tok, loc := e.loc(0)
	cred, _ := e.issue(tok, map[string]any{"locationId": loc, "name": "p", "permissions": []string{"locations.readonly"}})
	b, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), cred) || strings.Contains(string(b), strings.TrimPrefix(cred, "sct-")) {
		t.Fatal("the data file contains the credential token")
	}
	if !strings.Contains(string(b), hashToken(cred)) {
		t.Error("the data file lacks the token hash")
	}
	_ = e.emu.Close()
	emu2, err := New(Options{DataFile: data, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer emu2.Close()
	fe := &fuzzEnv{emu: emu2, tok: cred}
	status, m := fe.call(t, "GET", "/locations/"+loc, nil)
	if status != 200 {
		t.Errorf("credential after restart: %d %v", status, m)
	}
}
