// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// emulatorProcess is the emulator binary run as a process of its own, so that a test can
// kill -9 it and start it again on the same address and data file.
type emulatorProcess struct {
	t               *testing.T
	bin, addr, data string
	bootFile        string
	cmd             *exec.Cmd
	boot            emulator.Bootstrap
}

func startEmulatorProcess(t *testing.T) *emulatorProcess {
	t.Helper()
	dir := t.TempDir()
	p := &emulatorProcess{t: t, bin: filepath.Join(dir, "highlevel-emulator"), data: filepath.Join(dir, "state.json"),
		bootFile: filepath.Join(dir, "bootstrap.json")}
	build := exec.Command("go", "build", "-o", p.bin, "./internal/emulator/cmd/highlevel-emulator")
	build.Dir = repoRoot()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build emulator: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	ln.Close()
	p.start()
	t.Cleanup(p.kill)
	return p
}

func (p *emulatorProcess) start() {
	p.t.Helper()
	_ = os.Remove(p.bootFile)
	p.cmd = exec.Command(p.bin, "-listen", p.addr, "-data", p.data, "-bootstrap-out", p.bootFile, "-rate-limit", "-1", "-log-level", "error")
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		if b, err := os.ReadFile(p.bootFile); err == nil && json.Unmarshal(b, &p.boot) == nil && p.boot.BaseURL != "" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatal("the emulator did not start")
}

func (p *emulatorProcess) kill() {
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Kill() // SIGKILL: no chance to flush anything
		_ = p.cmd.Wait()
		p.cmd = nil
	}
}

// counter returns how many requests the emulator has counted on route (0 while it is down).
func (p *emulatorProcess) counter(route string) int {
	req, _ := http.NewRequest(http.MethodGet, p.boot.BaseURL+"/_emulator/counters", nil)
	req.Header.Set("Authorization", "Bearer "+p.boot.AdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	var c struct {
		Routes map[string]int `json:"routes"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&c)
	return c.Routes[route]
}

// hold makes every request on route wait (10 minutes, longer than any test) before the
// emulator processes it: an apply that reaches route cannot finish until the emulator dies.
func (p *emulatorProcess) hold(route string) {
	p.t.Helper()
	body := strings.NewReader(`{"route":` + strconvQuote(route) + `,"latency_ms":600000}`)
	req, _ := http.NewRequest(http.MethodPost, p.boot.BaseURL+"/_emulator/faults", body)
	req.Header.Set("Authorization", "Bearer "+p.boot.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		p.t.Fatalf("adding the hold on %s: %s", route, resp.Status)
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// waitFor polls cond (cheap local checks: a counter, a file) until it holds, failing the test
// after a minute. It waits for an event, not for an amount of time.
func waitFor(t *testing.T, what string, cond func() bool, out *bytes.Buffer) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s:\n%s", what, out.String())
		}
	}
}

// TestAccReliability_emulatorRestart kills the API (the emulator, with kill -9) in the middle of
// an apply of 30 resources (more agents than the CLI's 10 parallel operations) and starts it
// again on the same data file once the provider has seen it go. Nothing is lost and nothing is duplicated: the interrupted apply either fails
// with a clear error or recovers its lost creates, and the next apply converges.
//
// Every step waits for an event: the action creates are held by the emulator (so the apply
// cannot finish before the kill), the kill happens once one is held, the restart once the
// provider has logged that the API does not answer.
func TestAccReliability_emulatorRestart(t *testing.T) {
	t.Parallel()
	p := startEmulatorProcess(t)
	loc := p.boot.Locations[0]
	env := &acctest.Env{BaseURL: p.boot.BaseURL, LocationID: loc.ID, Token: loc.Token, Bootstrap: p.boot}
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	w := newWorkspace(t, env, "HIGHLEVEL_REQUESTS_PER_10S=0", "HIGHLEVEL_MAX_RETRIES=2", "TF_LOG_PROVIDER=WARN", "TF_LOG_PATH="+logFile)
	const n = 15
	dir := w.copyExample("quickstart", nil)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(providerBlock+agentsWithActions(n)), 0o600); err != nil {
		t.Fatal(err)
	}
	const actionCreate = "POST /conversation-ai/agents/{agentId}/actions"
	p.hold(actionCreate)

	apply := exec.Command(w.cli, "apply", "-auto-approve", "-input=false", "-no-color")
	apply.Dir, apply.Env = dir, w.env
	var out bytes.Buffer
	apply.Stdout, apply.Stderr = &out, &out
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "an action create held by the emulator", func() bool { return p.counter(actionCreate) > 0 }, &out)
	p.kill()
	waitFor(t, "the provider to see the API gone", func() bool {
		b, _ := os.ReadFile(logFile)
		return bytes.Contains(b, []byte("connection refused")) || bytes.Contains(b, []byte("the API does not answer"))
	}, &out)
	p.start() // without the hold: faults are not persisted
	if err := apply.Wait(); err != nil && !strings.Contains(out.String(), "connection refused") {
		t.Fatalf("the failed apply does not say what went wrong:\n%s", out.String())
	}

	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	expectExactly(t, env, w, dir, n)
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}
