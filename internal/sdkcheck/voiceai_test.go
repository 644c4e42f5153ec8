// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package sdkcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// TestOfficialSDKVoiceAI runs testdata/voiceai.js: every method of the SDK's VoiceAi service
// (the eleven Voice AI routes) against the in-process emulator, once as the emulator answers
// by default and once with its omit_optional switch (optional agent members left out), the
// answers checked against the response models the SDK declares.
func TestOfficialSDKVoiceAI(t *testing.T) {
	node, npm := findNode(t)
	sdkDir := ensureSDK(t, npm)
	for _, omit := range []bool{false, true} {
		name := "default"
		if omit {
			name = "omit_optional"
		}
		t.Run(name, func(t *testing.T) {
			emu, err := emulator.New(emulator.Options{Locations: 1, RateLimitBurst: -1})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(emu)
			defer func() { srv.Close(); _ = emu.Close() }()
			boot := emu.Bootstrap(srv.URL)
			if omit {
				body, _ := json.Marshal(map[string]any{"omit_optional": true})
				req, _ := http.NewRequest(http.MethodPut, srv.URL+"/_emulator/voice-ai", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+boot.AdminToken)
				res, err := http.DefaultClient.Do(req)
				if err != nil || res.StatusCode != http.StatusOK {
					t.Fatalf("switch: %v %v", err, res)
				}
				_ = res.Body.Close()
			}
			dir := t.TempDir()
			reportFile := filepath.Join(dir, "report.json")
			cfg := map[string]any{
				"sdkDir": sdkDir, "baseUrl": srv.URL, "adminToken": boot.AdminToken, "locationId": boot.Locations[0].ID,
				"locationPIT": boot.Locations[0].Token, "omitOptional": omit, "reportFile": reportFile,
			}
			b, _ := json.Marshal(cfg)
			cfgFile := filepath.Join(dir, "config.json")
			if err := os.WriteFile(cfgFile, b, 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			script, _ := filepath.Abs(filepath.Join("testdata", "voiceai.js"))
			cmd := exec.CommandContext(ctx, node, script, cfgFile)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			runErr := cmd.Run()
			raw, err := os.ReadFile(reportFile)
			if err != nil {
				t.Fatalf("no report (%v; exit %v):\n%s", err, runErr, out.String())
			}
			var rep report
			if err := json.Unmarshal(raw, &rep); err != nil {
				t.Fatalf("report: %v\n%s", err, raw)
			}
			for _, p := range rep.Problems {
				t.Errorf("harness: %s", p)
			}
			methods := map[string]bool{}
			for _, c := range rep.Calls {
				methods[c.Method] = true
				if len(c.Errors) > 0 {
					t.Errorf("%s%s: answer does not match the SDK's %s:\n  - %s\n  request: %s\n  answer (%d): %s",
						c.Method, noteSuffix(c.Note), c.Declared, strings.Join(c.Errors, "\n  - "), c.Request, c.Status, clip(c.Answer))
				}
			}
			if runErr != nil {
				t.Errorf("the script failed: %v\n%s", runErr, out.String())
			}
			t.Logf("%s %s VoiceAi: %d methods, %d calls, %d passed", sdkPackage, sdkVersion, len(methods), rep.Called, rep.Passed)
		})
	}
}
