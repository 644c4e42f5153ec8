// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

const userPassword = "Str0ng!Passw0rd"

// validUser is a minimal valid create body for a location user.
func validUser(companyID, locationID, email string) map[string]any {
	return map[string]any{
		"companyId": companyID, "firstName": "Ada", "lastName": "Lovelace", "email": email,
		"password": userPassword, "type": "account", "role": "user", "locationIds": []string{locationID},
	}
}

// userReq sends a users request with the family's Version.
func (e *env) userReq(method, path, token string, body any, opts ...reqOpt) resp {
	e.t.Helper()
	return e.do(method, path, token, body, append([]reqOpt{withVersion("2021-07-28")}, opts...)...)
}

func TestUserCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	co := e.boot.CompanyID

	body := validUser(co, loc, "ada@example.com")
	body["scopes"] = []string{"voice-ai-agents.write", "text-ai-agents.write", "text-ai-agents.write"}
	body["scopesAssignedToOnly"] = []string{"conversations.readonly"}
	body["permissions"] = map[string]any{"botService": true, "contentAiEnabled": false}
	body["phone"] = "+15550100001"
	body["twilioPhone"] = map[string]any{loc: "+15550100002"}
	body["profilePhoto"] = "https://example.com/ada.png"
	r := e.expect(e.userReq("POST", "/users/", tok, body), 201)
	id := r.str("id")
	if len(id) != 20 {
		t.Fatalf("id %q", id)
	}
	// Write-only members never come back; type, role and locationIds only under roles.
	for _, k := range []string{"password", "scopesAssignedToOnly", "profilePhoto", "twilioPhone", "companyId", "type", "role", "locationIds"} {
		if _, ok := r.body[k]; ok {
			t.Errorf("%s returned: %s", k, r.raw)
		}
	}
	if strings.Contains(string(r.raw), userPassword) {
		t.Fatalf("password echoed: %s", r.raw)
	}
	roles, _ := r.body["roles"].(map[string]any)
	if roles["type"] != "account" || roles["role"] != "user" || fmt.Sprint(roles["locationIds"]) != "["+loc+"]" || roles["restrictSubAccount"] != false {
		t.Errorf("roles = %v", roles)
	}
	if r.str("name") != "Ada Lovelace" || r.str("extension") != "" || r.str("phone") != "+15550100001" {
		t.Errorf("answer %s", r.raw)
	}
	if got := fmt.Sprint(r.body["scopes"]); got != "[text-ai-agents.write voice-ai-agents.write]" {
		t.Errorf("scopes = %s (want sorted, de-duplicated)", got)
	}
	perms, _ := r.body["permissions"].(map[string]any)
	if len(perms) != 38 || perms["botService"] != true || perms["contentAiEnabled"] != false || perms["contactsEnabled"] != true || perms["websitesEnabled"] != false {
		t.Errorf("permissions = %v", perms)
	}

	g := e.expect(e.userReq("GET", "/users/"+id, tok, nil), 200)
	if g.str("email") != "ada@example.com" || fmt.Sprint(g.body["scopes"]) != fmt.Sprint(r.body["scopes"]) {
		t.Errorf("GET %s", g.raw)
	}

	// PUT: absent members unchanged, present ones replace; permissions merge per flag.
	u := e.expect(e.userReq("PUT", "/users/"+id, tok, map[string]any{
		"firstName": "Augusta", "scopes": []string{}, "permissions": map[string]any{"botService": false},
		"password": "An0ther!Passw0rd", "email": "ADA@example.com",
	}), 200)
	perms, _ = u.body["permissions"].(map[string]any)
	if u.str("firstName") != "Augusta" || u.str("lastName") != "Lovelace" || fmt.Sprint(u.body["scopes"]) != "[]" ||
		perms["botService"] != false || perms["contentAiEnabled"] != false {
		t.Errorf("PUT %s", u.raw)
	}
	if x := e.expect(e.userReq("PUT", "/users/"+id, tok, map[string]any{"email": "other@example.com"}), 400); x.str("message") != msgUserEmailFixed {
		t.Errorf("email change: %s", x.raw)
	}

	// Delete (delay 0): gone at once; a second delete is 404.
	d := e.expect(e.userReq("DELETE", "/users/"+id, tok, nil), 200)
	if d.body["succeded"] != true || !strings.Contains(d.str("message"), "Queued deleting user with e-mail ada@example.com") {
		t.Errorf("delete %s", d.raw)
	}
	if x := e.expect(e.userReq("GET", "/users/"+id, tok, nil), 404); x.str("message") != msgUserNotFound {
		t.Errorf("after delete: %s", x.raw)
	}
	e.expect(e.userReq("DELETE", "/users/"+id, tok, nil), 404)

	// The email is free again; the path without the trailing slash works too; v3 delete key.
	id2 := e.expect(e.userReq("POST", "/users", tok, validUser(co, loc, "ada@example.com")), 201).str("id")
	if d := e.expect(e.userReq("DELETE", "/users/"+id2, tok, nil, withVersion("v3")), 200); d.body["succeeded"] != true {
		t.Errorf("v3 delete %s", d.raw)
	}
}

func TestUserCreateDefaults(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	r := e.expect(e.userReq("POST", "/users/", tok, validUser(e.boot.CompanyID, loc, "d@example.com")), 201)
	scopes, _ := r.body["scopes"].([]any)
	if len(scopes) != len(userScopesV1) {
		t.Errorf("default scopes: %d values, want the whole v1 enum (%d)", len(scopes), len(userScopesV1))
	}
	perms, _ := r.body["permissions"].(map[string]any)
	for k, v := range userPermissionDefaults {
		if perms[k] != v {
			t.Errorf("permission %s = %v, want default %v", k, perms[k], v)
		}
	}
	if len(userScopesV1) != 189 || len(userScopesV3Only) != 5 || len(userPermissionDefaults) != 38 {
		t.Errorf("enum sizes %d/%d/%d, want 189/5/38 (users.md §4.3, §5)", len(userScopesV1), len(userScopesV3Only), len(userPermissionDefaults))
	}
}

func TestUserValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	co := e.boot.CompanyID
	with := func(k string, v any) map[string]any {
		b := validUser(co, loc, "v@example.com")
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	cases := []struct {
		name string
		body map[string]any
		msg  string
	}{
		{"missing email", with("email", nil), "email should not be empty"},
		{"missing password", with("password", nil), "password should not be empty"},
		{"missing locationIds", with("locationIds", nil), "locationIds must be an array"},
		{"bad email", with("email", "not-an-email"), "email must be an email"},
		{"short password", with("password", "Sh0rt!"), msgUserPassword},
		{"no special", with("password", "Abcdefghijk1"), msgUserPassword},
		{"no digit", with("password", "Abcdefghijk!"), msgUserPassword},
		{"no upper", with("password", "abcdefghij1!"), msgUserPassword},
		{"no lower", with("password", "ABCDEFGHIJ1!"), msgUserPassword},
		{"type", with("type", "owner"), "type must be one of the following values: account, agency"},
		{"role", with("role", "owner"), "role must be one of the following values: admin, user"},
		{"language", with("platformLanguage", "xx"), "platformLanguage must be one of the following values"},
		{"unknown scope", with("scopes", []string{"text-ai-agents.readonly"}), "each value in scopes must be one of the following values"},
		{"unknown assigned scope", with("scopesAssignedToOnly", []string{"agent-studio.write"}), "each value in scopesAssignedToOnly must be one of"},
		{"v3-only scope under v1", with("scopes", []string{"ai-studio.write"}), "each value in scopes must be one of"},
		{"unknown permission", with("permissions", map[string]any{"voiceAiEnabled": true}), "property permissions.voiceAiEnabled should not exist"},
		{"permission not bool", with("permissions", map[string]any{"botService": "yes"}), "permissions.botService must be a boolean value"},
		{"unknown member", with("nickname", "x"), "property nickname should not exist"},
	}
	for _, tc := range cases {
		r := e.expect(e.userReq("POST", "/users/", tok, tc.body), 422)
		if !r.hasMessage(tc.msg) {
			t.Errorf("%s: %s, want %q", tc.name, r.raw, tc.msg)
		}
	}
	// Every v1 value is accepted; v3-only values only with Version v3.
	b := with("scopes", userScopesV1)
	b["scopesAssignedToOnly"] = userScopesV1
	e.expect(e.userReq("POST", "/users/", tok, b), 201)
	b = validUser(co, loc, "v3@example.com")
	b["scopes"] = slices.Concat([]string{"text-ai-agents.write"}, userScopesV3Only)
	r := e.expect(e.userReq("POST", "/users/", tok, b, withVersion("v3")), 201)
	if got := fmt.Sprint(r.body["scopes"]); !strings.Contains(got, "ai-studio.write") || !strings.Contains(got, "copilot.readonly") {
		t.Errorf("v3 scopes %s", got)
	}
	// Duplicate email (case-insensitive) in the company.
	if r := e.expect(e.userReq("POST", "/users/", tok, validUser(co, loc, "V3@EXAMPLE.com")), 400); r.str("message") != msgUserEmailTaken {
		t.Errorf("duplicate: %s", r.raw)
	}
	// Malformed JSON.
	e.expect(e.userReq("POST", "/users/", tok, "{"), 400)
}

func TestUserTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Locations: 2})
	tok0, loc0 := e.loc(0)
	tok1, loc1 := e.loc(1)
	co := e.boot.CompanyID

	// Location token: only its own location, only account users, only its company.
	if r := e.expect(e.userReq("POST", "/users/", tok0, validUser(co, loc1, "a@example.com")), 403); r.str("message") != msgLocation {
		t.Errorf("other location: %s", r.raw)
	}
	b := validUser(co, loc0, "a@example.com")
	b["type"] = "agency"
	e.expect(e.userReq("POST", "/users/", tok0, b), 403)
	e.expect(e.userReq("POST", "/users/", tok0, validUser("someOtherCompany000", loc0, "a@example.com")), 403)
	id0 := e.expect(e.userReq("POST", "/users/", tok0, validUser(co, loc0, "a@example.com")), 201).str("id")
	// The other location's token does not reach that user.
	e.expect(e.userReq("GET", "/users/"+id0, tok1, nil), 404)
	e.expect(e.userReq("PUT", "/users/"+id0, tok1, map[string]any{"firstName": "x"}), 404)
	e.expect(e.userReq("DELETE", "/users/"+id0, tok1, nil), 404)
	e.expect(e.userReq("GET", "/users/search?companyId="+co+"&locationId="+loc0, tok1, nil), 403)

	// Agency OAuth token and agency PIT: any user of the company, several locations.
	for i, agency := range []string{e.boot.AgencyToken, e.boot.AgencyPIT} {
		b := validUser(co, loc0, fmt.Sprintf("multi-%d@example.com", i))
		b["locationIds"] = []string{loc0, loc1}
		b["type"] = "agency"
		b["role"] = "admin"
		id := e.expect(e.userReq("POST", "/users/", agency, b), 201).str("id")
		e.expect(e.userReq("GET", "/users/"+id0, agency, nil), 200)
		e.expect(e.userReq("GET", "/users/"+id, tok1, nil), 200) // a user of loc1 too
		b["locationIds"] = []string{loc0, "unknownLocation00000"}
		b["email"] = fmt.Sprintf("x-%d@example.com", i)
		if r := e.expect(e.userReq("POST", "/users/", agency, b), 422); !r.hasMessage("locationIds must be locations of the company") {
			t.Errorf("unknown location: %s", r.raw)
		}
		// filter-by-email is agency only.
		f := e.expect(e.userReq("POST", "/users/search/filter-by-email", agency, map[string]any{"companyId": co, "emails": "a@example.com, nobody@example.com"}), 200)
		if f.body["count"] != 1.0 {
			t.Errorf("filter-by-email %s", f.raw)
		}
	}
	e.expect(e.userReq("POST", "/users/search/filter-by-email", tok0, map[string]any{"companyId": co, "emails": "a@example.com"}), 401)

	// Scope checks: a token without users.write gets the 401 scope message.
	e.emu.mu.Lock()
	e.emu.st.Tokens[tok1].Scopes = slices.DeleteFunc(slices.Clone(e.emu.st.Tokens[tok1].Scopes), func(s string) bool { return s == "users.write" })
	e.emu.mu.Unlock()
	if r := e.expect(e.userReq("POST", "/users/", tok1, validUser(co, loc1, "b@example.com")), 401); r.str("message") != msgScope {
		t.Errorf("scope: %s", r.raw)
	}
	e.expect(e.userReq("GET", "/users/"+id0, "pit-unknown", nil), 401)
	e.expect(e.userReq("GET", "/users/"+id0, tok0, nil, withVersion("")), 401)
}

func TestUserSearchPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Locations: 2})
	tok0, loc0 := e.loc(0)
	tok1, loc1 := e.loc(1)
	co := e.boot.CompanyID
	for i := range 57 {
		b := validUser(co, loc0, fmt.Sprintf("user%02d@example.com", i))
		b["firstName"] = fmt.Sprintf("User%02d", i)
		e.expect(e.userReq("POST", "/users/", tok0, b), 201)
	}
	e.expect(e.userReq("POST", "/users/", tok1, validUser(co, loc1, "elsewhere@example.com")), 201)

	var got []string
	for skip := 0; ; {
		r := e.expect(e.userReq("GET", fmt.Sprintf("/users/search?companyId=%s&locationId=%s&skip=%d&limit=20", co, loc0, skip), tok0, nil), 200)
		if r.body["count"] != 57.0 {
			t.Fatalf("count %v", r.body["count"])
		}
		users, _ := r.body["users"].([]any)
		for _, u := range users {
			m := u.(map[string]any)
			got = append(got, m["firstName"].(string))
			if m["deleted"] != false {
				t.Errorf("deleted = %v", m["deleted"])
			}
		}
		skip += len(users)
		if skip >= 57 {
			break
		}
	}
	if len(got) != 57 || !slices.IsSorted(got) {
		t.Errorf("paged %d users, sorted=%v", len(got), slices.IsSorted(got))
	}
	// A location token without locationId sees its own location only; query matches email.
	r := e.expect(e.userReq("GET", "/users/search?companyId="+co+"&limit=100", tok1, nil), 200)
	if r.body["count"] != 1.0 {
		t.Errorf("location-filtered count %v", r.body["count"])
	}
	r = e.expect(e.userReq("GET", "/users/search?companyId="+co+"&query=USER05%40", tok0, nil), 200)
	if r.body["count"] != 1.0 {
		t.Errorf("query count %v: %s", r.body["count"], r.raw)
	}
	for _, bad := range []string{"limit=101", "limit=0", "skip=-1", "sortDirection=up"} {
		e.expect(e.userReq("GET", "/users/search?companyId="+co+"&"+bad, tok0, nil), 422)
	}
	e.expect(e.userReq("GET", "/users/search", tok0, nil), 422)
	e.expect(e.userReq("GET", "/users/search?companyId=otherCompany", tok0, nil), 403)
}

// TestUserQueuedDelete: with a delay the deleted user stays readable (and listed as deleted)
// until the clock passes it.
func TestUserQueuedDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	co := e.boot.CompanyID
	e.expect(e.admin("PUT", "/_emulator/users", map[string]any{"delete_delay_ms": 60000}), 200)
	id := e.expect(e.userReq("POST", "/users/", tok, validUser(co, loc, "q@example.com")), 201).str("id")
	e.expect(e.userReq("DELETE", "/users/"+id, tok, nil), 200)
	e.expect(e.userReq("GET", "/users/"+id, tok, nil), 200)
	e.expect(e.userReq("PUT", "/users/"+id, tok, map[string]any{"firstName": "x"}), 404)
	r := e.expect(e.userReq("GET", "/users/search?companyId="+co, tok, nil), 200)
	if users, _ := r.body["users"].([]any); len(users) != 1 || users[0].(map[string]any)["deleted"] != true {
		t.Errorf("queued user in search: %s", r.raw)
	}
	e.expect(e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 61}), 200)
	e.expect(e.userReq("GET", "/users/"+id, tok, nil), 404)
	r = e.expect(e.userReq("GET", "/users/search?companyId="+co, tok, nil), 200)
	if r.body["count"] != 0.0 {
		t.Errorf("gone user still listed: %s", r.raw)
	}
	e.expect(e.admin("PUT", "/_emulator/users", map[string]any{"delete_delay_ms": -1}), 400)
}

// TestUserPasswordNotPersisted: the data file holds the password's hash only.
func TestUserPasswordNotPersisted(t *testing.T) {
	t.Parallel()
	file := t.TempDir() + "/state.json"
	e := newEnv(t, Options{DataFile: file})
	tok, loc := e.loc(0)
	e.expect(e.userReq("POST", "/users/", tok, validUser(e.boot.CompanyID, loc, "p@example.com")), 201)
	raw, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(raw), "p@example.com") || strings.Contains(string(raw), userPassword) {
		t.Fatalf("data file (err %v) holds the password or misses the user", err)
	}
	e.emu.mu.Lock()
	defer e.emu.mu.Unlock()
	for _, u := range e.emu.st.Users {
		if u.PasswordSHA256 != passwordHash(userPassword) || strings.Contains(fmt.Sprint(*u), userPassword) {
			t.Errorf("stored user %+v", *u)
		}
	}
}

// FuzzUserCreate: any body gets 201, 400, 403 or 422 (never a 500); a created user reads back
// as created, never shows a password, takes a PUT of the same body, and deletes.
func FuzzUserCreate(f *testing.F) {
	fe := newFuzzEnv(f)
	boot := fe.emu.Bootstrap("")
	f.Add([]byte(`{"companyId":"$CO","firstName":"A","lastName":"B","email":"a@example.com","password":"Str0ng!Passw0rd","type":"account","role":"user","locationIds":["$LOC"],"scopes":["text-ai-agents.write"],"permissions":{"botService":true}}`))
	f.Add([]byte(`{"companyId":"$CO","firstName":"A","lastName":"B","email":"b@example.com","password":"weak","type":"agency","role":"owner","locationIds":[]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		body = bytes.ReplaceAll(bytes.ReplaceAll(body, []byte("$CO"), []byte(boot.CompanyID)), []byte("$LOC"), []byte(boot.Locations[0].ID))
		status, m := fe.call(t, "POST", "/users/", body)
		expectStatus(t, status, 201, 400, 403, 422)
		if status != 201 {
			return
		}
		if _, ok := m["password"]; ok {
			t.Fatalf("the answer shows a password: %v", m)
		}
		id, _ := m["id"].(string)
		gs, g := fe.call(t, "GET", "/users/"+id, nil)
		expectStatus(t, gs, 200)
		delete(g, "traceId")
		delete(m, "traceId")
		if a, b := mustJSON(g), mustJSON(m); !bytes.Equal(a, b) {
			t.Fatalf("GET differs from POST:\n%s\n%s", a, b)
		}
		ps, _ := fe.call(t, "PUT", "/users/"+id, body)
		expectStatus(t, ps, 200, 400, 403, 422)
		ds, _ := fe.call(t, "DELETE", "/users/"+id, nil)
		expectStatus(t, ds, 200)
	})
}
