// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// TestExportVoiceCalls runs "highlevel-export voice-calls" as a process: 40 seeded calls to CSV,
// then a rerun that finds the export complete.
func TestExportVoiceCalls(t *testing.T) {
	a := newAPI(t)
	c, err := client.New(client.Config{BaseURL: a.url, Token: a.locations[0].Token, LocationID: a.locations[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	agent, err := c.CreateVoiceAgent(context.Background(), "", client.VoiceAgentInput{})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"locationId": a.locations[0].ID, "count": 40, "agentIds": []string{agent.ID}})
	req, _ := http.NewRequest(http.MethodPost, a.url+"/_emulator/seed/voice-call-logs", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+a.admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("seed: %v %v", err, resp.Status)
	}
	_ = resp.Body.Close()

	out := filepath.Join(t.TempDir(), "calls.csv")
	cmd, stderr := a.command(t, nil, "voice-calls", "-output", out, "-call-type", "LIVE")
	if err := cmd.Run(); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	_ = f.Close()
	if err != nil || len(rows) != 33 || rows[0][0] != "id" || rows[1][9] == "" { // 40 calls, every 5th a trial
		t.Fatalf("%d rows (%v), want a header and 32 live calls; stderr %s", len(rows), err, stderr)
	}
	cmd, stderr = a.command(t, nil, "voice-calls", "-output", out, "-call-type", "LIVE")
	if err := cmd.Run(); err != nil || !strings.Contains(stderr.String(), "already complete: 32 calls") {
		t.Fatalf("rerun: %v\n%s", err, stderr)
	}
	cmd, _ = a.command(t, nil, "voice-calls")
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != 2 {
		t.Fatalf("missing -output: exit %v, want 2", err)
	}
}
