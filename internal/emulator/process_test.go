// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// goTool returns the go command, or skips the test.
func goTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	return path
}

// startBinary runs the emulator binary and waits for its bootstrap file.
func startBinary(t *testing.T, bin, data, bootFile string) (*exec.Cmd, Bootstrap, *bytes.Buffer) {
	t.Helper()
	_ = os.Remove(bootFile)
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-data", data, "-bootstrap-out", bootFile, "-rate-limit", "-1", "-log-level", "error")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(bootFile)
		if err == nil && len(b) > 0 {
			var boot Bootstrap
			if err := json.Unmarshal(b, &boot); err != nil {
				t.Fatalf("bootstrap file: %v", err)
			}
			if fi, _ := os.Stat(bootFile); fi.Mode().Perm() != 0o600 {
				t.Errorf("bootstrap file mode %v", fi.Mode())
			}
			return cmd, boot, &stdout
		}
		if time.Now().After(deadline) {
			t.Fatalf("emulator did not start; stdout: %s", stdout.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBinaryKillDuringWrites builds the binary, starts it with -data, kills it with
// SIGKILL in the middle of a burst of writes, restarts it and checks that every write that
// got a 2xx answer is there, with the same tokens.
func TestBinaryKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "highlevel-emulator")
	build := exec.Command(goTool(t), "build", "-o", bin, "./cmd/highlevel-emulator")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data, bootFile := filepath.Join(dir, "state.json"), filepath.Join(dir, "boot.json")
	cmd, boot, stdout := startBinary(t, bin, data, bootFile)
	if !strings.HasPrefix(boot.BaseURL, "http://127.0.0.1:") || boot.AdminToken == "" || len(boot.Locations) != 2 {
		t.Fatalf("bootstrap %+v", boot)
	}

	client := &http.Client{Timeout: 5 * time.Second}
	post := func(ctx context.Context, base, token string, i int) (string, bool) {
		body := fmt.Sprintf(`{"name":"burst %d","personality":"p","goal":"g","instructions":"i"}`, i)
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/conversation-ai/agents", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Version", "2021-04-15")
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			return "", false
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != 201 {
			return "", false
		}
		var m map[string]any
		if json.Unmarshal(b, &m) != nil {
			return "", false
		}
		id, _ := m["id"].(string)
		return id, id != ""
	}

	var mu sync.Mutex
	var acked []string
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				if id, ok := post(ctx, boot.BaseURL, boot.Locations[w%2].Token, i); ok {
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				}
			}
		}()
	}
	// Kill once a good number of writes went through, while the burst goes on.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 60 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	cancel()
	wg.Wait()
	if !strings.Contains(stdout.String(), "listening on "+boot.BaseURL) || !strings.Contains(stdout.String(), boot.AdminToken) {
		t.Errorf("stdout lacks the address or the bootstrap: %s", stdout.String())
	}
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged")
	}

	_, boot2, _ := startBinary(t, bin, data, bootFile)
	if boot2.AdminToken != boot.AdminToken || boot2.OAuth != boot.OAuth || boot2.Locations[0] != boot.Locations[0] || boot2.AgencyToken != boot.AgencyToken {
		t.Fatalf("tokens changed across restart")
	}
	for _, id := range acked {
		found := false
		for _, l := range boot2.Locations {
			req, _ := http.NewRequest("GET", boot2.BaseURL+"/conversation-ai/agents/"+id, nil)
			req.Header.Set("Authorization", "Bearer "+l.Token)
			req.Header.Set("Version", "2021-04-15")
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode == 200 {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("acknowledged agent %s lost after kill -9", id)
		}
	}
	t.Logf("%d acknowledged writes survived kill -9", len(acked))

	// After a refresh, the bootstrap file names the new single-use refresh token.
	form := url.Values{"client_id": {boot2.OAuth.ClientID}, "client_secret": {boot2.OAuth.ClientSecret},
		"grant_type": {"refresh_token"}, "refresh_token": {boot2.OAuth.RefreshToken}}
	res, err := client.PostForm(boot2.BaseURL+"/oauth/token", form)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("refresh: %v %v", err, res)
	}
	var tr struct {
		RefreshToken string `json:"refresh_token"`
	}
	_ = json.NewDecoder(res.Body).Decode(&tr)
	res.Body.Close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		b, _ := os.ReadFile(bootFile)
		var cur Bootstrap
		if json.Unmarshal(b, &cur) == nil && cur.OAuth.RefreshToken == tr.RefreshToken {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("bootstrap file not updated after a refresh")
		}
	}
}

// TestFuzzBounded runs each fuzz target a bounded number of times (default 2000 inputs each,
// set HIGHLEVEL_EMULATOR_FUZZTIME, "0" to skip). A count, not a duration: a duration is also a
// deadline for the baseline coverage of the cached corpus, which a loaded machine missed.
// Skipped with -short.
func TestFuzzBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("fuzzing is not short")
	}
	fuzztime := os.Getenv("HIGHLEVEL_EMULATOR_FUZZTIME")
	if fuzztime == "" {
		fuzztime = "2000x"
	}
	if fuzztime == "0" {
		t.Skip("HIGHLEVEL_EMULATOR_FUZZTIME=0")
	}
	t.Parallel()
	gobin := goTool(t)
	for _, target := range []string{"FuzzAgentCreate", "FuzzActionCreate", "FuzzKnowledgeBody"} {
		cmd := exec.Command(gobin, "test", "-run", "^$", "-fuzz", "^"+target+"$", "-fuzztime", fuzztime, "-parallel", "2", ".")
		cmd.Env = append(os.Environ(), "HIGHLEVEL_EMULATOR_FUZZTIME=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", target, err, out)
		}
	}
}
