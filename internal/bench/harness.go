// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// harness holds the built binaries, the running emulator and the CLI.
type harness struct {
	dir        string
	cli        string
	cliVersion string
	cliConfig  string
	realDir    string // the real provider binaries, run by the rusage wrapper
	runs       int    // CLI commands run, numbering their rusage files
	emu        *exec.Cmd
	boot       struct {
		BaseURL    string `json:"base_url"`
		AdminToken string `json:"admin_token"`
		OAuth      struct {
			ClientID     string `json:"client_id"`
			ClientSecret string `json:"client_secret"`
			RefreshToken string `json:"refresh_token"`
		} `json:"oauth"`
		Locations []struct {
			ID    string `json:"id"`
			Token string `json:"token"`
		} `json:"locations"`
	}
}

func newHarness() (*harness, error) {
	cli := os.Getenv("BENCH_CLI")
	if cli == "" {
		return nil, fmt.Errorf("set BENCH_CLI to a terraform or tofu binary (make bench does)")
	}
	dir, err := os.MkdirTemp("", "highlevel-bench-")
	if err != nil {
		return nil, err
	}
	h := &harness{dir: dir, cli: cli}
	out, _ := exec.Command(cli, "version").Output()
	h.cliVersion = strings.SplitN(string(out), "\n", 2)[0]

	// bin holds the rusage wrapper under each provider's name (the dev_overrides directory);
	// bin/real holds the providers themselves, which the wrapper runs (see rusage/main.go).
	bin := filepath.Join(dir, "bin")
	h.realDir = filepath.Join(bin, "real")
	for _, b := range [][]string{
		{"-o", filepath.Join(h.realDir, "terraform-provider-highlevel"), "."},
		{"-o", filepath.Join(h.realDir, "terraform-provider-highlevelfloor"), "./internal/bench/floorprovider"},
		{"-o", filepath.Join(bin, "terraform-provider-highlevel"), "./internal/bench/rusage"},
		{"-o", filepath.Join(bin, "highlevel-emulator"), "./internal/emulator/cmd/highlevel-emulator"},
	} {
		cmd := exec.Command("go", append([]string{"build"}, b...)...)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go build %v: %w", b, err)
		}
	}
	if err := os.Link(filepath.Join(bin, "terraform-provider-highlevel"), filepath.Join(bin, "terraform-provider-highlevelfloor")); err != nil {
		return nil, err
	}
	// dev_overrides for plain runs, and the same binary in a filesystem mirror so that `init`
	// (which modules need) works offline.
	mirror := filepath.Join(dir, "mirror")
	var mirrored []string
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		for _, name := range []string{"highlevel", "highlevelfloor"} {
			d := filepath.Join(mirror, host, "ghl-iac", name, "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
			if err := os.MkdirAll(d, 0o755); err != nil {
				return nil, err
			}
			if err := os.Symlink(filepath.Join(bin, "terraform-provider-"+name), filepath.Join(d, "terraform-provider-"+name)); err != nil {
				return nil, err
			}
			mirrored = append(mirrored, fmt.Sprintf("%q", host+"/ghl-iac/"+name))
		}
	}
	h.cliConfig = filepath.Join(dir, "cli.tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "ghl-iac/highlevel"      = %q
    "ghl-iac/highlevelfloor" = %q
  }
  filesystem_mirror {
    path    = %q
    include = [%[4]s]
  }
  direct {
    exclude = [%[4]s]
  }
}
`, bin, bin, mirror, strings.Join(mirrored, ", "))
	if err := os.WriteFile(h.cliConfig, []byte(rc), 0o600); err != nil {
		return nil, err
	}

	bootFile := filepath.Join(dir, "bootstrap.json")
	h.emu = exec.Command(filepath.Join(bin, "highlevel-emulator"), "-listen", "127.0.0.1:0", "-rate-limit", "-1", "-locations", "50",
		"-crawl-step", "10ms", "-bootstrap-out", bootFile, "-log-level", "error")
	h.emu.Stdout, h.emu.Stderr = nil, os.Stderr
	if err := h.emu.Start(); err != nil {
		return nil, err
	}
	for i := 0; i < 100; i++ {
		if b, err := os.ReadFile(bootFile); err == nil && json.Unmarshal(b, &h.boot) == nil && h.boot.BaseURL != "" {
			return h, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	h.close()
	return nil, fmt.Errorf("the emulator did not start")
}

func (h *harness) close() {
	if h.emu != nil && h.emu.Process != nil {
		_ = h.emu.Process.Kill()
		_ = h.emu.Wait()
	}
	_ = os.RemoveAll(h.dir)
}

// control calls the emulator's control plane.
func (h *harness) control(method, path string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(method, h.boot.BaseURL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+h.boot.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// location creates a fresh location and returns its id and token.
func (h *harness) location(name string) (id, token string, err error) {
	var loc struct{ ID, Token string }
	err = h.control(http.MethodPost, "/_emulator/locations", map[string]string{"name": name}, &loc)
	return loc.ID, loc.Token, err
}

// counters returns the emulator's request counts per route and their total.
func (h *harness) counters() (map[string]int, int, error) {
	var c struct {
		Total  int            `json:"total"`
		Routes map[string]int `json:"routes"`
	}
	err := h.control(http.MethodGet, "/_emulator/counters", nil, &c)
	return c.Routes, c.Total, err
}

func (h *harness) resetCounters() error {
	return h.control(http.MethodPost, "/_emulator/counters/reset", nil, nil)
}

// workspace is a configuration directory bound to one location.
type workspace struct {
	h   *harness
	dir string
	env []string
}

func (h *harness) workspace(name, config, location, token string, env ...string) (*workspace, error) {
	return h.workspaceOf("highlevel", name, config, location, token, env...)
}

// floorWorkspace is a workspace whose highlevel_* resources are served by the floor provider.
func (h *harness) floorWorkspace(name, config, location, token string, env ...string) (*workspace, error) {
	return h.workspaceOf("highlevelfloor", name, config, location, token, env...)
}

// seededFloorWorkspace is a floor workspace with the same configuration as from and a copy of
// from's state, its resources moved to the floor provider: the floor then plans and refreshes
// exactly the objects from holds (its own apply would store filler for the computed values).
func (h *harness) seededFloorWorkspace(name, config, location, token string, from *workspace) (*workspace, error) {
	w, err := h.floorWorkspace(name, config, location, token)
	if err != nil {
		return nil, err
	}
	state, err := os.ReadFile(filepath.Join(from.dir, "terraform.tfstate"))
	if err != nil {
		return nil, err
	}
	moved := bytes.ReplaceAll(state, []byte(`/ghl-iac/highlevel\"]`), []byte(`/ghl-iac/highlevelfloor\"]`))
	if bytes.Equal(moved, state) {
		return nil, fmt.Errorf("%s: no resource of ghl-iac/highlevel in the state to move to the floor provider", from.dir)
	}
	return w, os.WriteFile(filepath.Join(w.dir, "terraform.tfstate"), moved, 0o644)
}

func (h *harness) workspaceOf(provider, name, config, location, token string, env ...string) (*workspace, error) {
	dir := filepath.Join(h.dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	header := fmt.Sprintf("terraform {\n  required_providers {\n    highlevel = { source = \"ghl-iac/%s\" }\n  }\n}\n\nprovider \"highlevel\" {}\n\n", provider)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(header+config), 0o644); err != nil {
		return nil, err
	}
	return &workspace{h: h, dir: dir, env: append(append(h.env(),
		"HIGHLEVEL_BASE_URL="+h.boot.BaseURL, "HIGHLEVEL_TOKEN="+token, "HIGHLEVEL_LOCATION_ID="+location,
	), env...)}, nil
}

// env is the environment of every CLI command: the harness's CLI configuration, never the user's.
func (h *harness) env() []string {
	return append(os.Environ(), "TF_CLI_CONFIG_FILE="+h.cliConfig, "TF_IN_AUTOMATION=1", "BENCH_REAL_DIR="+h.realDir)
}

// run runs the CLI and measures it and the provider processes it started (usage.go).
func (w *workspace) run(args ...string) (usage, error) {
	u, _, err := w.runOutput(args...)
	return u, err
}

// runOutput is run that also returns the command's output.
func (w *workspace) runOutput(args ...string) (usage, string, error) {
	w.h.runs++
	usageFile := filepath.Join(w.h.dir, fmt.Sprintf("rusage-%04d.jsonl", w.h.runs))
	cmd := exec.Command(w.h.cli, args...)
	cmd.Dir, cmd.Env = w.dir, append(append([]string{}, w.env...), "BENCH_RUSAGE_FILE="+usageFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	u := usage{Wall: time.Since(start)}
	if cmd.ProcessState != nil {
		u.CLICPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		tail := out.String()
		if len(tail) > 4000 {
			tail = tail[len(tail)-4000:]
		}
		return u, out.String(), fmt.Errorf("%s %v: %w\n%s", filepath.Base(w.h.cli), args, err, tail)
	}
	if err := u.readProviders(usageFile); err != nil {
		return u, out.String(), fmt.Errorf("%s %v: %w", filepath.Base(w.h.cli), args, err)
	}
	return u, out.String(), nil
}
