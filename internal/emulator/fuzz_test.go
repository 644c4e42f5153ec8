// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The fuzz targets drive the JSON handlers in-process (ServeHTTP with a recorder, for
// speed) and check invariants that hold for any body: no panic, a known status, a JSON
// object with traceId, NestJS error shape, and for a created object a consistent
// read-back. Seeds live in testdata/fuzz/<Target>/; plain `go test` runs every seed.

type fuzzEnv struct {
	emu   *Emulator
	tok   string
	agent string // an agent to hang actions on
	other string // a transfer target
}

func newFuzzEnv(tb testing.TB) *fuzzEnv {
	emu, err := New(Options{RateLimitBurst: -1})
	if err != nil {
		tb.Fatal(err)
	}
	fe := &fuzzEnv{emu: emu, tok: emu.Bootstrap("").Locations[0].Token}
	mk := func(name string) string {
		b, _ := json.Marshal(validAgent(name))
		status, m := fe.call(tb, "POST", "/conversation-ai/agents", b)
		if status != 201 {
			tb.Fatalf("seed agent: %d", status)
		}
		return m["id"].(string)
	}
	fe.agent, fe.other = mk("fuzz main"), mk("fuzz other")
	return fe
}

func (fe *fuzzEnv) call(tb testing.TB, method, path string, body []byte) (int, map[string]any) {
	tb.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+fe.tok)
	req.Header.Set("Version", "2021-04-15")
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	fe.emu.ServeHTTP(rec, req)
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		tb.Fatalf("%s %s: answer is not a JSON object: %q", method, path, rec.Body.String())
	}
	if s, _ := m["traceId"].(string); s == "" {
		tb.Fatalf("%s %s: no traceId: %s", method, path, rec.Body.String())
	}
	if rec.Code >= 400 {
		if m["statusCode"] != float64(rec.Code) {
			tb.Fatalf("statusCode %v for HTTP %d", m["statusCode"], rec.Code)
		}
		switch msg := m["message"].(type) {
		case string:
			if rec.Code == http.StatusUnprocessableEntity || msg == "" {
				tb.Fatalf("bad message %q for %d", msg, rec.Code)
			}
		case []any:
			if rec.Code != http.StatusUnprocessableEntity || len(msg) == 0 {
				tb.Fatalf("array message for %d: %v", rec.Code, msg)
			}
		default:
			tb.Fatalf("message %T", m["message"])
		}
	}
	return rec.Code, m
}

func expectStatus(tb testing.TB, got int, allowed ...int) {
	tb.Helper()
	for _, a := range allowed {
		if got == a {
			return
		}
	}
	tb.Fatalf("status %d, want one of %v", got, allowed)
}

// fuzzAgentBody creates an agent from body; when created, it reads it back, replays the
// body as a PUT and deletes the agent (so state does not grow).
func (fe *fuzzEnv) fuzzAgentBody(t *testing.T, body []byte) {
	status, m := fe.call(t, "POST", "/conversation-ai/agents", body)
	expectStatus(t, status, 201, 400, 422)
	if status != 201 {
		return
	}
	id, _ := m["id"].(string)
	gs, g := fe.call(t, "GET", "/conversation-ai/agents/"+id, nil)
	expectStatus(t, gs, 200)
	delete(g, "traceId")
	delete(m, "traceId")
	if a, b := mustJSON(g), mustJSON(m); !bytes.Equal(a, b) {
		t.Fatalf("GET differs from POST:\n%s\n%s", a, b)
	}
	ps, _ := fe.call(t, "PUT", "/conversation-ai/agents/"+id, body)
	expectStatus(t, ps, 200, 422)
	ds, _ := fe.call(t, "DELETE", "/conversation-ai/agents/"+id, nil)
	expectStatus(t, ds, 200)
}

// fuzzActionBody creates an action from body on the fixed agent; when created, a PUT of
// the same body must succeed, then the action is deleted.
func (fe *fuzzEnv) fuzzActionBody(t *testing.T, body []byte) {
	base := "/conversation-ai/agents/" + fe.agent + "/actions"
	status, m := fe.call(t, "POST", base, bytes.ReplaceAll(body, []byte("$OTHER"), []byte(fe.other)))
	expectStatus(t, status, 201, 400, 422)
	if status != 201 {
		return
	}
	id, _ := m["data"].(map[string]any)["id"].(string)
	ps, _ := fe.call(t, "PUT", base+"/"+id, bytes.ReplaceAll(body, []byte("$OTHER"), []byte(fe.other)))
	expectStatus(t, ps, 200)
	ls, _ := fe.call(t, "GET", base+"/list", nil)
	expectStatus(t, ls, 200)
	ds, _ := fe.call(t, "DELETE", base+"/"+id, nil)
	expectStatus(t, ds, 200)
}

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

func FuzzAgentCreate(f *testing.F) {
	fe := newFuzzEnv(f)
	f.Add([]byte(`{"name":"a","personality":"p","goal":"g","instructions":"i"}`))
	f.Fuzz(fe.fuzzAgentBody)
}

func FuzzActionCreate(f *testing.F) {
	fe := newFuzzEnv(f)
	f.Add([]byte(`{"type":"transferBot","name":"t","details":{"enabled":true,"transferBotType":"Default","transferToBot":"$OTHER"}}`))
	f.Fuzz(fe.fuzzActionBody)
}
