// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const v20210728 = "2021-07-28"

var locationAnswer = reply(200, map[string]any{"location": map[string]any{"id": "loc1", "companyId": "co1"}})

func userAnswer(id string, scopes any) map[string]any {
	return map[string]any{
		"id": id, "name": "Ada Lovelace", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
		"phone": "+1 555-010-0001", "permissions": map[string]bool{"botService": true}, "scopes": scopes,
		"roles": map[string]any{"type": "account", "role": "user", "locationIds": []string{"loc1"}},
	}
}

func TestUserCreateGetUpdateDelete(t *testing.T) {
	t.Parallel()
	c, api := newFakeAPI(t, map[string]routeFunc{
		"GET /locations/loc1": locationAnswer,
		"POST /users/":        reply(201, userAnswer("u1", []string{"text-ai-agents.write"})),
		"GET /users/u1":       reply(200, userAnswer("u1", "text-ai-agents.write, voice-ai-agents.write")),
		"PUT /users/u1":       reply(200, userAnswer("u1", []string{})),
		"DELETE /users/u1":    reply(200, map[string]any{"succeded": true, "message": "Queued deleting user"}),
	})
	ctx := context.Background()
	phone := "+15550100001"
	in := UserInput{
		FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", Password: "Str0ng!Passw0rd",
		Phone: &phone, Type: "account", Role: "user", LocationIDs: []string{"loc1"},
		Permissions: map[string]bool{"botService": true}, Scopes: []string{"text-ai-agents.write"},
		ScopesAssignedToOnly: []string{},
	}
	u, err := c.CreateUser(ctx, "", in)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "u1" || !slices.Equal(u.Scopes, []string{"text-ai-agents.write"}) || u.Roles.Type != "account" || !u.Permissions["botService"] {
		t.Errorf("created %+v", u)
	}
	checkCall(t, api.to("POST /users/")[0], "POST", "/users/", "",
		`{"companyId":"co1","email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","locationIds":["loc1"],`+
			`"password":"Str0ng!Passw0rd","permissions":{"botService":true},"phone":"+15550100001","role":"user",`+
			`"scopes":["text-ai-agents.write"],"scopesAssignedToOnly":[],"type":"account"}`, v20210728)

	// The company is looked up once per location.
	if _, err := c.CreateUser(ctx, "loc1", in); err != nil {
		t.Fatal(err)
	}
	if n := len(api.to("GET /locations/loc1")); n != 1 {
		t.Errorf("%d location lookups, want 1", n)
	}

	// scopes as a string (OAS typing, users.md §7.1).
	g, err := c.GetUser(ctx, "", "u1")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.Scopes, []string{"text-ai-agents.write", "voice-ai-agents.write"}) {
		t.Errorf("scopes from a string: %q", g.Scopes)
	}

	// Update without email and password; [] scopes are sent as [].
	up := UserInput{FirstName: "Ada", LastName: "L", Type: "account", Role: "user", LocationIDs: []string{"loc1"}, Scopes: []string{}}
	if _, err := c.UpdateUser(ctx, "", "u1", up); err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "PUT", "/users/u1", "",
		`{"firstName":"Ada","lastName":"L","locationIds":["loc1"],"role":"user","scopes":[],"type":"account"}`, v20210728)

	// A v3-only scope switches the Version to v3.
	up.Scopes = []string{"ai-studio.write"}
	if _, err := c.UpdateUser(ctx, "", "u1", up); err != nil {
		t.Fatal(err)
	}
	if v := api.last().Version; v != "v3" {
		t.Errorf("Version %q with a v3-only scope, want v3", v)
	}

	if err := c.DeleteUser(ctx, "", "u1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, api.last(), "DELETE", "/users/u1", "", "", v20210728)
}

func TestUserDeleteAnswers(t *testing.T) {
	t.Parallel()
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"DELETE /users/v3":   reply(200, map[string]any{"succeeded": true}),
		"DELETE /users/no":   reply(200, map[string]any{"succeded": false, "message": "nope"}),
		"DELETE /users/gone": notFound("User"),
	})
	ctx := context.Background()
	if err := c.DeleteUser(ctx, "", "v3"); err != nil {
		t.Errorf("v3 key: %v", err)
	}
	if err := c.DeleteUser(ctx, "", "no"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("succeded false: %v", err)
	}
	if err := c.DeleteUser(ctx, "", "gone"); !IsNotFound(err) {
		t.Errorf("404: %v", err)
	}
}

// TestUserPasswordNeverLogged: the password is masked in errors the API echoes.
func TestUserPasswordNeverLogged(t *testing.T) {
	t.Parallel()
	const pw = "Str0ng!Passw0rd"
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"POST /users/": unprocessable("password " + pw + " is weak"),
	})
	_, err := c.CreateUser(context.Background(), "", UserInput{CompanyID: "co1", Password: pw})
	if err == nil || strings.Contains(err.Error(), pw) {
		t.Errorf("error %v shows the password", err)
	}
}

// pagedUsers serves n users with a server page cap, optionally leaving count out or lying
// about it.
func pagedUsers(n, pageCap int, count func(int) *int) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		skip, _ := strconv.Atoi(q.Get("skip"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		limit = min(limit, pageCap)
		users := []map[string]any{}
		for i := skip; i < min(skip+limit, n); i++ {
			users = append(users, map[string]any{"id": fmt.Sprintf("u%03d", i), "email": fmt.Sprintf("u%d@example.com", i), "deleted": i == 0})
		}
		body := map[string]any{"users": users}
		if c := count(n); c != nil {
			body["count"] = *c
		}
		writeJSON(w, 200, body)
	}
}

func TestUserListNeverCuts(t *testing.T) {
	t.Parallel()
	exact := func(n int) *int { return &n }
	none := func(int) *int { return nil }
	cases := []struct {
		name       string
		n, pageCap int
		count      func(int) *int
		calls      int
	}{
		{"full pages with count", 250, 100, exact, 3},
		{"server cap 50 with count", 120, 50, exact, 3},
		{"server cap 50 without count", 120, 50, none, 3}, // 50, 50, then 20 < 50 ends it
		{"exactly one page without count", 100, 100, none, 2},
		{"empty", 0, 100, exact, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, api := newFakeAPI(t, map[string]routeFunc{
				"GET /locations/loc1": locationAnswer,
				"GET /users/search":   pagedUsers(tc.n, tc.pageCap, tc.count),
			})
			users, err := c.ListUsers(context.Background(), "", "")
			if err != nil {
				t.Fatal(err)
			}
			want := max(tc.n-1, 0) // u000 is a queued deletion
			if len(users) != want {
				t.Errorf("%d users, want %d", len(users), want)
			}
			calls := api.to("GET /users/search")
			if len(calls) != tc.calls {
				t.Errorf("%d search calls, want %d", len(calls), tc.calls)
			}
			for i, call := range calls {
				if call.Query.Get("companyId") != "co1" || call.Query.Get("locationId") != "loc1" || call.Query.Get("limit") != "100" {
					t.Errorf("call %d query %s", i, call.Query.Encode())
				}
				if call.Version != v20210728 {
					t.Errorf("Version %q", call.Version)
				}
			}
			// The next skip is what came back so far, not what was asked.
			if len(calls) > 1 && tc.pageCap == 50 && calls[1].Query.Get("skip") != "50" {
				t.Errorf("second skip %s, want 50", calls[1].Query.Get("skip"))
			}
		})
	}
}

func TestUserListIncompleteIsAnError(t *testing.T) {
	t.Parallel()
	// count says 300 but the list ends at 120: an error, never 119 users.
	lie := func(int) *int { n := 300; return &n }
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"GET /locations/loc1": locationAnswer,
		"GET /users/search":   pagedUsers(120, 100, lie),
	})
	if users, err := c.ListUsers(context.Background(), "", ""); err == nil || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("got %d users, err %v; want an incomplete-list error", len(users), err)
	}
	// A server that repeats the same page.
	c, _ = newFakeAPI(t, map[string]routeFunc{
		"GET /locations/loc1": locationAnswer,
		"GET /users/search": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			users := make([]map[string]any, 100)
			for i := range users {
				users[i] = map[string]any{"id": fmt.Sprintf("u%d", i)}
			}
			writeJSON(w, 200, map[string]any{"users": users, "count": 500})
		},
	})
	if _, err := c.ListUsers(context.Background(), "", ""); err == nil || !strings.Contains(err.Error(), "repeated") {
		t.Errorf("repeated page: %v", err)
	}
}

func TestUserPasswordRule(t *testing.T) {
	t.Parallel()
	for pw, ok := range map[string]bool{
		"Str0ng!Passw0rd": true, "Abcdefghij1!": true, "Abcdefghij1 ": false, "Sh0rt!": false,
		"abcdefghij1!": false, "ABCDEFGHIJ1!": false, "Abcdefghijk!": false, "Abcdefghijk1": false, "Ünïcödé!Pass1": true,
	} {
		if UserPasswordOK(pw) != ok {
			t.Errorf("UserPasswordOK(%q) = %v", pw, !ok)
		}
	}
	if len(UserScopes) != 189 || len(UserScopesV3Only) != 5 || len(UserPermissionFlags) != 38 {
		t.Errorf("enum sizes %d/%d/%d", len(UserScopes), len(UserScopesV3Only), len(UserPermissionFlags))
	}
	off := 0
	for _, f := range UserPermissionFlags {
		if !UserPermissionDefault(f) {
			off++
		}
	}
	if off != 9 {
		t.Errorf("%d flags default to false, want 9 (users.md §4.3)", off)
	}
	for body, want := range map[string][]string{
		`{"id":"x","scopes":null}`: nil, `{"id":"x"}`: nil, `{"id":"x","scopes":[]}`: {}, `{"id":"x","scopes":""}`: {},
		`{"id":"x","scopes":"a.write b.readonly,c.write"}`: {"a.write", "b.readonly", "c.write"},
	} {
		var u User
		if err := json.Unmarshal([]byte(body), &u); err != nil || (u.Scopes == nil) != (want == nil) || !slices.Equal(u.Scopes, want) {
			t.Errorf("%s: scopes %#v (err %v), want %#v", body, u.Scopes, err, want)
		}
	}
}
