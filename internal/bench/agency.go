// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"
)

// agencyApply applies examples/agency (50 clients through the agency-client module, as the
// agency with its OAuth app) while the emulator adds 50 ms to every request, and compares the
// wall time with calls × 50 ms ÷ parallelism (the CLI's default parallelism, 10).
func agencyApply(h *harness) (_ []result, err error) {
	const latency = 50 * time.Millisecond
	const parallelism = 10
	root := filepath.Join(h.dir, "agency-tree")
	for _, rel := range []string{"agency", "modules/agency-client", "ci"} {
		dst := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if out, err := exec.Command("cp", "-r", filepath.Join("examples", rel), dst).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("copy %s: %v: %s", rel, err, out)
		}
	}
	dir := filepath.Join(root, "agency")
	clients := filepath.Join(dir, "clients.yaml")
	b, err := os.ReadFile(clients)
	if err != nil {
		return nil, err
	}
	n := 0
	re := regexp.MustCompile(`(?m)^(\s+location_id:\s*)"[A-Za-z0-9]{20}"`)
	out := re.ReplaceAllStringFunc(string(b), func(line string) string {
		m := re.FindStringSubmatch(line)
		if n >= len(h.boot.Locations) {
			return line
		}
		n++
		return fmt.Sprintf("%s%q", m[1], h.boot.Locations[n-1].ID)
	})
	if err := os.WriteFile(clients, []byte(out), 0o600); err != nil {
		return nil, err
	}
	tokenFile := filepath.Join(h.dir, "refresh-token")
	if err := os.WriteFile(tokenFile, []byte(h.boot.OAuth.RefreshToken), 0o600); err != nil {
		return nil, err
	}
	w := &workspace{h: h, dir: dir, env: append(os.Environ(), "TF_CLI_CONFIG_FILE="+h.cliConfig, "TF_IN_AUTOMATION=1",
		"HIGHLEVEL_BASE_URL="+h.boot.BaseURL, "HIGHLEVEL_TOKEN=", "HIGHLEVEL_LOCATION_ID=",
		"HIGHLEVEL_OAUTH_CLIENT_ID="+h.boot.OAuth.ClientID, "HIGHLEVEL_OAUTH_CLIENT_SECRET="+h.boot.OAuth.ClientSecret,
		"HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE="+tokenFile)}
	if _, _, err := w.run("init", "-input=false", "-no-color"); err != nil {
		return nil, err
	}
	if err := h.control(http.MethodPut, "/_emulator/crawler", map[string]int{"step_delay_ms": 20}, nil); err != nil {
		return nil, err
	}
	if err := h.control(http.MethodPost, "/_emulator/faults", map[string]any{"latency_ms": latency.Milliseconds()}, nil); err != nil {
		return nil, err
	}
	// The next scenarios must not run with the latency on: a failed reset fails this one.
	defer func() {
		if cerr := h.control(http.MethodDelete, "/_emulator/faults", nil, nil); cerr != nil && err == nil {
			err = fmt.Errorf("removing the latency fault: %w", cerr)
		}
	}()
	if err := h.resetCounters(); err != nil {
		return nil, err
	}
	elapsed, rss, err := w.run("apply", "-auto-approve", "-input=false", "-no-color")
	if err != nil {
		return nil, err
	}
	_, calls, err := h.counters()
	if err != nil {
		return nil, err
	}
	floor := time.Duration(calls) * latency / parallelism
	ratio := elapsed.Seconds() / floor.Seconds()
	return []result{{
		Name:  fmt.Sprintf("apply of the %d-client agency with %s latency per request", n, latency),
		Value: fmt.Sprintf("%.2f× (%s vs %s for %d calls)", ratio, elapsed.Round(100*time.Millisecond), floor.Round(100*time.Millisecond), calls),
		Goal:  "≤ 1.25×", Ratio: ratio, Passed: ratio <= 1.25,
		Detail: fmt.Sprintf("floor = calls × 50 ms ÷ %d (the CLI's parallelism); website crawls step every 20 ms; provider peak RSS %.1f MiB",
			parallelism, float64(rss)/(1<<20)),
	}}, nil
}
