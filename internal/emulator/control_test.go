// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"net/http"
	"testing"
	"time"
)

func TestControlAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	for _, bad := range []string{"", tok, "adm-wrong"} {
		e.expect(e.do("GET", "/_emulator/counters", bad, nil), 401)
	}
	e.expect(e.admin("GET", "/_emulator/nope", nil), 404)
	b := e.expect(e.admin("GET", "/_emulator/bootstrap", nil), 200)
	if b.str("base_url") != e.srv.URL || b.str("admin_token") != e.boot.AdminToken || len(b.body["locations"].([]any)) != 2 {
		t.Errorf("bootstrap %s", b.raw)
	}
}

func TestControlCounters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	id := e.createAgent(tok, "C")
	for range 3 {
		e.do("GET", "/conversation-ai/agents/"+id, tok, nil)
	}
	e.do("GET", "/conversation-ai/agents/"+id, "bad-token", nil) // rejected requests count too
	e.do("GET", "/no/such/route", tok, nil)
	c := e.expect(e.admin("GET", "/_emulator/counters", nil), 200)
	routes := c.body["routes"].(map[string]any)
	if routes["GET /conversation-ai/agents/{agentId}"] != 4.0 || routes["POST /conversation-ai/agents"] != 1.0 ||
		c.body["total"] != 5.0 || c.body["unmatched"] != 1.0 {
		t.Errorf("counters %s", c.raw)
	}
	e.expect(e.admin("POST", "/_emulator/counters/reset", nil), 200)
	c = e.expect(e.admin("GET", "/_emulator/counters", nil), 200)
	if c.body["total"] != 0.0 || len(c.body["routes"].(map[string]any)) != 0 {
		t.Errorf("after reset %s", c.raw)
	}
}

func TestControlFaults(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	id := e.createAgent(tok, "F")
	get := "GET /conversation-ai/agents/{agentId}"

	e.expect(e.admin("POST", "/_emulator/faults", map[string]any{"route": get, "status": 503, "count": 1}), 201)
	r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 503)
	if r.str("message") != "Service Unavailable" {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 200) // count 1: spent
	if l := e.expect(e.admin("GET", "/_emulator/faults", nil), 200); len(l.body["faults"].([]any)) != 0 {
		t.Errorf("spent rule still listed: %s", l.raw)
	}

	// 429 faults carry Retry-After; other routes are unaffected by a route rule.
	e.expect(e.admin("POST", "/_emulator/faults", map[string]any{"route": get, "status": 429}), 201)
	if r := e.expect(e.do("GET", "/conversation-ai/agents/"+id, tok, nil), 429); r.header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	e.expect(e.admin("DELETE", "/_emulator/faults", nil), 200)

	// Global latency.
	e.expect(e.admin("POST", "/_emulator/faults", map[string]any{"latency_ms": 60}), 201)
	start := time.Now()
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("latency %v", d)
	}
	e.expect(e.admin("DELETE", "/_emulator/faults", nil), 200)

	// A rate of 0.5 fires sometimes, not always (deterministic enough over 200 tries).
	e.expect(e.admin("POST", "/_emulator/faults", map[string]any{"route": get, "status": 500, "rate": 0.5}), 201)
	fails := 0
	for range 200 {
		if e.do("GET", "/conversation-ai/agents/"+id, tok, nil).status == 500 {
			fails++
		}
	}
	if fails < 40 || fails > 160 {
		t.Errorf("rate 0.5 fired %d/200 times", fails)
	}
	e.expect(e.admin("DELETE", "/_emulator/faults", nil), 200)

	for _, bad := range []map[string]any{
		{"route": "GET /nope", "status": 500},
		{"status": 200},
		{"rate": 2.0, "status": 500},
		{},
		{"status": 500, "bogus": true},
	} {
		e.expect(e.admin("POST", "/_emulator/faults", bad), 400)
	}
}

// TestControlDrop: drop closes the connection before processing (nothing created);
// drop_after_processing processes and persists, then closes (the agent exists).
func TestControlDrop(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	post := func() error {
		req, _ := http.NewRequest("POST", e.srv.URL+"/conversation-ai/agents", bytes.NewReader([]byte(`{"name":"D","personality":"p","goal":"g","instructions":"i"}`)))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Version", "2021-04-15")
		// A fresh connection per call: the dropped one must not be reused.
		res, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
		if err == nil {
			res.Body.Close()
		}
		return err
	}
	total := func() float64 {
		return e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200).body["totalCount"].(float64)
	}
	e.expect(e.admin("POST", "/_emulator/faults", map[string]any{"route": "POST /conversation-ai/agents", "drop": true, "count": 1}), 201)
	if err := post(); err == nil {
		t.Fatal("dropped request got an answer")
	}
	if total() != 0 {
		t.Fatal("drop processed the request")
	}
	e.expect(e.admin("POST", "/_emulator/faults", map[string]any{"route": "POST /conversation-ai/agents", "drop_after_processing": true, "count": 1}), 201)
	if err := post(); err == nil {
		t.Fatal("drop_after_processing answered")
	}
	if total() != 1 {
		t.Fatal("drop_after_processing did not process the request")
	}
	if err := post(); err != nil {
		t.Fatal(err)
	}
	if total() != 2 {
		t.Fatal("rule not spent")
	}
}

func TestControlClockCrawlerLocations(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	c0 := e.expect(e.admin("GET", "/_emulator/clock", nil), 200)
	c1 := e.expect(e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 7200}), 200)
	t0, _ := time.Parse(time.RFC3339, c0.str("now"))
	t1, _ := time.Parse(time.RFC3339, c1.str("now"))
	if d := t1.Sub(t0); d < 2*time.Hour || d > 2*time.Hour+time.Minute || c1.body["offset_seconds"] != 7200.0 {
		t.Errorf("clock moved %v: %s", d, c1.raw)
	}
	e.expect(e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": -1}), 400)

	if e.emu.crawlStep() != 2*time.Second {
		t.Errorf("default crawl step %v", e.emu.crawlStep())
	}
	e.expect(e.admin("PUT", "/_emulator/crawler", map[string]any{"step_delay_ms": 10}), 200)
	if e.emu.crawlStep() != 10*time.Millisecond {
		t.Errorf("crawl step %v", e.emu.crawlStep())
	}
	e.expect(e.admin("PUT", "/_emulator/crawler", map[string]any{}), 400)

	l := e.expect(e.admin("POST", "/_emulator/locations", map[string]any{"name": "Fresh"}), 201)
	id, tok := l.str("id"), l.str("token")
	g := e.expect(e.do("GET", "/locations/"+id, tok, nil), 200)
	if g.body["location"].(map[string]any)["name"] != "Fresh" {
		t.Errorf("%s", g.raw)
	}
	if e.do("POST", "/conversation-ai/agents", tok, validAgent("first")).body["isPrimary"] != true {
		t.Error("fresh location's first agent is not primary")
	}
	if b := e.emu.Bootstrap(""); b.Locations[len(b.Locations)-1].ID != id {
		t.Error("bootstrap lacks the new location")
	}
}
