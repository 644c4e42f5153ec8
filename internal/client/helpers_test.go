// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

const testPIT = "pit-0b7e3c1a-5d2f-4e8a-9c61-3f2b7d9e1a44"

// newTestClient starts h on httptest and returns a PIT client for it with fast
// backoff and no client-side rate limit (tests that need them set their own).
func newTestClient(t *testing.T, h http.Handler, mod ...func(*Config)) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	// Fake servers answer only the routes under test; the location check has tests of its own.
	cfg := Config{BaseURL: srv.URL, Token: testPIT, LocationID: "loc1", MaxRetries: 3, SkipLocationCheck: true}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	fastRetries(c)
	return c
}

func fastRetries(c *Client) {
	c.retryWaitMin, c.retryWaitMax = time.Millisecond, 5*time.Millisecond
	c.limiters = &limiterSet{m: map[string]*rate.Limiter{}, limit: rate.Inf, burst: 1}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// counter counts requests per "METHOD path".
type counter struct {
	mu sync.Mutex
	m  map[string]int
	n  atomic.Int64
}

func (c *counter) hit(r *http.Request) {
	c.n.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]int{}
	}
	c.m[r.Method+" "+r.URL.Path]++
}

func (c *counter) get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

// fakeClock is a settable clock for token expiry.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func ptr[T any](v T) *T { return &v }
