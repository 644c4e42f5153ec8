// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeOAuth is a minimal agency OAuth server: /oauth/token (single-use refresh tokens),
// /oauth/locationToken, and GET /conversation-ai/agents/{id} that accepts only live location
// tokens of the right location.
type fakeOAuth struct {
	t         *testing.T
	mu        sync.Mutex
	expiresIn int
	refresh   string            // the one valid refresh token
	agency    map[string]bool   // valid agency tokens
	locTokens map[string]string // valid location token -> location
	mints     map[string]int    // location -> locationToken calls
	refreshes int
	seq       int
	delay     time.Duration // slows the exchange, to make parallel callers overlap
	issued    []string      // every token and refresh token handed out
	cnt       counter
}

const (
	testClientSecret = "cs-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	testRefresh0     = "rt-1b2c3d4e5f60718293a4b5c6d7e8f901"
)

func newFakeOAuth(t *testing.T) *fakeOAuth {
	return &fakeOAuth{t: t, expiresIn: 86399, refresh: testRefresh0, agency: map[string]bool{}, locTokens: map[string]string{}, mints: map[string]int{}}
}

func (f *fakeOAuth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.cnt.hit(r)
	f.mu.Lock()
	defer f.mu.Unlock()
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/oauth/token":
		_ = r.ParseForm()
		if r.Header.Get("Authorization") != "" {
			f.t.Errorf("/oauth/token got an Authorization header")
		}
		if r.PostForm.Get("client_id") != "client-1" || r.PostForm.Get("client_secret") != testClientSecret ||
			r.PostForm.Get("grant_type") != "refresh_token" || r.PostForm.Get("user_type") != "Company" {
			writeJSON(w, 400, map[string]any{"error": "invalid_request", "error_description": "bad form " + r.PostForm.Encode()})
			return
		}
		if r.PostForm.Get("refresh_token") != f.refresh {
			writeJSON(w, 400, map[string]any{"error": "invalid_grant", "error_description": "Invalid grant: refresh token is invalid"})
			return
		}
		f.refreshes++
		f.seq++
		// JWT-looking access token, opaque refresh token
		access := fmt.Sprintf("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VuY3ki%04d.c2lnbmF0dXJlc2lnbmF0dXJl", f.seq)
		f.refresh = fmt.Sprintf("rt-rotated-%04d-a8b7c6d5e4f3", f.seq)
		f.agency[access] = true
		f.issued = append(f.issued, access, f.refresh)
		writeJSON(w, 200, map[string]any{
			"access_token": access, "token_type": "Bearer", "expires_in": 86399, "refresh_token": f.refresh,
			"scope": "oauth.write conversation-ai.readonly", "userType": "Company", "companyId": "co1", "userId": "u1",
		})
	case r.Method == http.MethodPost && r.URL.Path == "/oauth/locationToken":
		if r.Header.Get("Version") != "2021-07-28" {
			writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "version header was not found."})
			return
		}
		if !f.agency[bearer] {
			writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "Invalid JWT"})
			return
		}
		_ = r.ParseForm()
		loc := r.PostForm.Get("locationId")
		if r.PostForm.Get("companyId") != "co1" || loc == "" {
			writeJSON(w, 403, map[string]any{"statusCode": 403, "message": "The token does not have access to this location."})
			return
		}
		if f.delay > 0 {
			f.mu.Unlock()
			time.Sleep(f.delay)
			f.mu.Lock()
		}
		f.mints[loc]++
		f.seq++
		tok := fmt.Sprintf("loctok-%s-%04d-5e6f7a8b9c0d", loc, f.seq)
		f.locTokens[tok] = loc
		f.issued = append(f.issued, tok)
		writeJSON(w, 200, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": f.expiresIn, "scope": "conversation-ai.readonly", "locationId": loc, "userId": "u1"})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/conversation-ai/agents/"):
		if _, ok := f.locTokens[bearer]; !ok {
			writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "Invalid token: access token is invalid", "error": "Unauthorized"})
			return
		}
		writeJSON(w, 200, map[string]any{"id": strings.TrimPrefix(r.URL.Path, "/conversation-ai/agents/"), "name": "Bot", "locationId": f.locTokens[bearer]})
	default:
		writeJSON(w, 404, map[string]any{"statusCode": 404, "message": "Cannot " + r.Method + " " + r.URL.Path})
	}
}

func (f *fakeOAuth) revokeLocationTokens() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.locTokens = map[string]string{}
}

func (f *fakeOAuth) mintCount(loc string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mints[loc]
}

func newOAuthClient(t *testing.T, f *fakeOAuth, mod ...func(*OAuthConfig)) (*Client, *fakeClock) {
	t.Helper()
	o := &OAuthConfig{ClientID: "client-1", ClientSecret: testClientSecret, RefreshToken: testRefresh0}
	for _, m := range mod {
		m(o)
	}
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.Token = ""
		cfg.OAuth = o
		cfg.LocationID = "locA"
	})
	clock := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	c.now = clock.now
	return c, clock
}

func TestOAuthExchangeCachesAndRefreshesBeforeExpiry(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.expiresIn = 3600
	c, clock := newOAuthClient(t, f)
	ctx := context.Background()

	for range 3 {
		a, err := c.GetAgent(ctx, "", "a1")
		if err != nil {
			t.Fatal(err)
		}
		if a.LocationID != "locA" {
			t.Fatalf("agent read with a token of %q", a.LocationID)
		}
	}
	if f.mintCount("locA") != 1 || f.refreshes != 1 {
		t.Fatalf("mints %d refreshes %d, want 1 and 1 (cached)", f.mintCount("locA"), f.refreshes)
	}

	// a second location gets its own token, the agency token is reused
	if _, err := c.GetAgent(ctx, "locB", "a1"); err != nil {
		t.Fatal(err)
	}
	if f.mintCount("locB") != 1 || f.refreshes != 1 {
		t.Fatalf("locB mints %d refreshes %d", f.mintCount("locB"), f.refreshes)
	}

	// still valid 3299 s later (expires_in 3600 − 300 s margin)
	clock.advance(3299 * time.Second)
	if _, err := c.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	if f.mintCount("locA") != 1 {
		t.Fatalf("re-minted %d times before expires_in − 300 s", f.mintCount("locA"))
	}
	// past expires_in − 300 s: re-minted before the server would reject it
	clock.advance(2 * time.Second)
	if _, err := c.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	if f.mintCount("locA") != 2 {
		t.Fatalf("mints %d, want 2 after expiry", f.mintCount("locA"))
	}
}

func TestOAuthAgencyTokenRefreshKeepsNewestRefreshToken(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	var rotated []string
	var mu sync.Mutex
	c, clock := newOAuthClient(t, f, func(o *OAuthConfig) {
		o.RefreshTokenRotated = func(s string) { mu.Lock(); rotated = append(rotated, s); mu.Unlock() }
	})
	ctx := context.Background()
	if _, err := c.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	// both tokens expire: the agency token is refreshed with the rotated refresh token
	// (the configured one is single-use and now dead)
	clock.advance(24 * time.Hour)
	if _, err := c.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	if f.refreshes != 2 || len(rotated) != 2 || rotated[1] != f.refresh {
		t.Fatalf("refreshes %d rotated %v (server's current %s)", f.refreshes, rotated, f.refresh)
	}
}

func TestOAuthParallelCallersMintOnce(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.delay = 50 * time.Millisecond
	c, _ := newOAuthClient(t, f)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loc := "locA"
			if i%2 == 1 {
				loc = "locB"
			}
			if _, err := c.GetAgent(context.Background(), loc, "a1"); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if f.mintCount("locA") != 1 || f.mintCount("locB") != 1 || f.refreshes != 1 {
		t.Fatalf("mints A=%d B=%d refreshes=%d; want one each", f.mintCount("locA"), f.mintCount("locB"), f.refreshes)
	}
}

func TestOAuthToken401ReMintsOnce(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	c, _ := newOAuthClient(t, f)
	ctx := context.Background()
	if _, err := c.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	f.revokeLocationTokens() // the server no longer accepts the cached token
	if _, err := c.GetAgent(ctx, "", "a1"); err != nil {
		t.Fatal(err)
	}
	if f.mintCount("locA") != 2 || f.cnt.get("GET /conversation-ai/agents/a1") != 3 {
		t.Fatalf("mints %d, agent GETs %d; want 2 and 3", f.mintCount("locA"), f.cnt.get("GET /conversation-ai/agents/a1"))
	}
}

func TestOAuthRepeated401IsNotALoop(t *testing.T) {
	t.Parallel()
	var cnt counter
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.hit(r)
		switch r.URL.Path {
		case "/oauth/locationToken":
			writeJSON(w, 200, map[string]any{"access_token": "loc-token-0123456789", "expires_in": 86399})
		default:
			writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "Invalid token: access token is invalid"})
		}
	}), func(cfg *Config) {
		cfg.Token, cfg.OAuth = "", &OAuthConfig{AccessToken: "agency-token-0123456789", CompanyID: "co1"}
	})
	_, err := c.GetAgent(context.Background(), "", "a1")
	if !IsUnauthorized(err) || cnt.get("GET /conversation-ai/agents/a1") != 2 || cnt.get("POST /oauth/locationToken") != 2 {
		t.Fatalf("err %v, GETs %d, mints %d", err, cnt.get("GET /conversation-ai/agents/a1"), cnt.get("POST /oauth/locationToken"))
	}
}

func TestOAuthScope401DoesNotReMint(t *testing.T) {
	t.Parallel()
	var cnt counter
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.hit(r)
		switch r.URL.Path {
		case "/oauth/locationToken":
			writeJSON(w, 200, map[string]any{"access_token": "loc-token-0123456789", "expires_in": 86399})
		default:
			writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "The token is not authorized for this scope."})
		}
	}), func(cfg *Config) {
		cfg.Token, cfg.OAuth = "", &OAuthConfig{AccessToken: "agency-token-0123456789", CompanyID: "co1"}
	})
	_, err := c.GetAgent(context.Background(), "", "a1")
	if !IsScopeDenied(err) || cnt.get("POST /oauth/locationToken") != 1 || cnt.get("GET /conversation-ai/agents/a1") != 1 {
		t.Fatalf("err %v, counts %v", err, cnt.m)
	}
}

func TestPIT401IsFinal(t *testing.T) {
	t.Parallel()
	var cnt counter
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cnt.hit(r)
		writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "Invalid token: access token is invalid"})
	}))
	_, err := c.GetAgent(context.Background(), "", "a1")
	if !IsUnauthorized(err) || cnt.n.Load() != 1 {
		t.Fatalf("err %v requests %d", err, cnt.n.Load())
	}
}

func TestOAuthAgencyToken401Refreshes(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	// a configured agency access token the server does not (or no longer) accept, plus the
	// refresh flow: the exchange fails once with a token 401, the agency token is refreshed
	c, _ := newOAuthClient(t, f, func(o *OAuthConfig) { o.AccessToken = "eyJstale.eyJagency.sig"; o.CompanyID = "co1" })
	if _, err := c.GetAgent(context.Background(), "", "a1"); err != nil {
		t.Fatal(err)
	}
	if f.refreshes != 1 || f.cnt.get("POST /oauth/locationToken") != 2 {
		t.Fatalf("refreshes %d exchanges %d", f.refreshes, f.cnt.get("POST /oauth/locationToken"))
	}
}

func TestOAuthErrorsAreClear(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	c, _ := newOAuthClient(t, f, func(o *OAuthConfig) { o.RefreshToken = "rt-already-used-0000000000" })
	_, err := c.GetAgent(context.Background(), "", "a1")
	want := "refreshing the agency OAuth token: POST /oauth/token: 400 Bad Request: Invalid grant: refresh token is invalid"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Reason != "invalid_grant" {
		t.Fatalf("err = %#v", err)
	}

	// agency access token alone, rejected: cannot be renewed, says what to configure
	f2 := newFakeOAuth(t)
	c2 := newTestClient(t, f2, func(cfg *Config) {
		cfg.Token, cfg.OAuth = "", &OAuthConfig{AccessToken: "agency-token-unknown-000", CompanyID: "co1"}
	})
	_, err = c2.GetAgent(context.Background(), "", "a1")
	if !IsUnauthorized(err) || !strings.Contains(err.Error(), "getting an access token for location loc1 from the agency token") {
		t.Fatalf("err = %v", err)
	}
	if f2.cnt.get("POST /oauth/locationToken") != 1 {
		t.Fatalf("exchanges %d", f2.cnt.get("POST /oauth/locationToken"))
	}

	// OAuth with no location at all
	c3, _ := newOAuthClient(t, newFakeOAuth(t))
	c3.defaultLocation = ""
	if _, err := c3.GetAgent(context.Background(), "", "a1"); err == nil || !strings.Contains(err.Error(), "set location_id on the resource or the provider") {
		t.Fatalf("err = %v", err)
	}
}

func TestExpiryFor(t *testing.T) {
	t.Parallel()
	now := time.Unix(0, 0)
	cases := map[time.Duration]time.Duration{
		86399 * time.Second: 86099 * time.Second,
		3600 * time.Second:  3300 * time.Second,
		600 * time.Second:   300 * time.Second,
		60 * time.Second:    30 * time.Second,
		0:                   86099 * time.Second,
	}
	for in, want := range cases {
		if got := expiryFor(now, in).Sub(now); got != want {
			t.Errorf("expiryFor(%s) = %s, want %s", in, got, want)
		}
	}
}
