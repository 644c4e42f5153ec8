// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"
)

// agencyApply applies examples/agency (50 clients through the agency-client module, as the
// agency with its OAuth app) while the emulator adds 50 ms to every request. It reports the
// API calls per created resource, leaving out what the API forces (token exchanges, crawl
// status polls), and the wall time against the critical-path floor (criticalPath), with the
// all-parallel floor (calls × 50 ms ÷ the CLI's parallelism, 10) as information.
func agencyApply(h *harness) (_ []result, err error) {
	const latency = 50 * time.Millisecond
	const crawlStep = 20 * time.Millisecond
	const parallelism = 10
	dir, n, err := h.agencyTree("agency-tree", "highlevel")
	if err != nil {
		return nil, err
	}
	tokenFile := filepath.Join(h.dir, "refresh-token")
	if err := os.WriteFile(tokenFile, []byte(h.boot.OAuth.RefreshToken), 0o600); err != nil {
		return nil, err
	}
	w := &workspace{h: h, dir: dir, env: append(h.env(),
		"HIGHLEVEL_BASE_URL="+h.boot.BaseURL, "HIGHLEVEL_TOKEN=", "HIGHLEVEL_LOCATION_ID=",
		"HIGHLEVEL_OAUTH_CLIENT_ID="+h.boot.OAuth.ClientID, "HIGHLEVEL_OAUTH_CLIENT_SECRET="+h.boot.OAuth.ClientSecret,
		"HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE="+tokenFile)}
	if _, err := w.run("init", "-input=false", "-no-color"); err != nil {
		return nil, err
	}
	if err := h.control(http.MethodPut, "/_emulator/crawler", map[string]int64{"step_delay_ms": crawlStep.Milliseconds()}, nil); err != nil {
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
	u, err := w.run("apply", "-auto-approve", "-input=false", "-no-color")
	if err != nil {
		return nil, err
	}
	routes, calls, err := h.counters()
	if err != nil {
		return nil, err
	}
	cliFloor, err := h.agencyFloorApply()
	if err != nil {
		return nil, fmt.Errorf("the agency on the floor provider: %w", err)
	}
	_, list, err := w.runOutput("state", "list", "-no-color")
	if err != nil {
		return nil, err
	}
	created := managedResources(list)
	forced, polls := 0, 0
	for route, c := range routes {
		switch {
		case tokenExchange(route):
			forced += c
		case crawlPoll(route):
			polls += c
		}
	}
	perResource := float64(calls-forced-polls) / float64(created)
	critical := criticalPath(latency, crawlStep)
	parallel := time.Duration(calls) * latency / parallelism
	wall := ratio(u.Wall, critical)
	return []result{
		{Name: fmt.Sprintf("apply of the %d-client agency: API calls per created resource, without token exchanges and crawl polls", n),
			Value: fmt.Sprintf("%.3f (%d of %d calls for %d resources)", perResource, calls-forced-polls, calls, created),
			Goal:  "≤ 1.15", Ratio: perResource, Passed: perResource <= 1.15,
			Detail: fmt.Sprintf("%d token exchanges, %d crawl status polls; calls per route: %s", forced, polls, formatRoutes(routes))},
		{Name: fmt.Sprintf("apply of the %d-client agency with %s latency per request: wall vs the critical-path floor", n, latency),
			Value: fmt.Sprintf("%.2f× (%s vs %s)", wall, dur(u.Wall), dur(critical)), Goal: "≤ 1.5×", Ratio: wall, Passed: wall <= 1.5,
			Detail: fmt.Sprintf("critical path = %s; all-parallel floor (calls × %s ÷ %d, the CLI's parallelism) %s, %.2f× of it; "+
				"the larger of the two floors %s, %.2f× of it; %s",
				criticalPathDoc, latency, parallelism, dur(parallel), ratio(u.Wall, parallel),
				dur(max(critical, parallel)), ratio(u.Wall, max(critical, parallel)), u)},
		{Name: fmt.Sprintf("apply of the %d-client agency with %s latency per request: wall vs the same apply on the floor provider (no API calls)", n, latency),
			Value: fmt.Sprintf("%.2f× (%s vs %s)", ratio(u.Wall, cliFloor.Wall), dur(u.Wall), dur(cliFloor.Wall)), Goal: "information", Info: true,
			Detail: fmt.Sprintf("what the CLI and the framework alone cost for this configuration, already %.1f× the critical-path floor; floor provider: %s",
				ratio(cliFloor.Wall, critical), cliFloor)},
	}, nil
}

// agencyTree copies examples/agency with the module it uses into the harness's directory,
// served by the named provider (highlevel, or highlevelfloor for the floor provider), with
// its clients in the emulator's locations. It returns the agency directory and the number of
// clients given a location.
func (h *harness) agencyTree(name, provider string) (dir string, clients int, err error) {
	root := filepath.Join(h.dir, name)
	for _, rel := range []string{"agency", "modules/agency-client", "ci"} {
		dst := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", 0, err
		}
		if out, err := exec.Command("cp", "-r", filepath.Join("examples", rel), dst).CombinedOutput(); err != nil {
			return "", 0, fmt.Errorf("copy %s: %v: %s", rel, err, out)
		}
	}
	for _, f := range []string{"agency/main.tf", "modules/agency-client/versions.tf"} {
		path := filepath.Join(root, f)
		b, err := os.ReadFile(path)
		if err != nil {
			return "", 0, err
		}
		b = bytes.ReplaceAll(b, []byte(`source = "ghl-iac/highlevel"`), []byte(fmt.Sprintf(`source = "ghl-iac/%s"`, provider)))
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return "", 0, err
		}
	}
	dir = filepath.Join(root, "agency")
	path := filepath.Join(dir, "clients.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		return "", 0, err
	}
	re := regexp.MustCompile(`(?m)^(\s+location_id:\s*)"[A-Za-z0-9]{20}"`)
	out := re.ReplaceAllStringFunc(string(b), func(line string) string {
		m := re.FindStringSubmatch(line)
		if clients >= len(h.boot.Locations) {
			return line
		}
		clients++
		return fmt.Sprintf("%s%q", m[1], h.boot.Locations[clients-1].ID)
	})
	return dir, clients, os.WriteFile(path, []byte(out), 0o600)
}

// agencyFloorApply applies the same agency on the floor provider: the CLI's and the
// framework's own cost for this configuration, with no API call at all.
func (h *harness) agencyFloorApply() (usage, error) {
	dir, _, err := h.agencyTree("agency-floor-tree", "highlevelfloor")
	if err != nil {
		return usage{}, err
	}
	w := &workspace{h: h, dir: dir, env: h.env()}
	if _, err := w.run("init", "-input=false", "-no-color"); err != nil {
		return usage{}, err
	}
	return w.run("apply", "-auto-approve", "-input=false", "-no-color")
}
