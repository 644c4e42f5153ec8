// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// startPostgres starts the throwaway PostgreSQL of examples/agency-workspaces/postgres.sh (which
// installs the Debian package when the binaries are missing and the test runs as root) and
// stops it when the test ends. It returns the server's directory and its connection string.
func startPostgres(t *testing.T, dir string) (pgDir, conn string) {
	t.Helper()
	script := filepath.Join(dir, "postgres.sh")
	cmd := exec.Command("bash", script, "start")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("postgres.sh start: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^export (PG_DIR|PG_CONN_STR)='([^']*)'$`).FindAllStringSubmatch(stdout.String(), -1) {
		vars[m[1]] = m[2]
	}
	pgDir, conn = vars["PG_DIR"], vars["PG_CONN_STR"]
	if pgDir == "" || conn == "" {
		t.Fatalf("postgres.sh start printed no PG_DIR and PG_CONN_STR:\n%s%s", stdout.String(), stderr.String())
	}
	t.Logf("%s", strings.TrimSpace(stderr.String()))
	t.Cleanup(func() {
		if _, err := os.Stat(pgDir); err == nil {
			if out, err := exec.Command("bash", script, "stop", pgDir).CombinedOutput(); err != nil {
				t.Errorf("postgres.sh stop: %v\n%s", err, out)
			}
		}
	})
	return pgDir, conn
}

// psql runs a query on the example's PostgreSQL and returns its unaligned rows.
func psql(t *testing.T, dir, pgDir, query string) []string {
	t.Helper()
	out, err := exec.Command("bash", filepath.Join(dir, "postgres.sh"), "psql", pgDir, "-tAc", query).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", query, err, out)
	}
	rows := strings.Fields(string(out))
	sort.Strings(rows)
	return rows
}

// TestAccExamples_agencyWorkspaces runs examples/agency-workspaces: one workspace per client
// with the state in the pg backend of a real PostgreSQL (started by the example's script on
// loopback, with a data directory of its own). Two clients are applied in parallel processes;
// every workspace then plans no change (with the drift check of examples/ci in workspace
// mode); two applies of one workspace at once are refused, or serialised with -lock-timeout,
// by the backend's advisory lock; offboarding destroys the clients and deletes their
// workspaces. The server is stopped at the end.
func TestAccExamples_agencyWorkspaces(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{Locations: 7})
	env.Control(t, http.MethodPut, "/_emulator/crawler", map[string]int{"step_delay_ms": 20}, nil)
	w := newWorkspace(t, env, agencyOAuthEnv(t, env)...)
	root := w.copyTree("agency", "agency-workspaces", "modules/agency-client", "ci")
	dir := filepath.Join(root, "agency-workspaces")
	pointClientsAt(t, filepath.Join(root, "agency", "clients.yaml"), env.Bootstrap.Locations)
	// Two clients in parallel processes prove what four did (apply-clients.sh -j runs each in
	// a process of its own, with an access token of its own), at half the resources.
	clients := []string{"bright-smile-dental", "harbor-view-dentistry"}
	locker := "summit-pediatric-dentistry" // the fifth client of clients.yaml

	pgDir, conn := startPostgres(t, dir)
	w.env = append(w.env, "PG_CONN_STR="+conn, "LOG_DIR="+t.TempDir(), "DRIFT_OUT_DIR="+t.TempDir())

	start := time.Now()
	out := w.script(dir, 0, filepath.Join(dir, "apply-clients.sh"), append([]string{"-j", "2"}, clients...)...)
	t.Logf("apply-clients.sh -j 2 (%s):\n%s", time.Since(start).Round(100*time.Millisecond), out)
	for _, c := range clients {
		if !regexp.MustCompile(`ok +` + c + `: Apply complete! Resources: \d+ added`).MatchString(out) {
			t.Fatalf("%s was not applied:\n%s", c, out)
		}
	}
	if rows := psql(t, dir, pgDir, "SELECT name FROM highlevel_agency.states"); strings.Join(rows, " ") != strings.Join(clients, " ") {
		t.Fatalf("the states table holds %v, want one row per client %v", rows, clients)
	}

	// Every workspace plans no change: the nightly drift check in workspace mode.
	out = w.script(dir, 0, filepath.Join(root, "ci", "drift-check.sh"), "-w", ".")
	if !strings.Contains(out, "drift-check: 2 clients, 0 drifted, 0 failed") {
		t.Fatalf("drift check of the workspaces:\n%s", out)
	}
	// The default workspace is no client: the plan says so.
	out = w.run(dir, 1, "plan", "-input=false", "-no-color")
	if !strings.Contains(strings.Join(strings.Fields(out), " "), `The workspace "default" is not a client of ../agency/clients.yaml`) {
		t.Fatalf("a plan in the default workspace:\n%s", out)
	}

	// Two applies of one workspace at once. The first holds the workspace's advisory lock for
	// as long as creating the agent takes (4 s, injected); the second is refused at once, the
	// third waits for the lock and then finds nothing left to do.
	w.run(dir, 0, "workspace", "new", locker)
	w.run(dir, 0, "workspace", "select", "default")
	env.Control(t, http.MethodPost, "/_emulator/faults", map[string]any{"route": "POST /conversation-ai/agents", "latency_ms": 4000, "count": 1}, nil)
	apply := func(extra ...string) *exec.Cmd {
		cmd := exec.Command(w.cli, append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, extra...)...)
		cmd.Dir = dir
		// An agency access token, as apply-clients.sh hands to parallel processes: they must not
		// share the single-use refresh token.
		cmd.Env = append(append([]string{}, w.env...), "TF_WORKSPACE="+locker,
			"HIGHLEVEL_OAUTH_CLIENT_ID=", "HIGHLEVEL_OAUTH_CLIENT_SECRET=", "HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE=",
			"HIGHLEVEL_OAUTH_ACCESS_TOKEN="+env.Bootstrap.AgencyToken, "HIGHLEVEL_COMPANY_ID="+env.Bootstrap.CompanyID)
		return cmd
	}
	first := apply()
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	locked := false
	for i := 0; i < 100 && !locked; i++ {
		locked = len(psql(t, dir, pgDir, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory'")) > 0
		if !locked {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !locked {
		_ = first.Wait()
		t.Fatalf("the first apply never held an advisory lock:\n%s", firstOut.String())
	}
	refused, _ := apply("-lock-timeout=0s").CombinedOutput()
	if !strings.Contains(string(refused), "Error acquiring the state lock") || !strings.Contains(string(refused), "Workspace is already locked: "+locker) {
		t.Fatalf("a second apply of a locked workspace was not refused:\n%s", refused)
	}
	waited, err := apply("-lock-timeout=2m").CombinedOutput()
	if err != nil {
		t.Fatalf("the apply that waits for the lock: %v\n%s", err, waited)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("the first apply: %v\n%s", err, firstOut.String())
	}
	if !regexp.MustCompile(`Apply complete! Resources: [1-9]\d* added`).MatchString(firstOut.String()) ||
		!strings.Contains(string(waited), "No changes.") {
		t.Fatalf("the applies were not serialised:\n== first\n%s\n== waited\n%s", firstOut.String(), waited)
	}

	// Outgrowing one state: two clients applied by ../agency (one state for both) move into
	// workspaces of their own; nothing is created or destroyed, and every plan is empty.
	agency := filepath.Join(root, "agency")
	moving := []string{"oak-park-dental-studio", "lakeside-smiles"} // the 6th and 7th clients
	var blocks []string
	for _, block := range strings.Split(readFile(t, filepath.Join(agency, "clients.yaml")), "\n\n") {
		for _, key := range moving {
			if strings.HasPrefix(block, key+":") {
				blocks = append(blocks, block)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(agency, "clients-moving.yaml"), []byte(strings.Join(blocks, "\n\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w.run(agency, 0, "init", "-input=false", "-no-color")
	w.run(agency, 0, "apply", "-auto-approve", "-input=false", "-no-color", "-var=clients_file=clients-moving.yaml")
	before := w.outputs(agency)["clients"].(map[string]any)
	out = w.script(dir, 0, filepath.Join(dir, "move-from-agency.sh"), append([]string{"../agency"}, moving...)...)
	t.Logf("move-from-agency.sh:\n%s", out)
	for _, key := range moving {
		if !strings.Contains(out, "ok      "+key+": its workspace plans no change") {
			t.Fatalf("%s was not moved:\n%s", key, out)
		}
	}
	if left := strings.TrimSpace(w.run(agency, 0, "state", "list")); left != "" {
		t.Fatalf("the agency's state keeps objects after the move:\n%s", left)
	}
	for _, key := range moving {
		cmd := exec.Command(w.cli, "output", "-json", "client")
		cmd.Dir, cmd.Env = dir, append(append([]string{}, w.env...), "TF_WORKSPACE="+key)
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("output of %s: %v", key, err)
		}
		want := before[key].(map[string]any)["agent_id"].(string)
		if !strings.Contains(string(got), want) {
			t.Fatalf("the workspace %s does not hold the agent %s it had in the agency's state: %s", key, want, got)
		}
	}

	// Offboarding: destroy every client in parallel and delete the workspaces.
	all := append(append(append([]string{}, clients...), locker), moving...)
	out = w.script(dir, 0, filepath.Join(dir, "apply-clients.sh"), append([]string{"-d", "-j", "7"}, all...)...)
	if rows := psql(t, dir, pgDir, "SELECT name FROM highlevel_agency.states WHERE name <> 'default'"); len(rows) != 0 {
		t.Fatalf("workspaces left after offboarding: %v\n%s", rows, out)
	}
	for _, loc := range env.Bootstrap.Locations {
		c := locationClient(t, env, loc)
		agents, err := c.ListAgents(context.Background(), loc.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(agents) != 0 {
			t.Fatalf("location %s keeps %d agents after offboarding", loc.ID, len(agents))
		}
	}

	if out, err := exec.Command("bash", filepath.Join(dir, "postgres.sh"), "stop", pgDir).CombinedOutput(); err != nil {
		t.Fatalf("postgres.sh stop: %v\n%s", err, out)
	}
	if _, err := os.Stat(pgDir); !os.IsNotExist(err) {
		t.Fatalf("postgres.sh stop left %s behind", pgDir)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
