// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestRetry429HonoursRetryAfter(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"statusCode": 429, "message": "Too Many Requests"})
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": "a1", "name": "Bot"})
	}))
	start := time.Now()
	// a POST: a 429 is rejected before processing, so even a create is retried
	a, err := c.CreateAgent(context.Background(), "", AgentInput{Name: "Bot"})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "a1" || n.Load() != 2 {
		t.Fatalf("got %+v after %d requests", a, n.Load())
	}
	if elapsed < time.Second {
		t.Fatalf("retried after %s, before the Retry-After of 1s", elapsed)
	}
	if elapsed > 2500*time.Millisecond {
		t.Fatalf("retried after %s: too much jitter", elapsed)
	}
}

func TestRetry429FallsBackToRateLimitInterval(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("X-RateLimit-Interval-Milliseconds", "150")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"statusCode": 429, "message": "Too Many Requests"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": "a1", "name": "Bot"})
	}))
	start := time.Now()
	if _, err := c.GetAgent(context.Background(), "", "a1"); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 150*time.Millisecond {
		t.Fatalf("retried after %s, before X-RateLimit-Interval-Milliseconds", el)
	}
}

func TestRetry5xxExhaustedGivesClearError(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"statusCode": 503, "message": "upstream down", "traceId": "tr-1"})
	}), func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.GetAgent(context.Background(), "", "a1")
	if n.Load() != 3 {
		t.Fatalf("server saw %d requests, want 1 + MaxRetries(2) = 3", n.Load())
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.Attempts != 3 {
		t.Fatalf("err = %#v", err)
	}
	want := "GET /conversation-ai/agents/a1: 503 Service Unavailable: upstream down (gave up after 3 attempts) [traceId tr-1]"
	if err.Error() != want {
		t.Fatalf("error\n got %q\nwant %q", err.Error(), want)
	}
}

func TestRetryNegativeMaxRetriesMeansNone(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}), func(cfg *Config) { cfg.MaxRetries = -1 })
	if _, err := c.GetAgent(context.Background(), "", "a1"); err == nil || n.Load() != 1 {
		t.Fatalf("err=%v requests=%d", err, n.Load())
	}
}

func TestRetryPolicyByMethodAndStatus(t *testing.T) {
	t.Parallel()
	const maxRetries = 2
	all := 1 + maxRetries
	cases := []struct {
		method string
		status int
		want   int // requests the server sees
	}{
		{http.MethodGet, 500, all},
		{http.MethodPut, 500, 1},
		{http.MethodDelete, 500, 1},
		{http.MethodPost, 500, 1},
		{http.MethodGet, 502, all},
		{http.MethodPut, 503, all},
		{http.MethodDelete, 504, all},
		{http.MethodPatch, 503, all},
		{http.MethodPost, 502, 1},
		{http.MethodPost, 503, 1},
		{http.MethodPost, 504, 1},
		{http.MethodPost, 429, all},
		{http.MethodPut, 429, all},
		{http.MethodGet, 400, 1},
		{http.MethodGet, 401, 1},
		{http.MethodGet, 403, 1},
		{http.MethodGet, 404, 1},
		{http.MethodPost, 422, 1},
		{http.MethodGet, 501, 1},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s_%d", tc.method, tc.status), func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				if tc.status == 429 {
					w.Header().Set("Retry-After", "0")
				}
				writeJSON(w, tc.status, map[string]any{"statusCode": tc.status, "message": "boom"})
			}), func(cfg *Config) { cfg.MaxRetries = maxRetries })
			err := c.do(context.Background(), req{method: tc.method, path: "/conversation-ai/agents/x", family: familyConversationAI,
				body: map[string]any{"a": 1}}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
				t.Fatalf("err = %v", err)
			}
			if int(n.Load()) != tc.want || apiErr.Attempts != tc.want {
				t.Fatalf("server saw %d requests (error says %d attempts), want %d", n.Load(), apiErr.Attempts, tc.want)
			}
			if tc.method == http.MethodPost && tc.status >= 500 && tc.status != 501 && !strings.Contains(err.Error(), "not retried") {
				t.Fatalf("error does not say why it was not retried: %v", err)
			}
		})
	}
}

// hijackAndClose reads the request and then drops the connection without answering: the
// request reached the server, but the client sees a reset/EOF.
func hijackAndClose(n *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		_ = conn.Close()
	}
}

func TestRetryPOSTDroppedAfterSendIsNotRetried(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, hijackAndClose(&n))
	_, err := c.CreateAgent(context.Background(), "", AgentInput{Name: "Bot"})
	if n.Load() != 1 {
		t.Fatalf("server saw %d requests, want exactly 1 (a retried create could duplicate)", n.Load())
	}
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 1 || te.NotRetried == "" {
		t.Fatalf("err = %#v", err)
	}
	if !strings.HasPrefix(err.Error(), "POST /conversation-ai/agents: request failed after 1 attempt (not retried: the POST may have reached the server") {
		t.Fatalf("unclear error: %v", err)
	}
	if !MayHaveBeenApplied(err) {
		t.Fatal("a create dropped after it was sent must be reported as possibly applied")
	}
}

func TestMayHaveBeenApplied(t *testing.T) {
	t.Parallel()
	status := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, code, map[string]any{"statusCode": code, "message": []string{"m"}})
		}
	}
	for _, tc := range []struct {
		name string
		h    http.HandlerFunc
		want bool
	}{
		{"500 on create", status(http.StatusInternalServerError), true},
		{"503 on create", status(http.StatusServiceUnavailable), true},
		{"422 on create", status(http.StatusUnprocessableEntity), false},
		{"404 on create", status(http.StatusNotFound), false},
	} {
		c := newTestClient(t, tc.h)
		_, err := c.CreateAgent(context.Background(), "", AgentInput{Name: "Bot"})
		if got := MayHaveBeenApplied(err); got != tc.want {
			t.Errorf("%s: MayHaveBeenApplied = %v, want %v (err %v)", tc.name, got, tc.want, err)
		}
	}
	// A create that never reached the server was not applied.
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close()
	c, _ := New(Config{BaseURL: addr, Token: testPIT, LocationID: "loc1", MaxRetries: -1})
	if _, err := c.CreateAgent(context.Background(), "", AgentInput{Name: "Bot"}); err == nil || MayHaveBeenApplied(err) {
		t.Fatalf("refused connection: err %v, MayHaveBeenApplied must be false", err)
	}
}

func TestRetryGETDroppedAfterSendIsRetried(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, hijackAndClose(&n))
	_, err := c.GetAgent(context.Background(), "", "a1")
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 4 || n.Load() != 4 {
		t.Fatalf("requests=%d err=%v", n.Load(), err)
	}
}

// refusingDialer fails the first `fail` dials with ECONNREFUSED, as a server that is not
// listening yet would: nothing is ever sent.
func refusingDialer(fail int32, dials *atomic.Int32) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= fail {
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.AddrError{Err: "connect: connection refused", Addr: addr}}
		}
		return d.DialContext(ctx, network, addr)
	}
}

func TestRetryPOSTConnectionRefusedIsRetried(t *testing.T) {
	t.Parallel()
	var n, dials atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, http.StatusCreated, map[string]any{"id": "a1", "name": "Bot"})
	}), func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{DialContext: refusingDialer(2, &dials)}}
	})
	a, err := c.CreateAgent(context.Background(), "", AgentInput{Name: "Bot"})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "a1" || n.Load() != 1 || dials.Load() != 3 {
		t.Fatalf("agent %+v, server requests %d (want 1), dials %d (want 3)", a, n.Load(), dials.Load())
	}
}

func TestRetryPOSTRealConnectionRefused(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there any more
	c, err := New(Config{BaseURL: addr, Token: testPIT, LocationID: "loc1", MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	fastRetries(c)
	_, err = c.CreateAgent(context.Background(), "", AgentInput{Name: "Bot"})
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 3 || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %#v (%v)", err, err)
	}
}

func TestRetryNeverSleepsPastDeadline(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "30")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"statusCode": 429, "message": "Too Many Requests"})
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.GetAgent(ctx, "", "a1")
	if el := time.Since(start); el > time.Second {
		t.Fatalf("took %s: slept towards a retry that could not happen before the deadline", el)
	}
	if n.Load() != 1 || !IsRateLimited(err) || !strings.Contains(err.Error(), "would pass the deadline") {
		t.Fatalf("requests=%d err=%v", n.Load(), err)
	}
}

func TestRetryAfterTooLongIsNotHonoured(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "86400") // daily limit exhausted
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"statusCode": 429, "message": "Too Many Requests"})
	}))
	_, err := c.GetAgent(context.Background(), "", "a1")
	if !IsRateLimited(err) || !strings.Contains(err.Error(), "asked to wait 24h0m0s") {
		t.Fatalf("err=%v", err)
	}
}

func TestRetryContextCancelledDuringBackoff(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := c.GetAgent(ctx, "", "a1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1", time.Second, true},
		{"0", 0, true},
		{"2.5", 2500 * time.Millisecond, true},
		{"-1", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{now.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tc := range cases {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestExpBackoffBounds(t *testing.T) {
	t.Parallel()
	c := &Client{retryWaitMin: 100 * time.Millisecond, retryWaitMax: time.Second}
	for attempt, ceiling := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 30: time.Second} {
		for range 20 {
			d := c.expBackoff(attempt)
			if d < ceiling/2 || d > ceiling {
				t.Fatalf("attempt %d: wait %s outside [%s, %s]", attempt, d, ceiling/2, ceiling)
			}
		}
	}
}
