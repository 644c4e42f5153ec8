// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
)

// TestRateLimitContractDefault: 100 requests within 10 s pass, the 101st is a 429 with
// Retry-After; another location, and another app on the same location, are unaffected.
func TestRateLimitContractDefault(t *testing.T) {
	t.Parallel()
	emu, err := New(Options{}) // contract defaults: 100 / 10 s, 200,000 / day
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	e := &env{t: t, emu: emu, srv: srv, boot: emu.Bootstrap(srv.URL)}
	tok, loc0 := e.loc(0)
	tok1, _ := e.loc(1)

	for i := 1; i <= 100; i++ {
		r := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
		if got := r.header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(100-i) {
			t.Fatalf("request %d: X-RateLimit-Remaining %q", i, got)
		}
		if i == 1 && (r.header.Get("X-RateLimit-Max") != "100" || r.header.Get("X-RateLimit-Interval-Milliseconds") != "10000" ||
			r.header.Get("X-RateLimit-Limit-Daily") != "200000" || r.header.Get("X-RateLimit-Daily-Remaining") != "199999") {
			t.Fatalf("headers %v", r.header)
		}
	}
	r := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 429)
	ra, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || ra < 1 || ra > 10 {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	if r.str("message") != "Too Many Requests" || r.header.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("429 %s %v", r.raw, r.header)
	}
	// Another location is unaffected.
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok1, nil), 200)
	// Another app (an OAuth location token) on the same location has its own bucket.
	lt := e.expect(e.do("POST", "/oauth/locationToken", e.boot.AgencyToken, nil,
		withForm(url.Values{"companyId": {e.boot.CompanyID}, "locationId": {loc0}})), 200)
	e.expect(e.do("GET", "/conversation-ai/agents/search", lt.str("access_token"), nil), 200)
	// /oauth/token is exempt.
	form := url.Values{"client_id": {e.boot.OAuth.ClientID}, "client_secret": {e.boot.OAuth.ClientSecret},
		"grant_type": {"refresh_token"}, "refresh_token": {lt.str("refresh_token")}}
	rt := e.expect(e.do("POST", "/oauth/token", "", nil, withForm(form)), 200)
	if rt.header.Get("X-RateLimit-Max") != "" {
		t.Errorf("/oauth/token carries rate-limit headers")
	}
	// The window ends on the emulator clock; refused requests were not counted.
	e.expect(e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 10}), 200)
	r = e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	if r.header.Get("X-RateLimit-Remaining") != "99" || r.header.Get("X-RateLimit-Daily-Remaining") != strconv.Itoa(200000-101) {
		t.Errorf("new window %v", r.header)
	}
}

func TestRateLimitSmallAndDaily(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{RateLimitBurst: 3, DailyLimit: 5})
	tok, _ := e.loc(0)
	for range 3 {
		e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 429)
	// A Version 401 is answered before the rate limit and is not counted.
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil, withVersion("bad")), 401)
	e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 10})
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	r := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 429) // daily limit 5
	if ra, _ := strconv.Atoi(r.header.Get("Retry-After")); ra < 1 || ra > 86400 || r.header.Get("X-RateLimit-Daily-Remaining") != "0" {
		t.Errorf("daily 429 headers %v", r.header)
	}
	// Scope 401s are authenticated answers: they count and carry the headers.
	tok1, _ := e.loc(1)
	e.emu.mu.Lock()
	e.emu.st.Tokens[tok1].Scopes = nil
	e.emu.mu.Unlock()
	s := e.expect(e.do("GET", "/conversation-ai/agents/search", tok1, nil), 401)
	if s.header.Get("X-RateLimit-Remaining") != "2" {
		t.Errorf("scope 401 headers %v", s.header)
	}
}

func TestRateLimitControl(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{RateLimitBurst: 100})
	tok, _ := e.loc(0)
	e.expect(e.admin("PUT", "/_emulator/ratelimit", map[string]any{"burst": 2, "window_ms": 60000}), 200)
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	r := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	if r.header.Get("X-RateLimit-Interval-Milliseconds") != "60000" || r.header.Get("X-RateLimit-Max") != "2" {
		t.Errorf("headers %v", r.header)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 429)
	g := e.expect(e.admin("GET", "/_emulator/ratelimit", nil), 200)
	if g.body["burst"] != 2.0 || g.body["window_ms"] != 60000.0 {
		t.Errorf("%s", g.raw)
	}
	e.expect(e.admin("PUT", "/_emulator/ratelimit", map[string]any{"disabled": true}), 200)
	for range 5 {
		if r := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200); r.header.Get("X-RateLimit-Max") != "" {
			t.Fatal("headers with limits off")
		}
	}
	e.expect(e.admin("PUT", "/_emulator/ratelimit", map[string]any{"burst": -1}), 400)
}
