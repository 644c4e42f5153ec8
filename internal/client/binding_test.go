// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func checkedClient(t *testing.T, routes map[string]routeFunc) (*Client, *fakeAPI) {
	t.Helper()
	return newFakeAPI(t, routes, func(c *Config) { c.SkipLocationCheck = false })
}

func locationRead(owned string) routeFunc {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if strings.TrimPrefix(r.URL.Path, "/locations/") != owned {
			writeJSON(w, 403, map[string]any{"statusCode": 403, "message": "The token does not have access to this location.", "error": "Forbidden"})
			return
		}
		writeJSON(w, 200, map[string]any{"location": map[string]any{"id": owned}})
	}
}

func agentCreated(loc string) routeFunc {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		writeJSON(w, 201, map[string]any{"id": "ag1", "name": "x", "locationId": loc})
	}
}

// A token of location B with location_id = A: the create fails before it is sent, with an
// error naming both settings; the check runs once per location however many requests follow.
func TestLocationMismatchWritesNothing(t *testing.T) {
	t.Parallel()
	c, f := checkedClient(t, map[string]routeFunc{
		"GET /locations/locA":          locationRead("locB"),
		"GET /locations/locB":          locationRead("locB"),
		"POST /conversation-ai/agents": agentCreated("locB"),
	})
	ctx := context.Background()
	for range 3 {
		_, err := c.CreateAgent(ctx, "locA", AgentInput{Name: "x"})
		if !IsLocationMismatch(err) || !strings.Contains(err.Error(), "location_id") || !strings.Contains(err.Error(), "HIGHLEVEL_TOKEN") {
			t.Fatalf("err = %v; want a location mismatch naming location_id and HIGHLEVEL_TOKEN", err)
		}
	}
	if n := len(f.to("POST /conversation-ai/agents")); n != 0 {
		t.Fatalf("%d creates reached the API", n)
	}
	if n := len(f.to("GET /locations/locA")); n != 1 {
		t.Fatalf("%d location checks for locA, want 1", n)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.CreateAgent(ctx, "locB", AgentInput{Name: "x"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := len(f.to("GET /locations/locB")); n != 1 {
		t.Fatalf("%d location checks for locB, want 1", n)
	}
}

// A token without locations.readonly is checked with a knowledge-base list instead; a token
// that can make none of the reads is not checked, and the agent's own locationId still is.
func TestLocationCheckFallbacks(t *testing.T) {
	t.Parallel()
	scopeDenied := func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		writeJSON(w, 401, map[string]any{"statusCode": 401, "message": "The token is not authorized for this scope."})
	}
	c, f := checkedClient(t, map[string]routeFunc{
		"GET /locations/locA": scopeDenied,
		"GET /knowledge-bases/": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			writeJSON(w, 403, map[string]any{"statusCode": 403, "message": "The token does not have access to this location.", "error": "Forbidden"})
		},
		"POST /conversation-ai/agents": agentCreated("locB"),
	})
	if _, err := c.CreateAgent(context.Background(), "locA", AgentInput{Name: "x"}); !IsLocationMismatch(err) {
		t.Fatalf("err = %v; want a mismatch found through the knowledge-base list", err)
	}
	if got := f.to("GET /knowledge-bases/"); len(got) != 1 || got[0].Query.Get("locationId") != "locA" {
		t.Fatalf("knowledge-base probe: %v", got)
	}

	c, f = checkedClient(t, map[string]routeFunc{
		"GET /locations/locA":          scopeDenied,
		"GET /knowledge-bases/":        scopeDenied,
		"GET /conversations/search":    scopeDenied,
		"POST /conversation-ai/agents": agentCreated("locB"),
		"GET /conversation-ai/agents/ag1": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			writeJSON(w, 200, map[string]any{"id": "ag1", "name": "x"}) // no locationId: nothing to compare
		},
	})
	_, err := c.CreateAgent(context.Background(), "locA", AgentInput{Name: "x"})
	if !IsLocationMismatch(err) || !strings.Contains(err.Error(), "agent ag1 of location locB") {
		t.Fatalf("err = %v; want the answer's locationId to be checked", err)
	}
	if _, err := c.GetAgent(context.Background(), "locA", "ag1"); err != nil {
		t.Fatalf("an answer without locationId: %v", err)
	}
	if n := len(f.to("GET /locations/locA")); n != 1 {
		t.Fatalf("%d checks, want 1 (an unverifiable token is not asked again)", n)
	}
}

// A check that fails for another reason (5xx after retries) fails the request and is asked
// again by the next one, never cached as "fine" or "wrong".
func TestLocationCheckTransientFailure(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	fail := true
	c, f := checkedClient(t, map[string]routeFunc{
		"GET /locations/locA": func(w http.ResponseWriter, r *http.Request, b []byte) {
			mu.Lock()
			defer mu.Unlock()
			if fail {
				writeJSON(w, 503, map[string]any{"statusCode": 503, "message": "Service Unavailable"})
				return
			}
			locationRead("locA")(w, r, b)
		},
		"GET /conversation-ai/agents/ag1": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			writeJSON(w, 200, map[string]any{"id": "ag1", "name": "x", "locationId": "locA"})
		},
	})
	_, err := c.GetAgent(context.Background(), "locA", "ag1")
	var mismatch *LocationMismatchError
	if err == nil || errors.As(err, &mismatch) || IsNotFound(err) {
		t.Fatalf("err = %v; want the 503 reported, not a mismatch or a 404", err)
	}
	mu.Lock()
	fail = false
	mu.Unlock()
	if _, err := c.GetAgent(context.Background(), "locA", "ag1"); err != nil {
		t.Fatal(err)
	}
	if n := len(f.to("GET /conversation-ai/agents/ag1")); n != 1 {
		t.Fatalf("%d agent reads, want 1 (none while the location was unchecked)", n)
	}
}

// A client made for a provider configuration that was not known at plan time fails every call.
func TestUnavailableClient(t *testing.T) {
	t.Parallel()
	want := errors.New("provider configuration not known")
	c := NewUnavailable(want)
	if _, err := c.GetAgent(context.Background(), "", "x"); !errors.Is(err, want) {
		t.Fatalf("GetAgent: %v", err)
	}
	if _, err := c.LocationID(""); !errors.Is(err, want) {
		t.Fatalf("LocationID: %v", err)
	}
	if c.Unavailable() != want {
		t.Fatal("Unavailable() does not report the error")
	}
}

// The location check's read carries the location's companyId: the user routes take it from
// there instead of reading the location a second time.
func TestLocationCheckSharesTheCompanyID(t *testing.T) {
	t.Parallel()
	c, f := checkedClient(t, map[string]routeFunc{
		"GET /locations/locB": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			writeJSON(w, 200, map[string]any{"location": map[string]any{"id": "locB", "companyId": "co1"}})
		},
	})
	for range 2 {
		id, err := c.UserCompanyID(context.Background(), "locB")
		if err != nil || id != "co1" {
			t.Fatalf("UserCompanyID = %q, %v; want co1", id, err)
		}
	}
	if n := len(f.to("GET /locations/locB")); n != 1 {
		t.Fatalf("%d location reads, want 1 (the check's)", n)
	}
}

// The client keeps the latest Date the API answered with (framework.CreateOnce's clock).
func TestServerTimeFromDate(t *testing.T) {
	t.Parallel()
	dates := []string{"Sun, 06 Dec 2026 10:00:05 GMT", "Sun, 06 Dec 2026 09:59:00 GMT", "not a date"}
	i := 0
	c, _ := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/kb1": func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			w.Header().Set("Date", dates[i])
			writeJSON(w, 200, map[string]any{"id": "kb1"})
		},
	})
	if _, ok := c.ServerTime(); ok {
		t.Fatal("a server time before any answer")
	}
	for i = range dates {
		_, _ = c.GetKnowledgeBase(context.Background(), "", "kb1")
	}
	got, ok := c.ServerTime()
	if want := time.Date(2026, 12, 6, 10, 0, 5, 0, time.UTC); !ok || !got.Equal(want) {
		t.Fatalf("ServerTime = %v %v, want %v (the latest, bad dates ignored)", got, ok, want)
	}
}
