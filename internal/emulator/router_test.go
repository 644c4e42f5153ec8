// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	r := e.expect(e.do("GET", "/x", tok, nil), 404)
	if r.str("message") != "Cannot GET /x" || r.str("error") != "Not Found" || r.body["statusCode"] != 404.0 {
		t.Errorf("%s", r.raw)
	}
	// A known path with another method is a 404 too (NestJS), not Go's 405.
	r = e.expect(e.do("PATCH", "/conversation-ai/agents", tok, nil), 404)
	if r.str("message") != "Cannot PATCH /conversation-ai/agents" {
		t.Errorf("%s", r.raw)
	}
	// Literal segments win over {agentId}: search is not an agent id.
	e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	// HEAD is served like GET, without a body.
	req, _ := http.NewRequest("HEAD", e.srv.URL+"/conversation-ai/agents/search", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Version", "2021-04-15")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("HEAD: %v %v", err, res)
	}
	res.Body.Close()
}

func TestTraceIDAndContentType(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	a := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	b := e.expect(e.do("GET", "/conversation-ai/agents/search", tok, nil), 200)
	if a.str("traceId") == b.str("traceId") || len(a.str("traceId")) != 36 {
		t.Errorf("traceIds %q %q", a.str("traceId"), b.str("traceId"))
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	// Bodies are not HTML-escaped (Express does not escape either).
	body := validAgent("<b>&</b>")
	r := e.expect(e.do("POST", "/conversation-ai/agents", tok, body), 201)
	if !strings.Contains(string(r.raw), `"name":"<b>&</b>"`) {
		t.Errorf("%s", r.raw)
	}
}

func TestClosedEmulator(t *testing.T) {
	t.Parallel()
	emu, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tok := emu.Bootstrap("").Locations[0].Token
	if err := emu.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/conversation-ai/agents/search", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Version", "2021-04-15")
	rec := httptest.NewRecorder()
	emu.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d after Close", rec.Code)
	}
	if err := emu.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, _ := e.loc(0)
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	r := e.do("POST", "/conversation-ai/agents", tok, big)
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d", r.status)
	}
}
