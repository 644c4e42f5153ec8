// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestLogsNeverContainCredentials drives PIT requests (success, 429 retry, error, dropped
// connection), the OAuth refresh and exchange (including a re-mint after a token 401 and a
// failed refresh) with a TRACE logger, then greps the output for every credential.
func TestLogsNeverContainCredentials(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)

	const scopeCredToken = "sct-3f9a6c2e-1b4d-4e8f-a7c3-9d2e5b1f0a86"
	const opaqueSecret = "my-opaque-agency-token-Zx81"
	var n atomic.Int32
	pit := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "0")
			writeJSON(w, 429, map[string]any{"statusCode": 429, "message": "Too Many Requests"})
		case 2:
			// a credential in a response body (as the [EXT] credential create returns it), and
			// a server that echoes the Authorization header
			writeJSON(w, 201, map[string]any{"success": true, "data": map[string]any{
				"id": "cred1", "token": scopeCredToken, "tokenPrefix": "sct-3f9a", "echo": r.Header.Get("Authorization"),
				"note": "was " + opaqueSecret,
			}})
		case 3:
			writeJSON(w, 422, map[string]any{"statusCode": 422, "message": []string{"bad token " + testPIT}})
		default:
			conn, _, _ := w.(http.Hijacker).Hijack()
			_ = conn.Close()
		}
	}))
	pit.secrets.add(opaqueSecret) // as if configured
	var out map[string]any
	if err := pit.do(ctx, req{method: http.MethodPost, path: "/conversation-ai/scopes/s1/credentials", family: familyScopes,
		body: map[string]any{"name": "ci", "password": "hunter2-password"}}, &out); err != nil {
		t.Fatal(err)
	}
	err := pit.do(ctx, req{method: http.MethodGet, path: "/conversation-ai/agents/x", family: familyConversationAI}, nil)
	if err == nil || strings.Contains(err.Error(), testPIT) || !strings.Contains(err.Error(), "bad token ***") {
		t.Errorf("API error not redacted: %v", err)
	}
	_ = pit.do(ctx, req{method: http.MethodPost, path: "/conversation-ai/agents", family: familyConversationAI, body: AgentInput{Name: "x"}}, nil)

	f := newFakeOAuth(t)
	oc, _ := newOAuthClient(t, f)
	if _, err := oc.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	f.revokeLocationTokens()
	if _, err := oc.GetAgent(ctx, "locB", "a1"); err != nil {
		t.Fatal(err)
	}
	if _, err := oc.GetAgent(ctx, "", "a1"); err != nil { // token 401 → re-mint
		t.Fatal(err)
	}
	bad, _ := newOAuthClient(t, newFakeOAuth(t), func(o *OAuthConfig) { o.RefreshToken = "rt-dead-0000-1111-2222" })
	if _, err := bad.GetAgent(ctx, "", "a1"); err == nil {
		t.Fatal("expected refresh failure")
	}

	logs := buf.String()
	secrets := append([]string{testPIT, testClientSecret, testRefresh0, scopeCredToken, opaqueSecret, "hunter2-password", "rt-dead-0000-1111-2222"}, f.issued...)
	if len(f.issued) < 5 {
		t.Fatalf("fake issued only %v", f.issued)
	}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("credential %q appears in the logs", s)
		}
	}
	for _, want := range []string{
		`"@module":"provider.highlevel_client"`, "received HTTP response", "http_response_body", "http_request_body",
		"retrying HTTP request", "HTTP request failed", "exchanging the agency token for a location token",
		"refreshing the agency OAuth token", "/oauth/token", "/oauth/locationToken", "***", `"trace_id"`, "x_ratelimit_info",
		`sct-3f9a\"`, // a token prefix is not a credential and stays readable
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q", want)
		}
	}
	if t.Failed() {
		t.Logf("logs:\n%s", logs)
	}
}

func TestRedactBody(t *testing.T) {
	t.Parallel()
	c, _ := New(Config{Token: "opaque-configured-token"})
	cases := []struct {
		ct, in, want string
	}{
		{"application/json", `{"access_token":"abc","expires_in":5,"nested":[{"refreshToken":"r"}],"name":"n"}`,
			`{"access_token":"***","expires_in":5,"name":"n","nested":[{"refreshToken":"***"}]}`},
		{"application/x-www-form-urlencoded", "client_id=id&client_secret=s3&grant_type=refresh_token&refresh_token=rt",
			"client_id=id&client_secret=***&grant_type=refresh_token&refresh_token=***"},
		{"text/plain", "Authorization: Bearer abc.def", "Authorization: ***"},
		{"text/plain", "hello opaque-configured-token", "hello ***"},
		{"application/json", `not json "token":"xyz"`, `not json ***`},
		{"multipart/form-data; boundary=x", "--x\r\nsecret\r\n", "<multipart body, 13 bytes>"},
	}
	for _, tc := range cases {
		if got := c.redactBody(tc.ct, []byte(tc.in)); got != tc.want {
			t.Errorf("redactBody(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
	if got := c.redactHeaders(http.Header{"Authorization": {"Bearer x"}, "Version": {"2021-04-15"}}); got != "Authorization: ***; Version: 2021-04-15" {
		t.Errorf("headers %q", got)
	}
}
