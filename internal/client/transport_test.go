// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestNewValidates(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" = valid
	}{
		{"pit", Config{Token: "pit-x"}, ""},
		{"no auth", Config{}, "no credentials"},
		{"both", Config{Token: "pit-x", OAuth: &OAuthConfig{AccessToken: "a", CompanyID: "c"}}, "mutually exclusive"},
		{"relative url", Config{Token: "t", BaseURL: "localhost:8080"}, "absolute http(s) URL"},
		{"ftp url", Config{Token: "t", BaseURL: "ftp://x"}, "absolute http(s) URL"},
		{"no host", Config{Token: "t", BaseURL: "http://"}, "absolute http(s) URL"},
		{"http ok", Config{Token: "t", BaseURL: "http://127.0.0.1:1234/prefix/"}, ""},
		{"oauth access", Config{OAuth: &OAuthConfig{AccessToken: "a", CompanyID: "c"}}, ""},
		{"oauth access no company", Config{OAuth: &OAuthConfig{AccessToken: "a"}}, "company_id is required"},
		{"oauth refresh", Config{OAuth: &OAuthConfig{ClientID: "i", ClientSecret: "s", RefreshToken: "r"}}, ""},
		{"oauth partial", Config{OAuth: &OAuthConfig{ClientID: "i", RefreshToken: "r"}}, "needs all of client_id, client_secret and refresh_token"},
		{"oauth empty", Config{OAuth: &OAuthConfig{}}, "set client_id"},
		{"no client-side limit", Config{Token: "t", RequestsPer10s: -1}, ""},
	}
	for _, tc := range cases {
		_, err := New(tc.cfg)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

func TestLocationID(t *testing.T) {
	t.Parallel()
	c, _ := New(Config{Token: "t"})
	if _, err := c.LocationID(""); err == nil || !strings.Contains(err.Error(), "set location_id on the resource or the provider") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := c.LocationID("x"); got != "x" {
		t.Fatal(got)
	}
	c, _ = New(Config{Token: "t", LocationID: "def"})
	if got, _ := c.LocationID(""); got != "def" || c.DefaultLocationID() != "def" {
		t.Fatal(got)
	}
	if got, _ := c.LocationID("other"); got != "other" {
		t.Fatal(got)
	}
}

func TestHeadersAndVersionPerFamily(t *testing.T) {
	t.Parallel()
	type seen struct{ version, auth, accept, ctype, ua string }
	var mu sync.Mutex
	got := map[string]seen{}
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.URL.Path] = seen{r.Header.Get("Version"), r.Header.Get("Authorization"), r.Header.Get("Accept"), r.Header.Get("Content-Type"), r.Header.Get("User-Agent")}
		_, hasVersion := r.Header["Version"]
		if r.URL.Path == "/oauth/token" && hasVersion {
			got[r.URL.Path] = seen{version: "PRESENT"}
		}
		mu.Unlock()
		writeJSON(w, 200, map[string]any{})
	}), func(cfg *Config) { cfg.UserAgent = "tf-test/1.0" })

	cases := []struct {
		path    string
		family  family
		version string
	}{
		{"/conversation-ai/agents/search", familyConversationAI, "2021-04-15"},
		{"/knowledge-bases/", familyKnowledgeBases, "2021-04-15"},
		{"/conversations/search", familyConversations, "2021-04-15"},
		{"/conversation-ai/scopes", familyScopes, "2021-04-15"},
		{"/locations/loc1", familyLocations, "2021-07-28"},
		{"/oauth/token", familyOAuthToken, ""},
	}
	for _, tc := range cases {
		r := req{method: http.MethodGet, path: tc.path, family: tc.family}
		if tc.family == familyOAuthToken {
			r.method, r.form = http.MethodPost, url.Values{"grant_type": {"refresh_token"}}
		}
		if err := c.do(context.Background(), r, nil); err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		s := got[tc.path]
		if s.version != tc.version {
			t.Errorf("%s: Version %q, want %q", tc.path, s.version, tc.version)
		}
		wantAuth := "Bearer " + testPIT
		if tc.family == familyOAuthToken {
			wantAuth = ""
		}
		if s.auth != wantAuth {
			t.Errorf("%s: Authorization %q, want %q", tc.path, s.auth, wantAuth)
		}
		if tc.family == familyOAuthToken {
			continue
		}
		if s.accept != "application/json" || s.ua != "tf-test/1.0" {
			t.Errorf("%s: Accept %q, User-Agent %q", tc.path, s.accept, s.ua)
		}
	}
	if got["/oauth/token"].ctype != "application/x-www-form-urlencoded" {
		t.Errorf("oauth content type %q", got["/oauth/token"].ctype)
	}
	// JSON body content type
	if _, err := c.CreateAgent(context.Background(), "", AgentInput{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if got["/conversation-ai/agents"].ctype != "application/json" {
		t.Errorf("agent content type %q", got["/conversation-ai/agents"].ctype)
	}
}

func TestErrorDecoding(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		method    string
		status    int
		body      string
		messages  []string
		reason    string
		text      string
		problem   AuthProblem
		predicate func(error) bool
	}{
		{
			name: "422 array", method: "PUT", status: 422,
			body:     `{"statusCode":422,"message":["name must be a string","mode must be one of off, suggestive, auto-pilot"],"error":"Unprocessable Entity","traceId":"t-1"}`,
			messages: []string{"name must be a string", "mode must be one of off, suggestive, auto-pilot"}, reason: "Unprocessable Entity",
			text: "PUT /p: 422 Unprocessable Entity: name must be a string; mode must be one of off, suggestive, auto-pilot [traceId t-1]",
		},
		{
			name: "404 string", method: "GET", status: 404,
			body:     `{"statusCode":404,"message":"Agent not found","error":"Not Found"}`,
			messages: []string{"Agent not found"}, reason: "Not Found", text: "GET /p: 404 Not Found: Agent not found",
			predicate: IsNotFound,
		},
		{
			name: "401 token", method: "GET", status: 401,
			body:     `{"statusCode":401,"message":"Invalid token: access token is invalid","error":"Unauthorized"}`,
			messages: []string{"Invalid token: access token is invalid"}, reason: "Unauthorized", problem: AuthProblemToken,
			text: "GET /p: 401 Unauthorized: Invalid token: access token is invalid", predicate: IsUnauthorized,
		},
		{
			name: "401 jwt", method: "GET", status: 401, body: `{"message":"Invalid JWT"}`,
			messages: []string{"Invalid JWT"}, problem: AuthProblemToken, text: "GET /p: 401 Unauthorized: Invalid JWT",
		},
		{
			name: "401 scope", method: "GET", status: 401, body: `{"statusCode":401,"message":"The token is not authorized for this scope."}`,
			messages: []string{"The token is not authorized for this scope."}, problem: AuthProblemScope,
			text: "GET /p: 401 Unauthorized: The token is not authorized for this scope.", predicate: IsScopeDenied,
		},
		{
			name: "401 version missing", method: "GET", status: 401, body: `{"statusCode":401,"message":"version header was not found."}`,
			messages: []string{"version header was not found."}, problem: AuthProblemVersion, text: "GET /p: 401 Unauthorized: version header was not found.",
		},
		{
			name: "401 version invalid", method: "GET", status: 401, body: `{"statusCode":401,"message":"version header is invalid"}`,
			messages: []string{"version header is invalid"}, problem: AuthProblemVersion, text: "GET /p: 401 Unauthorized: version header is invalid",
		},
		{
			name: "403", method: "DELETE", status: 403, body: `{"statusCode":403,"message":"The token does not have access to this location.","error":"Forbidden"}`,
			messages: []string{"The token does not have access to this location."}, reason: "Forbidden",
			text: "DELETE /p: 403 Forbidden: The token does not have access to this location.", predicate: IsForbidden,
		},
		{
			name: "409", method: "POST", status: 409, body: `{"statusCode":409,"message":"exists"}`,
			messages: []string{"exists"}, text: "POST /p: 409 Conflict: exists", predicate: IsConflict,
		},
		{
			name: "oauth", method: "POST", status: 400, body: `{"error":"invalid_grant","error_description":"Invalid grant: refresh token is invalid"}`,
			messages: []string{"Invalid grant: refresh token is invalid"}, reason: "invalid_grant",
			text: "POST /p: 400 Bad Request: Invalid grant: refresh token is invalid",
		},
		{
			name: "not json", method: "GET", status: 502, body: `<html>Bad gateway</html>`,
			messages: []string{"<html>Bad gateway</html>"}, text: "GET /p: 502 Bad Gateway: <html>Bad gateway</html>",
		},
		{
			name: "empty", method: "GET", status: 500, body: ``,
			messages: []string{"Internal Server Error"}, text: "GET /p: 500 Internal Server Error: Internal Server Error",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := decodeAPIError(tc.method, "/p", tc.status, []byte(tc.body))
			if strings.Join(e.Messages, "|") != strings.Join(tc.messages, "|") || e.Reason != tc.reason {
				t.Errorf("messages %q reason %q", e.Messages, e.Reason)
			}
			if e.Error() != tc.text {
				t.Errorf("Error()\n got %q\nwant %q", e.Error(), tc.text)
			}
			if e.AuthProblem() != tc.problem {
				t.Errorf("AuthProblem %q, want %q", e.AuthProblem(), tc.problem)
			}
			if tc.predicate != nil && !tc.predicate(error(e)) {
				t.Errorf("predicate false")
			}
		})
	}
	if !IsRouteNotFound(decodeAPIError("POST", "/conversation-ai/scopes", 404, []byte(`{"statusCode":404,"message":"Cannot POST /conversation-ai/scopes","error":"Not Found"}`))) ||
		IsRouteNotFound(decodeAPIError("GET", "/conversation-ai/agents/x", 404, []byte(`{"message":"Agent not found"}`))) {
		t.Error("IsRouteNotFound")
	}
	// An unknown route is not a gone object: it must never drop an object from state.
	if IsNotFound(decodeAPIError("GET", "/knowledge-bases/files/f1", 404, []byte(`{"statusCode":404,"message":"Cannot GET /knowledge-bases/files/f1","error":"Not Found"}`))) {
		t.Error("IsNotFound true for a route-not-found 404")
	}
	// wrapped errors are still recognised
	if !IsNotFound(errors.Join(errors.New("ctx"), decodeAPIError("GET", "/p", 404, nil))) {
		t.Error("IsNotFound through a wrap")
	}
	if IsNotFound(errors.New("404")) || IsNotFound(nil) {
		t.Error("IsNotFound on a non-API error")
	}
}

func TestErrorsFromServer(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 422, map[string]any{"statusCode": 422, "message": []string{"name must be a string"}, "error": "Unprocessable Entity"})
	}))
	_, err := c.UpdateAgent(context.Background(), "", "abc", AgentInput{AutoPilotMaxMessages: ptr(int64(5))})
	want := "PUT /conversation-ai/agents/abc: 422 Unprocessable Entity: name must be a string"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func TestEnvelope(t *testing.T) {
	t.Parallel()
	type kb struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	cases := []struct {
		body string
		keys []string
		want kb
		err  string
	}{
		{`{"id":"k1","name":"flat"}`, []string{"data"}, kb{"k1", "flat"}, ""},
		{`{"success":true,"data":{"id":"k2","name":"wrapped"},"traceId":"x"}`, []string{"data"}, kb{"k2", "wrapped"}, ""},
		{`{"success":true,"faq":{"id":"f1","name":"faq"}}`, []string{"faq", "data"}, kb{"f1", "faq"}, ""},
		{`{"success":true,"data":null,"id":"k3"}`, []string{"data"}, kb{ID: "k3"}, ""},
		{`{"success":false,"message":"nope"}`, []string{"data"}, kb{}, "success=false: nope"},
	}
	for _, tc := range cases {
		var got kb
		err := json.Unmarshal([]byte(tc.body), inEnvelope(&got, tc.keys...))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err %v", tc.body, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v", tc.body, got, err)
		}
	}
}

func TestLimiterSetSizing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		per   int
		burst int
		limit rate.Limit
	}{
		{90, 10, 9},
		{50, 50, 5},
		{10, 10, 1},
		{1, 1, 0.1},
		{99, 1, 9.9},
		{100, 1, 9.9},
		{500, 1, 9.9},
	}
	for _, tc := range cases {
		s := newLimiterSet(tc.per)
		if s.burst != tc.burst || (s.limit-tc.limit) > 1e-9 || (tc.limit-s.limit) > 1e-9 {
			t.Errorf("perWindow %d: burst %d limit %v, want %d %v", tc.per, s.burst, s.limit, tc.burst, tc.limit)
		}
		// worst case in one 10 s window never exceeds the server's 100
		if worst := float64(s.burst) + float64(s.limit)*serverWindow.Seconds(); worst > serverWindowMax+1e-9 {
			t.Errorf("perWindow %d: worst case %v per window", tc.per, worst)
		}
	}
}

func TestLimiterIsPerLocation(t *testing.T) {
	t.Parallel()
	var cnt counter
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.hit(r)
		writeJSON(w, 200, map[string]any{"id": "a", "name": "n"})
	}))
	c.limiters = newLimiterSet(2) // burst 2, then one request per 5 s

	ctx := context.Background()
	for range 2 {
		if _, err := c.GetAgent(ctx, "locA", "a"); err != nil {
			t.Fatal(err)
		}
	}
	// locA's bucket is empty: the next request would wait ~5 s, longer than this deadline
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	_, err := c.GetAgent(short, "locA", "a")
	if err == nil || !strings.Contains(err.Error(), "client-side rate limit for locA") {
		t.Fatalf("err = %v", err)
	}
	// x/time/rate's answer when it refuses at once, without waiting towards the deadline (a
	// wait cut short by the deadline would end with context.DeadlineExceeded instead).
	if !strings.Contains(err.Error(), "would exceed context deadline") || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v: the limiter waited although it could not succeed before the deadline", err)
	}
	// locB has its own bucket: not slowed by locA (whose next grant is ~5 s away; the bound
	// below leaves a loaded machine room and still tells the two apart)
	start := time.Now()
	for range 2 {
		if _, err := c.GetAgent(ctx, "locB", "a"); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Fatalf("locB waited %s", el)
	}
	if cnt.n.Load() != 4 {
		t.Fatalf("server saw %d requests, want 4 (the limited one never left)", cnt.n.Load())
	}
}

func TestLimiterSpacesRequests(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": "a", "name": "n"})
	}))
	c.limiters = &limiterSet{m: map[string]*rate.Limiter{}, limit: 20, burst: 1} // one per 50 ms
	start := time.Now()
	for range 4 {
		if _, err := c.GetAgent(context.Background(), "loc", "a"); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < 140*time.Millisecond {
		t.Fatalf("4 requests at 20/s took %s", el)
	}
}

func TestDoDecodesIntoOut(t *testing.T) {
	t.Parallel()
	var lastQuery atomic.Value
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lastQuery.Store(r.URL.RawQuery)
		if r.URL.EscapedPath() != "/knowledge-bases/a%2Fb" {
			t.Errorf("path %q", r.URL.EscapedPath())
		}
		writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{"id": "a/b"}})
	}))
	var out struct {
		ID string `json:"id"`
	}
	err := c.do(context.Background(), req{method: http.MethodGet, path: pathf("/knowledge-bases/%s", "a/b"), family: familyKnowledgeBases,
		query: url.Values{"locationId": {"loc1"}}}, inEnvelope(&out, "data"))
	if err != nil || out.ID != "a/b" || lastQuery.Load() != "locationId=loc1" {
		t.Fatalf("out %+v err %v query %v", out, err, lastQuery.Load())
	}
}

func TestPITWithoutLocationStillWorksForConversationAI(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": "a", "name": "n"})
	}), func(cfg *Config) { cfg.LocationID = "" })
	if _, err := c.GetAgent(context.Background(), "", "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetLocation(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "set location_id") {
		t.Fatalf("GetLocation without location: %v", err)
	}
}

func TestGetLocation(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/locations/loc1" || r.Header.Get("Version") != "2021-07-28" {
			t.Errorf("%s %s", r.URL.Path, r.Header.Get("Version"))
		}
		writeJSON(w, 200, map[string]any{"location": map[string]any{"id": "loc1", "companyId": "co1", "name": "Acme", "timezone": "UTC", "website": "https://acme.test"}, "traceId": "x"})
	}))
	l, err := c.GetLocation(context.Background(), "")
	if err != nil || l.ID != "loc1" || l.CompanyID != "co1" || l.Name != "Acme" || l.Website != "https://acme.test" {
		t.Fatalf("%+v %v", l, err)
	}
}
