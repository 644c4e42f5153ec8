// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const testCredToken = "sct-7c1e2f3a-9b8d-4c6e-a5f4-3d2c1b0a9e8f"

func TestScopeCRUD(t *testing.T) {
	t.Parallel()
	scope := map[string]any{"id": "s1", "locationId": "loc1", "name": "Reader", "description": "",
		"permissions": []string{"conversation-ai.readonly", "conversations.readonly"}, "agentIds": []string{"a1"}, "restricted": true,
		"createdAt": "2025-08-02T19:47:57.243Z", "updatedAt": "2025-08-02T19:47:57.243Z"}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /conversation-ai/scopes":      reply(201, map[string]any{"success": true, "data": scope}),
		"GET /conversation-ai/scopes/s1":    reply(200, map[string]any{"success": true, "data": scope}),
		"PUT /conversation-ai/scopes/s1":    reply(200, map[string]any{"success": true, "data": scope}),
		"DELETE /conversation-ai/scopes/s1": reply(200, map[string]any{"success": true, "id": "s1"}),
		"GET /conversation-ai/scopes/gone":  notFound("Scope"),
		"POST /conversation-ai/scopes/bad": unprocessable("permissions.0 must be one of the following values: conversation-ai.readonly, …",
			"agentIds contains unknown agent zz"),
	})
	ctx := context.Background()
	in := ScopeInput{Name: "Reader", Permissions: []string{"conversation-ai.readonly", "conversations.readonly"}, AgentIDs: []string{"a1"}}
	s, err := c.CreateScope(ctx, "", in)
	if err != nil || s.ID != "s1" || !s.Restricted || len(s.Permissions) != 2 || s.AgentIDs[0] != "a1" || s.Description != "" {
		t.Fatalf("create %+v %v", s, err)
	}
	checkCall(t, f.last(), "POST", "/conversation-ai/scopes", "",
		`{"locationId":"loc1","name":"Reader","permissions":["conversation-ai.readonly","conversations.readonly"],"agentIds":["a1"]}`, v20210415)

	if s, err = c.GetScope(ctx, "", "s1"); err != nil || s.Name != "Reader" {
		t.Fatalf("get %+v %v", s, err)
	}
	checkCall(t, f.last(), "GET", "/conversation-ai/scopes/s1", "", "", v20210415)

	// PUT is a full replace without locationId; a nil list is not sent, an empty one is
	if _, err = c.UpdateScope(ctx, "", "s1", ScopeInput{Name: "R2", Description: ptr("d"), Permissions: []string{"locations.readonly"}, AgentIDs: []string{}}); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "PUT", "/conversation-ai/scopes/s1", "", `{"name":"R2","description":"d","permissions":["locations.readonly"],"agentIds":[]}`, v20210415)
	if _, err = c.UpdateScope(ctx, "", "s1", ScopeInput{Name: "R3"}); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "PUT", "/conversation-ai/scopes/s1", "", `{"name":"R3","permissions":[]}`, v20210415)

	if err := c.DeleteScope(ctx, "", "s1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/conversation-ai/scopes/s1", "", "", v20210415)

	_, err = c.GetScope(ctx, "", "gone")
	if !IsNotFound(err) || errors.Is(err, ErrScopesUnsupported) {
		t.Fatalf("an unknown scope on the emulator is a plain 404: %v", err)
	}
	if len(ScopePermissions()) != 9 {
		t.Error("ScopePermissions")
	}
}

func TestListScopesPaginates(t *testing.T) {
	t.Parallel()
	const total = 150
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /conversation-ai/scopes": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			q := r.URL.Query()
			limit, _ := strconv.Atoi(q.Get("limit"))
			start := 0
			if sa := q.Get("startAfter"); sa != "" {
				_, _ = fmt.Sscanf(sa, "s%03d", &start)
				start++
			}
			var scopes []map[string]any
			for i := start; i < total && len(scopes) < limit; i++ {
				scopes = append(scopes, map[string]any{"id": fmt.Sprintf("s%03d", i), "name": "n", "permissions": []string{"locations.readonly"}})
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": scopes, "count": len(scopes), "totalCount": total})
		},
	})
	got, err := c.ListScopes(context.Background(), "")
	if err != nil || len(got) != total || got[149].ID != "s149" {
		t.Fatalf("%d %v", len(got), err)
	}
	calls := f.to("GET /conversation-ai/scopes")
	if len(calls) != 2 {
		t.Fatalf("%d requests, want 2", len(calls))
	}
	checkCall(t, calls[0], "GET", "/conversation-ai/scopes", "limit=100&locationId=loc1", "", v20210415)
	checkCall(t, calls[1], "GET", "/conversation-ai/scopes", "limit=100&locationId=loc1&startAfter=s099", "", v20210415)
}

func TestCredentialCRUD(t *testing.T) {
	t.Parallel()
	cred := map[string]any{"id": "cr1", "scopeId": "s1", "locationId": "loc1", "name": "ci", "expiresAt": nil,
		"tokenPrefix": "sct-7c1e", "createdAt": "2025-08-02T19:47:57.243Z"}
	created := map[string]any{}
	for k, v := range cred {
		created[k] = v
	}
	created["token"] = testCredToken
	leaky := map[string]any{}
	for k, v := range created {
		leaky[k] = v
	}
	leaky["expiresAt"] = "2030-01-01T00:00:00.000Z"
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /conversation-ai/scopes/s1/credentials":       reply(201, map[string]any{"success": true, "data": created}),
		"POST /conversation-ai/scopes/notoken/credentials":  reply(201, map[string]any{"success": true, "data": cred}),
		"GET /conversation-ai/scopes/s1/credentials":        reply(200, map[string]any{"success": true, "data": []any{cred, leaky}}),
		"GET /conversation-ai/scopes/s1/credentials/cr1":    reply(200, map[string]any{"success": true, "data": leaky}),
		"DELETE /conversation-ai/scopes/s1/credentials/cr1": reply(200, map[string]any{"success": true, "id": "cr1"}),
		"GET /conversation-ai/scopes/s1/credentials/gone":   notFound("Credential"),
		"POST /conversation-ai/scopes/past/credentials":     unprocessable("expiresAt must be in the future"),
	})
	ctx := context.Background()
	got, err := c.CreateCredential(ctx, "", "s1", CredentialInput{Name: "ci"})
	if err != nil || got.Token != testCredToken || got.TokenPrefix != "sct-7c1e" || got.ExpiresAt != nil || got.ScopeID != "s1" {
		t.Fatalf("create %+v %v", got, err)
	}
	checkCall(t, f.last(), "POST", "/conversation-ai/scopes/s1/credentials", "", `{"name":"ci"}`, v20210415)
	if got := c.redact("x " + testCredToken); got != "x ***" {
		t.Errorf("token not redacted: %q", got)
	}
	found := false
	for _, s := range c.secrets.snapshot() {
		found = found || s == testCredToken
	}
	if !found {
		t.Error("the new token was not added to the redaction set")
	}
	if _, err := c.CreateCredential(ctx, "", "s1", CredentialInput{Name: "ci", ExpiresAt: ptr("2030-01-01T00:00:00.000Z")}); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "POST", "/conversation-ai/scopes/s1/credentials", "", `{"name":"ci","expiresAt":"2030-01-01T00:00:00.000Z"}`, v20210415)
	if _, err := c.CreateCredential(ctx, "", "notoken", CredentialInput{Name: "ci"}); err == nil || !strings.Contains(err.Error(), "no token") {
		t.Fatalf("answer without token: %v", err)
	}
	if _, err := c.CreateCredential(ctx, "", "past", CredentialInput{Name: "ci", ExpiresAt: ptr("2000-01-01T00:00:00Z")}); statusOf(err) != 422 {
		t.Fatalf("422: %v", err)
	}

	one, err := c.GetCredential(ctx, "", "s1", "cr1")
	if err != nil || one.Token != "" || one.ExpiresAt == nil || *one.ExpiresAt != "2030-01-01T00:00:00.000Z" {
		t.Fatalf("get %+v %v", one, err)
	}
	checkCall(t, f.last(), "GET", "/conversation-ai/scopes/s1/credentials/cr1", "", "", v20210415)
	list, err := c.ListCredentials(ctx, "", "s1")
	if err != nil || len(list) != 2 || list[0].Token != "" || list[1].Token != "" {
		t.Fatalf("list %+v %v", list, err)
	}
	if err := c.DeleteCredential(ctx, "", "s1", "cr1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/conversation-ai/scopes/s1/credentials/cr1", "", "", v20210415)
	if _, err := c.GetCredential(ctx, "", "s1", "gone"); !IsNotFound(err) {
		t.Fatalf("404: %v", err)
	}
	if _, err := c.GetCredential(ctx, "", "", "cr1"); err == nil {
		t.Fatal("empty scope id accepted")
	}
}

// TestScopesUnsupportedOnTheRealAPI: the real API has no scope routes (404 "Cannot POST …"):
// every method reports ErrScopesUnsupported, never success and never a plain not-found.
func TestScopesUnsupportedOnTheRealAPI(t *testing.T) {
	t.Parallel()
	c, f := newFakeAPI(t, nil) // every route: 404 Cannot METHOD /path
	ctx := context.Background()
	errs := map[string]error{}
	_, errs["CreateScope"] = c.CreateScope(ctx, "", ScopeInput{Name: "x", Permissions: []string{"locations.readonly"}})
	_, errs["GetScope"] = c.GetScope(ctx, "", "s1")
	_, errs["ListScopes"] = c.ListScopes(ctx, "")
	_, errs["UpdateScope"] = c.UpdateScope(ctx, "", "s1", ScopeInput{Name: "x"})
	errs["DeleteScope"] = c.DeleteScope(ctx, "", "s1")
	_, errs["CreateCredential"] = c.CreateCredential(ctx, "", "s1", CredentialInput{Name: "x"})
	_, errs["GetCredential"] = c.GetCredential(ctx, "", "s1", "c1")
	_, errs["ListCredentials"] = c.ListCredentials(ctx, "", "s1")
	errs["DeleteCredential"] = c.DeleteCredential(ctx, "", "s1", "c1")
	for name, err := range errs {
		switch {
		case err == nil:
			t.Errorf("%s: success against an API without scope routes", name)
		case !errors.Is(err, ErrScopesUnsupported):
			t.Errorf("%s: %v is not ErrScopesUnsupported", name, err)
		case IsNotFound(err) || IsRouteNotFound(err):
			t.Errorf("%s: %v must not read as a deleted object", name, err)
		case !strings.HasPrefix(err.Error(), "scope management is not available on this HighLevel API endpoint (emulator-only feature)"):
			t.Errorf("%s: message %q", name, err.Error())
		}
	}
	if !strings.Contains(errs["CreateScope"].Error(), "Cannot POST /conversation-ai/scopes") {
		t.Errorf("the cause is lost: %v", errs["CreateScope"])
	}
	if len(f.all()) != len(errs) {
		t.Errorf("%d requests for %d calls (a 404 must not be retried)", len(f.all()), len(errs))
	}
}

// TestCredentialTokenNeverLogged drives the credential routes with a TRACE logger (request and
// response bodies logged) and greps the output for the token.
func TestCredentialTokenNeverLogged(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	// an opaque token (no sct- shape): only the `token` key and the redaction set catch it
	const opaque = "opaque-credential-Qx81z9"
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"POST /conversation-ai/scopes/s1/credentials": func(w http.ResponseWriter, r *http.Request, b []byte) {
			tok := testCredToken
			if strings.Contains(string(b), "opaque") {
				tok = opaque
			}
			writeJSON(w, 201, map[string]any{"success": true, "data": map[string]any{"id": "cr1", "scopeId": "s1", "name": "ci",
				"tokenPrefix": tok[:8], "token": tok}})
		},
		// a misbehaving server that echoes the token elsewhere later
		"GET /conversation-ai/scopes/s1/credentials/cr1": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			writeJSON(w, 422, map[string]any{"statusCode": 422, "message": []string{"bad " + testCredToken, "bad " + opaque}, "note": opaque})
		},
	})
	if _, err := c.CreateCredential(ctx, "", "s1", CredentialInput{Name: "ci"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateCredential(ctx, "", "s1", CredentialInput{Name: "opaque"}); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetCredential(ctx, "", "s1", "cr1")
	if err == nil || strings.Contains(err.Error(), testCredToken) || strings.Contains(err.Error(), opaque) {
		t.Fatalf("error not redacted: %v", err)
	}
	logs := buf.String()
	for _, s := range []string{testCredToken, opaque, testPIT} {
		if strings.Contains(logs, s) {
			t.Errorf("credential %q appears in the logs", s)
		}
	}
	for _, want := range []string{"http_response_body", `"token\":\"***\"`, `sct-7c1e`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q", want)
		}
	}
	if t.Failed() {
		t.Logf("logs:\n%s", logs)
	}
}
