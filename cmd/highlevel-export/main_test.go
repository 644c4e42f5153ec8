// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// The tests run this very test binary as the command (TestMain calls main when
// HIGHLEVEL_EXPORT_RUN_MAIN is set), so that kills hit a real process with real files.
func TestMain(m *testing.M) {
	if os.Getenv("HIGHLEVEL_EXPORT_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// api is an in-process emulator with the contract's rate limit (100 requests per 10 s per app
// and location), behind a handler that counts 429 answers.
type api struct {
	url, admin string
	locations  []struct{ ID, Token string }

	mu       sync.Mutex
	statuses map[int]int
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }

func newAPI(t *testing.T) *api {
	t.Helper()
	emu, err := emulator.New(emulator.Options{Locations: 1}) // RateLimitBurst 0: the contract's 100/10 s
	if err != nil {
		t.Fatal(err)
	}
	a := &api{statuses: map[int]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		emu.ServeHTTP(rec, r)
		a.mu.Lock()
		a.statuses[rec.status]++
		a.mu.Unlock()
	}))
	t.Cleanup(func() { srv.Close(); _ = emu.Close() })
	b := emu.Bootstrap(srv.URL)
	a.url, a.admin = srv.URL, b.AdminToken
	for _, l := range b.Locations {
		a.locations = append(a.locations, struct{ ID, Token string }{l.ID, l.Token})
	}
	return a
}

func (a *api) count(status int) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.statuses[status]
}

type seedAnswer struct {
	MessageCount  int `json:"messageCount"`
	Conversations []struct {
		ID         string   `json:"id"`
		MessageIDs []string `json:"messageIds"`
	} `json:"conversations"`
}

func (s seedAnswer) ids() []string {
	var out []string
	for _, c := range s.Conversations {
		out = append(out, c.MessageIDs...)
	}
	return out
}

// seed bulk-seeds 500 conversations of 20 messages (10,000) into the location.
func (a *api) seed(t *testing.T) seedAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"locationId": a.locations[0].ID, "count": 500, "messagesPerConversation": 20, "agentIds": []string{"agentAAAAAAAAAAAAAAA"},
	})
	req, _ := http.NewRequest(http.MethodPost, a.url+"/_emulator/seed/conversations", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+a.admin)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out seedAnswer
	if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&out) != nil || out.MessageCount != 10000 {
		t.Fatalf("seed: %s, %d messages", resp.Status, out.MessageCount)
	}
	return out
}

// command is the export command for the location, writing stderr to a buffer.
func (a *api) command(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HIGHLEVEL_EXPORT_RUN_MAIN=1", "CI=", "HIGHLEVEL_BASE_URL="+a.url,
		"HIGHLEVEL_TOKEN="+a.locations[0].Token, "HIGHLEVEL_LOCATION_ID="+a.locations[0].ID)
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// exportedIDs reads the ids of an export file.
func exportedIDs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	if strings.HasSuffix(path, ".csv") {
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")[1:] // seeded bodies have no newlines
		for _, l := range lines {
			ids = append(ids, strings.SplitN(l, ",", 2)[0])
		}
		return ids
	}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var m struct{ ID string }
		if err := json.Unmarshal(line, &m); err != nil || m.ID == "" {
			t.Fatalf("not an exported message: %.80s", line)
		}
		ids = append(ids, m.ID)
	}
	return ids
}

// sameIDs checks that got holds every id of want exactly once.
func sameIDs(t *testing.T, got, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	dups, missing := 0, 0
	for _, n := range seen {
		if n > 1 {
			dups++
		}
	}
	for _, id := range want {
		if seen[id] == 0 {
			missing++
		}
	}
	if dups > 0 || missing > 0 || len(got) != len(want) {
		t.Fatalf("export holds %d ids, want %d: %d duplicated, %d missing", len(got), len(want), dups, missing)
	}
}

type cursorFile struct {
	Pages       int   `json:"pages"`
	Messages    int   `json:"messages"`
	OutputBytes int64 `json:"outputBytes"`
	Done        bool  `json:"done"`
}

func readCursor(path string) (cursorFile, bool) {
	var c cursorFile
	b, err := os.ReadFile(path)
	return c, err == nil && json.Unmarshal(b, &c) == nil
}

// TestExport10000Messages exports 10,000 messages of 500 conversations at the contract's real
// rate limit: the file holds exactly the seeded messages, and the API never answered 429.
func TestExport10000Messages(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	seeded := a.seed(t)
	out := filepath.Join(t.TempDir(), "audit.jsonl")
	cmd, stderr := a.command(t, nil, "-output", out)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	wall := time.Since(start)
	ids := exportedIDs(t, out)
	sameIDs(t, ids, seeded.ids())
	if n := a.count(http.StatusTooManyRequests); n > 0 {
		t.Fatalf("the API answered 429 %d times", n)
	}
	// Quiet without a terminal: one summary line, no progress line.
	if s := stderr.String(); strings.Contains(s, "\r") || strings.Count(s, "\n") != 1 || !strings.Contains(s, "10000 messages in") {
		t.Fatalf("stderr is not one summary line:\n%q", s)
	}
	t.Logf("10,000 messages of 500 conversations: %d in the output (emulator: %d), wall time %v, %.0f messages/s, "+
		"0 answers 429 (%d requests answered 200)", len(ids), seeded.MessageCount, wall.Round(time.Millisecond),
		float64(len(ids))/wall.Seconds(), a.count(http.StatusOK))
}

// TestExportResumesAfterSIGKILL kills the export with SIGKILL in the middle of its run (after
// the twelfth page is committed, while the limiter paces the rest), then reruns it: the file
// ends with every message exactly once.
func TestExportResumesAfterSIGKILL(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	seeded := a.seed(t)
	out := filepath.Join(t.TempDir(), "audit.jsonl")
	cur := out + ".cursor"
	cmd, stderr := a.command(t, nil, "-output", out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var killedAt cursorFile
	for {
		if c, ok := readCursor(cur); ok && c.Pages >= 12 {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killedAt = c
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the export was not killed (%v):\n%s", err, stderr)
	}
	after, _ := readCursor(cur)
	if after.Done || after.Messages >= 10000 {
		t.Fatalf("the kill came after the end (%+v): the test proves nothing", after)
	}
	t.Logf("killed after %d committed pages (%d messages); cursor file at the kill: %d pages", after.Pages, after.Messages, killedAt.Pages)

	rerun, stderr := a.command(t, nil, "-output", out)
	if err := rerun.Run(); err != nil {
		t.Fatalf("resume: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr.String(), "resumed") {
		t.Fatalf("the rerun did not resume: %s", stderr)
	}
	sameIDs(t, exportedIDs(t, out), seeded.ids())
	if n := a.count(http.StatusTooManyRequests); n > 0 {
		t.Fatalf("the API answered 429 %d times", n)
	}
	// A third run finds the export complete.
	again, stderr := a.command(t, nil, "-output", out)
	if err := again.Run(); err != nil || !strings.Contains(stderr.String(), "already complete") {
		t.Fatalf("third run: %v %s", err, stderr)
	}
}

// TestExportInterruptedBySIGINT stops the export with Ctrl-C: exit code 130, a message that
// says how to resume, and the rerun completes it.
func TestExportInterruptedBySIGINT(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	seeded := a.seed(t)
	out := filepath.Join(t.TempDir(), "audit.jsonl")
	cmd, stderr := a.command(t, nil, "-output", out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for {
		if c, ok := readCursor(out + ".cursor"); ok && c.Pages >= 8 {
			_ = cmd.Process.Signal(os.Interrupt)
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 || !strings.Contains(stderr.String(), "run the same command again to resume") {
		t.Fatalf("interrupted export: %v\n%s", err, stderr)
	}
	rerun, stderr := a.command(t, nil, "-output", out)
	if err := rerun.Run(); err != nil {
		t.Fatalf("resume: %v\n%s", err, stderr)
	}
	sameIDs(t, exportedIDs(t, out), seeded.ids())
}

// TestExportResumesAfterCrashBeforeCommit kills the export at the worst moment: a page is in
// the output (fsynced) but the cursor file does not record it yet. The rerun cuts that page
// off, fetches it again, and the CSV ends with every message exactly once.
func TestExportResumesAfterCrashBeforeCommit(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	seeded := a.seed(t)
	out := filepath.Join(t.TempDir(), "audit.csv")
	cmd, stderr := a.command(t, []string{envKillAfterPages + "=7", envKillPoint + "=before-cursor"}, "-output", out, "-page-size", "400")
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the export did not crash (%v):\n%s", err, stderr)
	}
	c, _ := readCursor(out + ".cursor")
	fi, _ := os.Stat(out)
	if c.Pages != 6 || c.Messages != 2400 || fi.Size() <= c.OutputBytes {
		t.Fatalf("cursor %+v, output %d bytes: want 6 committed pages and an uncommitted 7th in the output", c, fi.Size())
	}
	rerun, stderr := a.command(t, nil, "-output", out, "-page-size", "400")
	if err := rerun.Run(); err != nil {
		t.Fatalf("resume: %v\n%s", err, stderr)
	}
	sameIDs(t, exportedIDs(t, out), seeded.ids())
}

func TestExportUsageErrors(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "-output is required"},
		{[]string{"-output", filepath.Join(dir, "a"), "-start", "2026-02-01T00:00:00Z", "-end", "2026-01-01T00:00:00Z"}, 2, "is before the start"},
		{[]string{"-output", filepath.Join(dir, "a"), "-start", "2026-02-01"}, 2, "RFC 3339"},
		{[]string{"-output", filepath.Join(dir, "a"), "-conversation", "a/b"}, 2, "is not a HighLevel id"},
		{[]string{"-output", filepath.Join(dir, "a"), "-agent", "NoSuchAgent000000000"}, 1, "no AI agent with id"},
		{[]string{"-output", filepath.Join(dir, "a"), "-progress", "sometimes"}, 2, "-progress must be"},
	} {
		cmd, stderr := a.command(t, nil, tc.args...)
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		}
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, want %d; stderr %q, want %q", tc.args, code, tc.code, stderr, tc.want)
		}
	}
}

func TestExportProgressLine(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	out := filepath.Join(t.TempDir(), "p.jsonl")
	// Seed a little, then force the progress line (stderr is a pipe here).
	body := fmt.Sprintf(`{"locationId":%q,"count":3,"messagesPerConversation":10}`, a.locations[0].ID)
	req, _ := http.NewRequest(http.MethodPost, a.url+"/_emulator/seed/conversations", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+a.admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("seed: %s", resp.Status)
	}
	cmd, stderr := a.command(t, nil, "-output", out, "-page-size", "10", "-progress", "always")
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr.String(), "\r\x1b[Khighlevel-export: ") {
		t.Fatalf("no progress line: %q", stderr)
	}
	// -quiet in CI: nothing at all on success (the auto mode's terminal check is unit-tested in
	// internal/conversations/audit).
	cmd, stderr = a.command(t, []string{"CI=true"}, "-output", filepath.Join(t.TempDir(), "q.jsonl"), "-quiet")
	if err := cmd.Run(); err != nil || stderr.Len() != 0 {
		t.Fatalf("quiet run printed %q (%v)", stderr, err)
	}
}
