// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// env is an emulator behind a real HTTP server.
type env struct {
	t    testing.TB
	emu  *Emulator
	srv  *httptest.Server
	boot Bootstrap
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	if opts.RateLimitBurst == 0 {
		opts.RateLimitBurst = -1 // most tests are not about limits
	}
	emu, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(func() {
		srv.Close()
		_ = emu.Close()
	})
	return &env{t: t, emu: emu, srv: srv, boot: emu.Bootstrap(srv.URL)}
}

// loc returns the PIT and id of bootstrap location i.
func (e *env) loc(i int) (token, id string) {
	return e.boot.Locations[i].Token, e.boot.Locations[i].ID
}

// resp is a decoded answer.
type resp struct {
	path   string
	status int
	header http.Header
	raw    []byte
	body   map[string]any // nil unless the body is a JSON object
}

// str returns a top-level string member.
func (r resp) str(k string) string { s, _ := r.body[k].(string); return s }

// messages returns "message" as a list (a string becomes a one-element list).
func (r resp) messages() []string {
	switch m := r.body["message"].(type) {
	case string:
		return []string{m}
	case []any:
		var out []string
		for _, v := range m {
			s, _ := v.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}

// hasMessage reports whether one message contains sub.
func (r resp) hasMessage(sub string) bool {
	for _, m := range r.messages() {
		if strings.Contains(m, sub) {
			return true
		}
	}
	return false
}

// data returns body["data"] as an object.
func (r resp) data() map[string]any { m, _ := r.body["data"].(map[string]any); return m }

type reqOpt func(*http.Request)

func withVersion(v string) reqOpt {
	return func(r *http.Request) {
		if v == "" {
			r.Header.Del("Version")
		} else {
			r.Header.Set("Version", v)
		}
	}
}

func withForm(f url.Values) reqOpt {
	return func(r *http.Request) {
		r.Body = io.NopCloser(strings.NewReader(f.Encode()))
		r.ContentLength = int64(len(f.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
}

// do sends a request. body is marshalled to JSON unless it is a string or []byte (sent
// as is) or nil.
func (e *env) do(method, path, token string, body any, opts ...reqOpt) resp {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Version", "2021-04-15")
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for _, o := range opts {
		o(req)
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{path: path, status: res.StatusCode, header: res.Header, raw: raw}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

// expect fails unless r has the status; it prints the body.
func (e *env) expect(r resp, status int) resp {
	e.t.Helper()
	if r.status != status {
		e.t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	// Every public JSON object carries a traceId; the control plane's do not.
	if !strings.HasPrefix(r.path, "/_emulator/") && len(r.raw) > 0 && r.raw[0] == '{' && r.str("traceId") == "" {
		e.t.Fatalf("no traceId in %s", r.raw)
	}
	return r
}

// admin calls the control plane.
func (e *env) admin(method, path string, body any) resp {
	e.t.Helper()
	return e.do(method, path, e.boot.AdminToken, body)
}

// validAgent is a minimal valid create body.
func validAgent(name string) map[string]any {
	return map[string]any{"name": name, "personality": "friendly", "goal": "book calls", "instructions": "be brief"}
}

// createAgent creates an agent with the location PIT and returns its id.
func (e *env) createAgent(token, name string) string {
	e.t.Helper()
	r := e.expect(e.do("POST", "/conversation-ai/agents", token, validAgent(name)), 201)
	return r.str("id")
}

// addKB inserts a knowledge base directly (the KB family's endpoints are not this file's).
func (e *env) addKB(locationID string) string {
	e.emu.mu.Lock()
	defer e.emu.mu.Unlock()
	if e.emu.st.KnowledgeBases == nil {
		e.emu.st.KnowledgeBases = map[string]*KnowledgeBase{}
	}
	id := newID()
	e.emu.st.KnowledgeBases[id] = &KnowledgeBase{ID: id, LocationID: locationID, Name: "kb"}
	return id
}
