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
	build.Dir = repoRoot(t)
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

// creates returns how many agent creates the emulator has counted.
func (p *emulatorProcess) creates() int {
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
	return c.Routes["POST /conversation-ai/agents"]
}

// TestAccReliability_emulatorRestart kills the API (the emulator, with kill -9) in the middle of
// an apply of 100 resources and starts it again on the same data file a few seconds later.
// The interrupted apply fails with a clear error; the next apply converges; nothing is lost
// and nothing is duplicated.
func TestAccReliability_emulatorRestart(t *testing.T) {
	t.Parallel()
	p := startEmulatorProcess(t)
	loc := p.boot.Locations[0]
	env := &acctest.Env{BaseURL: p.boot.BaseURL, LocationID: loc.ID, Token: loc.Token, Bootstrap: p.boot}
	w := newWorkspace(t, env, "HIGHLEVEL_REQUESTS_PER_10S=0", "HIGHLEVEL_MAX_RETRIES=2")
	const n = 50
	dir := w.copyExample("quickstart", nil)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(providerBlock+agentsWithActions(n)), 0o600); err != nil {
		t.Fatal(err)
	}

	apply := exec.Command(w.cli, "apply", "-auto-approve", "-input=false", "-no-color")
	apply.Dir, apply.Env = dir, w.env
	var out bytes.Buffer
	apply.Stdout, apply.Stderr = &out, &out
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); p.creates() < 20; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the apply made no progress:\n%s", out.String())
		}
	}
	p.kill()
	time.Sleep(6 * time.Second) // longer than the provider's retries (max_retries = 2)
	p.start()
	err := apply.Wait()
	if err == nil {
		t.Fatalf("the apply succeeded although the API was down for 6 s; the test proves nothing:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "connection refused") {
		t.Fatalf("the failed apply does not say what went wrong:\n%s", out.String())
	}

	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	expectExactly(t, env, w, dir, n)
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}
