// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// createScope creates a scope with the location PIT and returns its data.
func (e *env) createScope(token string, body map[string]any) map[string]any {
	e.t.Helper()
	return e.expect(e.do("POST", "/conversation-ai/scopes", token, body), 201).data()
}

func TestScopeCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, _ := e.loc(1)
	a, b := e.createAgent(tok, "A"), e.createAgent(tok, "B")
	sorted := []string{a, b}
	slices.Sort(sorted)

	r := e.expect(e.do("POST", "/conversation-ai/scopes", tok, map[string]any{
		"locationId": loc, "name": "  Reader  ", "permissions": []string{"conversations.readonly", "conversation-ai.readonly"},
		"agentIds": []string{sorted[1], sorted[0], sorted[1]},
	}), 201)
	sc := r.data()
	id, _ := sc["id"].(string)
	if r.body["success"] != true || len(id) != 20 || sc["name"] != "Reader" || sc["description"] != "" || sc["locationId"] != loc ||
		fmt.Sprint(sc["permissions"]) != "[conversation-ai.readonly conversations.readonly]" ||
		fmt.Sprint(sc["agentIds"]) != fmt.Sprint(sorted) || sc["restricted"] != true || sc["createdAt"] == nil || sc["updatedAt"] == nil {
		t.Fatalf("create %s", r.raw)
	}
	g := e.expect(e.do("GET", "/conversation-ai/scopes/"+id, tok, nil), 200)
	if g.data()["name"] != "Reader" || g.body["success"] != true {
		t.Errorf("get %s", g.raw)
	}
	// PUT is a full replace: omitted description and agentIds reset.
	u := e.expect(e.do("PUT", "/conversation-ai/scopes/"+id, tok, map[string]any{
		"name": "All agents", "permissions": []string{"locations.readonly"}, "locationId": loc,
	}), 200).data()
	if u["name"] != "All agents" || fmt.Sprint(u["agentIds"]) != "[]" || u["restricted"] != false || u["description"] != "" ||
		fmt.Sprint(u["permissions"]) != "[locations.readonly]" {
		t.Errorf("PUT %v", u)
	}
	e.expect(e.do("PUT", "/conversation-ai/scopes/"+id, tok, map[string]any{"name": "x", "description": "d", "permissions": []string{"locations.readonly"}}), 200)
	if d := e.expect(e.do("GET", "/conversation-ai/scopes/"+id, tok, nil), 200).data(); d["description"] != "d" {
		t.Errorf("description %v", d["description"])
	}
	// locationId is immutable (422, not 403).
	_, loc1 := e.loc(1)
	if x := e.expect(e.do("PUT", "/conversation-ai/scopes/"+id, tok, map[string]any{"name": "x", "permissions": []string{"locations.readonly"}, "locationId": loc1}), 422); !x.hasMessage("locationId cannot be changed") {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("PUT", "/conversation-ai/scopes/"+id, tok, map[string]any{"name": "x"}), 422)
	e.expect(e.do("PUT", "/conversation-ai/scopes/nope", tok, map[string]any{"name": "x", "permissions": []string{"locations.readonly"}}), 404)
	// Other locations see nothing.
	e.expect(e.do("GET", "/conversation-ai/scopes/"+id, tok1, nil), 404)
	e.expect(e.do("PUT", "/conversation-ai/scopes/"+id, tok1, map[string]any{"name": "x", "permissions": []string{"locations.readonly"}}), 404)
	e.expect(e.do("DELETE", "/conversation-ai/scopes/"+id, tok1, nil), 404)

	d := e.expect(e.do("DELETE", "/conversation-ai/scopes/"+id, tok, nil), 200)
	if d.body["success"] != true || d.str("id") != id {
		t.Errorf("delete %s", d.raw)
	}
	if x := e.expect(e.do("GET", "/conversation-ai/scopes/"+id, tok, nil), 404); x.str("message") != "Scope not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("DELETE", "/conversation-ai/scopes/"+id, tok, nil), 404)
}

func TestScopeList(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	e.createScope(tok1, map[string]any{"locationId": loc1, "name": "other", "permissions": []string{"locations.readonly"}})
	var ids []string
	for i := range 7 {
		ids = append(ids, e.createScope(tok, map[string]any{"locationId": loc, "name": fmt.Sprint("s", i), "permissions": []string{"locations.readonly"}})["id"].(string))
	}
	var seen []string
	after := ""
	for {
		r := e.expect(e.do("GET", "/conversation-ai/scopes?locationId="+loc+"&limit=3"+after, tok, nil), 200)
		items := r.list("data")
		if r.body["success"] != true || r.body["totalCount"] != 7.0 || r.body["count"] != float64(len(items)) {
			t.Fatalf("list %s", r.raw)
		}
		for _, s := range items {
			seen = append(seen, s["id"].(string))
		}
		if len(items) < 3 {
			break
		}
		after = "&startAfter=" + seen[len(seen)-1]
	}
	if !slices.Equal(seen, ids) {
		t.Errorf("createdAt asc %v, want %v", seen, ids)
	}
	for _, q := range []string{"", "?locationId=" + loc + "&limit=0", "?locationId=" + loc + "&limit=101", "?locationId=" + loc + "&startAfter=nope"} {
		e.expect(e.do("GET", "/conversation-ai/scopes"+q, tok, nil), 422)
	}
	e.expect(e.do("GET", "/conversation-ai/scopes?locationId="+loc1, tok, nil), 403)
}

func TestScopeValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	tok1, loc1 := e.loc(1)
	foreign := e.createAgent(tok1, "elsewhere")
	with := func(kv ...any) map[string]any {
		b := map[string]any{"locationId": loc, "name": "n", "permissions": []string{"conversations.readonly"}}
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
		{"name blank", with("name", "   "), "name should not be empty"},
		{"name long", with("name", strings.Repeat("n", 101)), "name must be shorter than or equal to 100 characters"},
		{"name type", with("name", 3), "name must be a string"},
		{"description long", with("description", strings.Repeat("d", 501)), "description must be shorter than or equal to 500 characters"},
		{"permissions missing", with("permissions", nil), "permissions must be an array"},
		{"permissions empty", with("permissions", []string{}), "permissions must contain at least 1 elements"},
		{"permission unknown", with("permissions", []string{"conversations.readonly", "contacts.write"}), "permissions.1 must be one of the following values: conversation-ai.readonly, conversation-ai.write"},
		{"permission ext", with("permissions", []string{"conversation-ai/scopes.write"}), "permissions.0 must be one of the following values"},
		{"permissions dup", with("permissions", []string{"locations.readonly", "locations.readonly"}), "All permissions's elements must be unique"},
		{"agent unknown", with("agentIds", []string{"nope"}), "agentIds contains unknown agent nope"},
		{"agent foreign", with("agentIds", []string{foreign}), "agentIds contains unknown agent " + foreign},
		{"agentIds type", with("agentIds", "a"), "agentIds must be an array"},
		{"unknown field", with("restricted", true), "property restricted should not exist"},
		{"locationId missing", with("locationId", nil), "locationId should not be empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.expect(e.do("POST", "/conversation-ai/scopes", tok, tc.body), 422)
			if !r.hasMessage(tc.msg) {
				t.Errorf("messages %q lack %q", r.messages(), tc.msg)
			}
		})
	}
	// All nine permissions at once; 100-character names.
	all := e.createScope(tok, with("permissions", scopePermissions, "name", strings.Repeat("n", 100)))
	if len(all["permissions"].([]any)) != 9 {
		t.Errorf("%v", all)
	}
	e.expect(e.do("POST", "/conversation-ai/scopes", tok, with("locationId", loc1)), 403)
	e.expect(e.do("POST", "/conversation-ai/scopes", tok, `{"name":`), 400)

	// A scope's permissions must be a subset of the caller's own scopes.
	e.dropScopes(tok, "conversations.write")
	r := e.expect(e.do("POST", "/conversation-ai/scopes", tok, with("permissions", []string{"conversations.readonly", "conversations.write"})), 403)
	if r.str("message") != "Cannot grant permission conversations.write: the calling token does not hold it" || r.str("error") != "Forbidden" {
		t.Errorf("%s", r.raw)
	}
	id := all["id"].(string)
	e.expect(e.do("PUT", "/conversation-ai/scopes/"+id, tok, with("permissions", []string{"conversations.write"})), 403)

	// The emulator-only scopes guard the routes (401 for real tokens, §1.4).
	e.dropScopes(tok, scopesWrite)
	if x := e.expect(e.do("POST", "/conversation-ai/scopes", tok, with()), 401); x.str("message") != msgScope {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/scopes/"+id, tok, nil), 200)
	e.dropScopes(tok, scopesRead)
	e.expect(e.do("GET", "/conversation-ai/scopes/"+id, tok, nil), 401)
	e.expect(e.do("GET", "/conversation-ai/scopes?locationId="+loc, e.boot.AgencyToken, nil), 401)
}
