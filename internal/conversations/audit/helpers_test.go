// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// testAPI is an in-process emulator behind a handler that can run a hook on each export
// request.
type testAPI struct {
	url, admin, location, token string

	mu       sync.Mutex
	exports  int
	onExport func(n int) // called before the n-th export request (1-based) is served
}

func newTestAPI(t *testing.T, opts emulator.Options) *testAPI {
	t.Helper()
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	api := &testAPI{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/conversations/messages/export" {
			api.mu.Lock()
			api.exports++
			n, hook := api.exports, api.onExport
			api.mu.Unlock()
			if hook != nil {
				hook(n)
			}
		}
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		srv.Close()
		_ = emu.Close()
	})
	b := emu.Bootstrap(srv.URL)
	api.url, api.admin, api.location, api.token = srv.URL, b.AdminToken, b.Locations[0].ID, b.Locations[0].Token
	return api
}

func (a *testAPI) client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: a.url, Token: a.token, LocationID: a.location})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type seeded struct {
	ConversationCount int `json:"conversationCount"`
	MessageCount      int `json:"messageCount"`
	Conversations     []struct {
		ID         string   `json:"id"`
		ContactID  string   `json:"contactId"`
		MessageIDs []string `json:"messageIds"`
	} `json:"conversations"`
}

// control calls the emulator's control plane.
func (a *testAPI) control(t *testing.T, method, path string, body, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, a.url+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+a.admin)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var msg bytes.Buffer
		_, _ = msg.ReadFrom(resp.Body)
		t.Fatalf("%s %s: %s %s", method, path, resp.Status, msg.String())
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
}

// seed seeds conversations into the location (body without locationId).
func (a *testAPI) seed(t *testing.T, body map[string]any) seeded {
	t.Helper()
	body["locationId"] = a.location
	var out seeded
	a.control(t, http.MethodPost, "/_emulator/seed/conversations", body, &out)
	return out
}

// createAgent creates an agent through the public API.
func (a *testAPI) createAgent(t *testing.T, name string) string {
	t.Helper()
	s := func(v string) *string { return &v }
	ag, err := a.client(t).CreateAgent(context.Background(), "", client.AgentInput{
		Name: name, Personality: s("p"), Goal: s("g"), Instructions: s("i"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return ag.ID
}

// jsonlIDs returns the ids of a JSON Lines export, failing on malformed lines.
func jsonlIDs(t *testing.T, data []byte) []string {
	t.Helper()
	ids, err := readIDs(bytes.NewReader(data), FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkExactly checks that got holds each id of want exactly once.
func checkExactly(t *testing.T, got, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	var dups, missing []string
	for id, n := range seen {
		if n > 1 {
			dups = append(dups, id)
		}
	}
	for _, id := range want {
		if seen[id] == 0 {
			missing = append(missing, id)
		}
		delete(seen, id)
	}
	if len(dups) > 0 || len(missing) > 0 || len(seen) > 0 || len(got) != len(want) {
		t.Fatalf("export holds %d ids, want %d: %d duplicated (%s), %d missing (%s), %d unexpected",
			len(got), len(want), len(dups), strings.Join(first(dups), ","), len(missing), strings.Join(first(missing), ","), len(seen))
	}
}

func first(s []string) []string { return s[:min(len(s), 5)] }

// allIDs lists every message id of a seed, oldest first per conversation.
func (s seeded) allIDs() []string {
	var ids []string
	for _, c := range s.Conversations {
		ids = append(ids, c.MessageIDs...)
	}
	return ids
}
