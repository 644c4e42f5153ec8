// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPersistRoundTripAndRestart(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "state.json")
	emu, err := New(Options{DataFile: file, Locations: 3, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	e := &env{t: t, emu: emu, srv: srv, boot: emu.Bootstrap("http://x")}
	tok, _ := e.loc(0)
	agent := e.createAgent(tok, "Persistent")
	// Acknowledged means on disk: the file holds the agent before the next request.
	if b, _ := os.ReadFile(file); !bytes.Contains(b, []byte(agent)) {
		t.Fatal("acknowledged create is not in the data file")
	}
	act := e.expect(e.do("POST", "/conversation-ai/agents/"+agent+"/actions", tok, action("stopBot", "s", validDetails("stopBot", ""))), 201).data()["id"].(string)
	e.expect(e.admin("POST", "/_emulator/clock/advance", map[string]any{"seconds": 3600}), 200)
	extra := e.expect(e.admin("POST", "/_emulator/locations", map[string]any{"name": "Late"}), 201)
	clock := e.expect(e.admin("GET", "/_emulator/clock", nil), 200).body["offset_seconds"]
	srv.Close()
	if err := emu.Close(); err != nil {
		t.Fatal(err)
	}
	before := emu.Bootstrap("http://x")

	emu2, err := New(Options{DataFile: file, Locations: 1, RateLimitBurst: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv2 := httptest.NewServer(emu2)
	t.Cleanup(srv2.Close)
	e2 := &env{t: t, emu: emu2, srv: srv2, boot: emu2.Bootstrap("http://x")}
	if !reflect.DeepEqual(before, e2.boot) {
		t.Fatalf("bootstrap changed across restart:\n%+v\n%+v", before, e2.boot)
	}
	if len(e2.boot.Locations) != 4 || e2.boot.Locations[3].ID != extra.str("id") {
		t.Fatalf("locations %+v", e2.boot.Locations)
	}
	e2.expect(e2.do("GET", "/conversation-ai/agents/"+agent, tok, nil), 200)
	e2.expect(e2.do("GET", "/conversation-ai/agents/"+agent+"/actions/"+act, tok, nil), 200)
	e2.expect(e2.do("GET", "/conversation-ai/agents/search", extra.str("token"), nil), 200)
	if c := e2.expect(e2.admin("GET", "/_emulator/clock", nil), 200).body["offset_seconds"]; c != clock {
		t.Errorf("clock offset %v, want %v", c, clock)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries", len(entries))
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("data file mode %v", fi.Mode())
	}
	// Agent delete persists too.
	e2.expect(e2.do("DELETE", "/conversation-ai/agents/"+agent, tok, nil), 200)
	if b, _ := os.ReadFile(file); bytes.Contains(b, []byte(agent)) {
		t.Error("deleted agent still in the data file")
	}
}

func TestPersistCorruptFileIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"truncated": `{"format":1,"state":{"adminToken":"x"`,
		"empty":     ``,
		"foreign":   `{"hello":"world"}`,
		"format":    `{"format":99,"state":{"adminToken":"x"}}`,
	} {
		file := filepath.Join(dir, name+".json")
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := New(Options{DataFile: file})
		if err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("%s: err %v", name, err)
		}
		if b, _ := os.ReadFile(file); string(b) != content {
			t.Errorf("%s: file was modified", name)
		}
	}
	// A state file from a fresh start is valid JSON with the documented envelope.
	file := filepath.Join(dir, "ok.json")
	emu, err := New(Options{DataFile: file})
	if err != nil {
		t.Fatal(err)
	}
	_ = emu.Close()
	var pf struct {
		Format int             `json:"format"`
		State  json.RawMessage `json:"state"`
	}
	b, _ := os.ReadFile(file)
	if err := json.Unmarshal(b, &pf); err != nil || pf.Format != 1 {
		t.Fatalf("envelope %v %d", err, pf.Format)
	}
	// A directory that cannot hold the file is an error too.
	if _, err := New(Options{DataFile: filepath.Join(dir, "missing", "x.json")}); err == nil {
		t.Error("unwritable data file accepted")
	}
}
