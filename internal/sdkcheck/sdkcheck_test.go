// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package sdkcheck

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

const (
	sdkPackage = "@gohighlevel/api-client"
	sdkVersion = "3.1.0"
)

// report is what testdata/sdkcheck.js writes.
type report struct {
	SDKVersion string       `json:"sdkVersion"`
	Called     int          `json:"called"`
	Passed     int          `json:"passed"`
	Calls      []callResult `json:"calls"`
	Skipped    []skipped    `json:"skipped"`
	Problems   []string     `json:"problems"` // coverage or harness problems (not tied to one call)
}

type callResult struct {
	Method   string          `json:"method"` // service.method
	Note     string          `json:"note"`
	Request  json.RawMessage `json:"request"`
	HTTP     json.RawMessage `json:"http"`
	Status   int             `json:"status"`
	Answer   json.RawMessage `json:"answer"`
	Declared string          `json:"declared"`
	Errors   []string        `json:"errors"`
}

type skipped struct {
	Method string `json:"method"`
	Reason string `json:"reason"`
}

// TestOfficialSDKContract runs testdata/sdkcheck.js against an in-process emulator.
func TestOfficialSDKContract(t *testing.T) {
	start := time.Now()
	node, npm := findNode(t)
	sdkDir := ensureSDK(t, npm)
	t.Logf("SDK ready in %s (%s)", sdkDir, time.Since(start).Round(time.Millisecond))

	emu, err := emulator.New(emulator.Options{
		Locations:      2,
		RateLimitBurst: -1,
		// Crawl steps are computed lazily from the clock; the script also advances the
		// emulator clock through the control plane before reading a crawl's status.
		CrawlStepDelay: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	defer func() { srv.Close(); _ = emu.Close() }()
	boot := emu.Bootstrap(srv.URL)

	dir := t.TempDir()
	cfg := map[string]any{
		"sdkDir":       sdkDir,
		"baseUrl":      srv.URL,
		"adminToken":   boot.AdminToken,
		"companyId":    boot.CompanyID,
		"agencyToken":  boot.AgencyToken,
		"clientId":     boot.OAuth.ClientID,
		"clientSecret": boot.OAuth.ClientSecret,
		"refreshToken": boot.OAuth.RefreshToken,
		"locationId":   boot.Locations[0].ID,
		"locationPIT":  boot.Locations[0].Token,
		"otherLocId":   boot.Locations[1].ID,
		"reportFile":   filepath.Join(dir, "report.json"),
	}
	cfgFile := filepath.Join(dir, "config.json")
	b, _ := json.Marshal(cfg)
	if err := os.WriteFile(cfgFile, b, 0o600); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	script, _ := filepath.Abs(filepath.Join("testdata", "sdkcheck.js"))
	cmd := exec.CommandContext(ctx, node, script, cfgFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runStart := time.Now()
	runErr := cmd.Run()
	t.Logf("node script ran in %s", time.Since(runStart).Round(time.Millisecond))

	raw, err := os.ReadFile(cfg["reportFile"].(string))
	if err != nil {
		t.Fatalf("the SDK script wrote no report (%v; exit: %v). Its output:\n%s", err, runErr, out.String())
	}
	var rep report
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatalf("report: %v\n%s", err, raw)
	}
	if runErr != nil && rep.Called == rep.Passed && len(rep.Problems) == 0 {
		t.Errorf("the SDK script failed: %v\n%s", runErr, out.String())
	}
	for _, p := range rep.Problems {
		t.Errorf("harness: %s", p)
	}
	for _, c := range rep.Calls {
		if len(c.Errors) == 0 {
			continue
		}
		t.Errorf("%s%s: answer does not match the SDK's %s:\n  - %s\n  request: %s\n  http:    %s\n  answer (%d): %s",
			c.Method, noteSuffix(c.Note), c.Declared, strings.Join(c.Errors, "\n  - "), c.Request, c.HTTP, c.Status, clip(c.Answer))
	}
	t.Logf("%s %s: %d calls, %d passed, %d methods deliberately skipped (%s in all)",
		sdkPackage, rep.SDKVersion, rep.Called, rep.Passed, len(rep.Skipped), time.Since(start).Round(time.Millisecond))
	type tally struct{ calls, passed, methods int }
	per := map[string]*tally{}
	seen := map[string]bool{}
	for _, c := range rep.Calls {
		svc, _, _ := strings.Cut(c.Method, ".")
		if per[svc] == nil {
			per[svc] = &tally{}
		}
		per[svc].calls++
		if len(c.Errors) == 0 {
			per[svc].passed++
		}
		if !seen[c.Method] {
			seen[c.Method] = true
			per[svc].methods++
		}
	}
	for _, svc := range []string{"conversationAi", "knowledgeBase", "conversations", "oauth"} {
		if n := per[svc]; n != nil {
			t.Logf("  %-15s %2d methods, %2d calls, %2d passed", svc, n.methods, n.calls, n.passed)
		}
	}
	if testing.Verbose() {
		for _, s := range rep.Skipped {
			t.Logf("skipped %s: %s", s.Method, s.Reason)
		}
	}
	if rep.Called == 0 {
		t.Errorf("no SDK call was made; output:\n%s", out.String())
	}
}

func noteSuffix(n string) string {
	if n == "" {
		return ""
	}
	return " (" + n + ")"
}

func clip(b []byte) string {
	if len(b) > 4000 {
		return string(b[:4000]) + "…"
	}
	return string(b)
}

// findNode returns the paths of node and npm. When either is missing and the test runs as
// root on a machine with apt-get, it installs the Debian package nodejs, then npm if node
// came without it (NodeSource's nodejs bundles npm and conflicts with Debian's npm), as
// examples/agency-workspaces/postgres.sh installs PostgreSQL; otherwise it fails with a
// message saying what to install. The SDK needs Node.js 18 or later.
func findNode(t *testing.T) (node, npm string) {
	t.Helper()
	missing := func(bin string) bool { _, err := exec.LookPath(bin); return err != nil }
	if missing("node") || missing("npm") {
		if missing("apt-get") || os.Geteuid() != 0 {
			t.Fatalf("the official-SDK contract test needs Node.js (node) and npm, which are missing. " +
				"Install them, e.g. 'sudo apt-get install nodejs npm' on Debian or Ubuntu, and run the tests again.")
		}
		for _, p := range []struct{ bin, pkg string }{{"node", "nodejs"}, {"npm", "npm"}} {
			if missing(p.bin) {
				progress(t, "%s is missing; installing the Debian package %s", p.bin, p.pkg)
				aptInstall(t, p.pkg)
			}
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("the nodejs package is installed but node is not on PATH: %v", err)
	}
	if npm, err = exec.LookPath("npm"); err != nil {
		t.Fatalf("the npm package is installed but npm is not on PATH: %v", err)
	}
	v, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("%s --version: %v", node, err)
	}
	ver := strings.TrimSpace(string(v))
	major, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(ver, "v"), ".", 2)[0])
	if major < 18 {
		t.Fatalf("%s is Node.js %s; %s %s needs Node.js 18 or later", node, ver, sdkPackage, sdkVersion)
	}
	return node, npm
}

// aptInstall installs a Debian package, running apt-get update first when the package
// lists are too old to find it.
func aptInstall(t *testing.T, pkg string) {
	t.Helper()
	env := []string{"DEBIAN_FRONTEND=noninteractive"}
	install := func() error {
		return runLogged(t, "apt-get", env, "apt-get", "install", "-y", "--no-install-recommends", pkg)
	}
	if install() == nil {
		return
	}
	if err := runLogged(t, "apt-get", env, "apt-get", "update"); err != nil {
		t.Fatalf("apt-get update failed (%v): install %s by hand", err, pkg)
	}
	if err := install(); err != nil {
		t.Fatalf("apt-get could not install %s (%v): install Node.js 18 or later and npm by hand", pkg, err)
	}
}

// cacheDir is where the SDK is installed: HIGHLEVEL_SDK_CACHE, else
// <user cache dir>/terraform-provider-highlevel/sdk-<version>.
func cacheDir(t *testing.T) string {
	if d := os.Getenv("HIGHLEVEL_SDK_CACHE"); d != "" {
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		t.Fatalf("no cache directory for the SDK (%v): set HIGHLEVEL_SDK_CACHE", err)
	}
	return filepath.Join(base, "terraform-provider-highlevel", "sdk-"+sdkVersion)
}

// sdkInstalled reports whether dir holds a complete install of the pinned SDK.
func sdkInstalled(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
		return false
	}
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", sdkPackage, "package.json"))
	if err != nil {
		return false
	}
	var p struct {
		Version string `json:"version"`
	}
	return json.Unmarshal(b, &p) == nil && p.Version == sdkVersion
}

// ensureSDK installs the pinned SDK into the cache directory unless it is there already.
// npm installs into a fresh sibling directory that is renamed into place when complete, so
// two test runs at once never see a half-installed SDK (the loser of the rename discards
// its copy).
func ensureSDK(t *testing.T, npm string) string {
	t.Helper()
	dir := cacheDir(t)
	if sdkInstalled(dir) {
		return dir
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	pkg := `{"name":"highlevel-sdkcheck","private":true,"description":"official SDK for the contract test of terraform-provider-highlevel"}`
	if err := os.WriteFile(filepath.Join(tmp, "package.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	progress(t, "installing %s@%s from npm into %s", sdkPackage, sdkVersion, dir)
	began := time.Now()
	if err := runLogged(t, "npm", []string{"npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false"},
		npm, "install", "--prefix", tmp, "--no-audit", "--no-fund", "--loglevel=http", "--save-exact", sdkPackage+"@"+sdkVersion); err != nil {
		t.Fatalf("npm install %s@%s failed: %v (is the npm registry reachable? set npm_config_registry for a mirror)", sdkPackage, sdkVersion, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if !sdkInstalled(dir) {
			// A stale, incomplete directory: replace it.
			_ = os.RemoveAll(dir)
			if err := os.Rename(tmp, dir); err != nil && !sdkInstalled(dir) {
				t.Fatalf("moving the SDK into %s: %v", dir, err)
			}
		}
	}
	progress(t, "installed %s@%s in %s", sdkPackage, sdkVersion, time.Since(began).Round(time.Millisecond))
	if !sdkInstalled(dir) {
		t.Fatalf("npm reported success but %s holds no %s@%s", dir, sdkPackage, sdkVersion)
	}
	return dir
}

// progress reports a step of a slow setup as it happens: on the controlling terminal when
// there is one (go test shows a passing package's output only with -v, so that is where a
// newcomer running make test sees it), on stderr (go test -v, or a failure), and in the
// test log.
func progress(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	echo(msg)
	t.Log(msg)
}

// echo writes one progress line to stderr and, when one can be opened, the terminal.
func echo(line string) {
	fmt.Fprintf(os.Stderr, "sdkcheck: %s\n", line)
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprintf(tty, "sdkcheck: %s\n", line)
		tty.Close()
	}
}

// runLogged runs a command, echoing each line of its output as progress.
func runLogged(t *testing.T, label string, env []string, name string, args ...string) error {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	done := make(chan struct{})
	var tail []string
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			echo(label + ": " + line)
			if tail = append(tail, line); len(tail) > 40 {
				tail = tail[1:]
			}
		}
	}()
	err := cmd.Run()
	pw.Close()
	<-done
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, strings.Join(tail, "\n"))
		}
		return err
	}
	return nil
}
