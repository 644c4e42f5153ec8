// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package callexport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// setup starts an emulator with n call logs of two voice agents (capped pages of 7 when
// capped) and returns a client of its location.
func setup(t *testing.T, n int, capped bool) (*client.Client, string) {
	t.Helper()
	emu, err := emulator.New(emulator.Options{Locations: 1, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); _ = emu.Close() })
	b := emu.Bootstrap(srv.URL)
	loc := b.Locations[0]
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: loc.Token, LocationID: loc.ID, RequestsPer10s: -1})
	if err != nil {
		t.Fatal(err)
	}
	var agents []string
	for range 2 {
		a, err := c.CreateVoiceAgent(context.Background(), "", client.VoiceAgentInput{})
		if err != nil {
			t.Fatal(err)
		}
		agents = append(agents, a.ID)
	}
	admin := func(method, path string, body any) {
		j, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, srv.URL+path, bytes.NewReader(j))
		req.Header.Set("Authorization", "Bearer "+b.AdminToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode >= 300 {
			t.Fatalf("%s %s: %v %v", method, path, err, res.Status)
		}
		_ = res.Body.Close()
	}
	admin("POST", "/_emulator/seed/voice-call-logs", map[string]any{"locationId": loc.ID, "count": n, "agentIds": agents})
	if capped {
		admin("PUT", "/_emulator/variants", map[string]any{"page_size_cap": 7})
	}
	return c, loc.ID
}

func ids(t *testing.T, path, format string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var out []string
	if format == FormatCSV {
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			out = append(out, r[0])
		}
		return out
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var v struct {
			ID         string `json:"id"`
			Transcript string `json:"transcript"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil || v.Transcript == "" {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, v.ID)
	}
	return out
}

// TestExportResumesWithoutDuplicatesOrGaps interrupts an export after its first page, resumes
// it, and checks that the output holds every call exactly once; a third run does nothing.
func TestExportResumesWithoutDuplicatesOrGaps(t *testing.T) {
	for _, tc := range []struct {
		format string
		capped bool
	}{{FormatJSONL, false}, {FormatCSV, false}, {FormatJSONL, true}} {
		t.Run(tc.format, func(t *testing.T) {
			const n = 120
			c, loc := setup(t, n, tc.capped)
			out := filepath.Join(t.TempDir(), "calls."+tc.format)
			cfg := Config{Client: c, LocationID: loc, Format: tc.format, Output: out,
				AfterPage: func(pages int) error {
					if pages == 1 {
						return context.Canceled
					}
					return nil
				}}
			res, err := Export(context.Background(), cfg)
			if err == nil || res.Written == 0 || res.Written >= n {
				t.Fatalf("first run: %+v, %v; want an interruption after one page", res, err)
			}
			cfg.AfterPage = nil
			res, err = Export(context.Background(), cfg)
			if err != nil || !res.Resumed || res.Calls != n {
				t.Fatalf("resumed run: %+v, %v", res, err)
			}
			got := ids(t, out, tc.format)
			seen := map[string]bool{}
			for _, id := range got {
				if seen[id] {
					t.Fatalf("duplicate %s", id)
				}
				seen[id] = true
			}
			if len(got) != n {
				t.Fatalf("%d calls in the output, want %d", len(got), n)
			}
			res, err = Export(context.Background(), cfg)
			if err != nil || !res.AlreadyDone {
				t.Fatalf("third run: %+v, %v", res, err)
			}
			// Another selection is refused with the same cursor file.
			cfg.AgentID = "other"
			if _, err := Export(context.Background(), cfg); err == nil {
				t.Fatal("a different export reused the cursor file")
			}
		})
	}
}

func TestExportMasksActionCredentials(t *testing.T) {
	var buf bytes.Buffer
	l := client.VoiceCallLog{ID: "c1", ExecutedCallActions: []client.VoiceCallAction{{ActionType: "CUSTOM_ACTION", ActionName: "Lookup",
		ActionParameters: json.RawMessage(`{"apiDetails":{"url":"https://x.example","authenticationValue":"av-1","headers":[{"key":"X-Key","value":"hv-2"}]}}`)}}}
	if err := encode(&buf, FormatJSONL, l); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); bytes.Contains(buf.Bytes(), []byte("av-1")) || bytes.Contains(buf.Bytes(), []byte("hv-2")) || !bytes.Contains(buf.Bytes(), []byte("X-Key")) {
		t.Errorf("exported line %s", s)
	}
}
