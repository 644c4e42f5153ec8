// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// repoRoot is the repository's top directory.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// provider is the provider binary the package's workspaces share: linking it costs several
// CPU-seconds, so it is built once for every test that holds it at the same time (the
// parallel tests all run together) and removed when the last of them ends.
var provider struct {
	mu    sync.Mutex
	users int
	dir   string
}

// sharedProvider returns the directory of the built provider, held until t ends.
func sharedProvider(t *testing.T) string {
	t.Helper()
	provider.mu.Lock()
	defer provider.mu.Unlock()
	if provider.dir == "" {
		dir, err := os.MkdirTemp("", "highlevel-examples-provider-")
		if err != nil {
			t.Fatal(err)
		}
		build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-highlevel"), ".")
		build.Dir = repoRoot()
		if out, err := build.CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			t.Fatalf("build provider: %v\n%s", err, out)
		}
		provider.dir = dir
	}
	provider.users++
	dir := provider.dir
	t.Cleanup(func() {
		provider.mu.Lock()
		defer provider.mu.Unlock()
		if provider.users--; provider.users == 0 {
			os.RemoveAll(provider.dir)
			provider.dir = ""
		}
	})
	return dir
}

// workspace is a directory with copies of example folders, a built provider, and a CLI
// configuration of its own whose dev_overrides point at that provider.
type workspace struct {
	t        *testing.T
	cli      string
	env      []string
	location string
}

func newWorkspace(t *testing.T, env *acctest.Env, extraEnv ...string) *workspace {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("example tests run the CLI; set TF_ACC=1 (make test does)")
	}
	bin := sharedProvider(t)
	// The same binary in a filesystem mirror, so that `init` (needed by modules and backends)
	// works offline: with dev_overrides, init still installs a version into the lock file.
	mirror := t.TempDir()
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		dir := filepath.Join(mirror, host, "ghl-iac", "highlevel", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(bin, "terraform-provider-highlevel"), filepath.Join(dir, "terraform-provider-highlevel")); err != nil {
			t.Fatal(err)
		}
	}
	rc := filepath.Join(t.TempDir(), "cli.tfrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "ghl-iac/highlevel"   = %q
    "hashicorp/highlevel" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/ghl-iac/highlevel", "registry.opentofu.org/ghl-iac/highlevel"]
  }
  direct {
    exclude = ["registry.terraform.io/ghl-iac/highlevel", "registry.opentofu.org/ghl-iac/highlevel"]
  }
}
`, bin, bin, mirror)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return &workspace{t: t, cli: os.Getenv("TF_ACC_TERRAFORM_PATH"), location: env.LocationID, env: append(append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1",
		"HIGHLEVEL_BASE_URL="+env.BaseURL,
		"HIGHLEVEL_TOKEN="+env.Token,
		"HIGHLEVEL_LOCATION_ID="+env.LocationID,
	), extraEnv...)}
}

// copyExample copies examples/<rel> (its .tf files but import snippets) into a new directory,
// with extra files.
func (w *workspace) copyExample(rel string, extra map[string]string) string {
	w.t.Helper()
	dir := w.t.TempDir()
	src := filepath.Join(repoRoot(), "examples", rel)
	entries, err := os.ReadDir(src)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, e := range entries {
		// import*.tf are documentation snippets with placeholder IDs; tests pass them in extra.
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") || strings.HasPrefix(e.Name(), "import") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			w.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o600); err != nil {
			w.t.Fatal(err)
		}
	}
	for name, body := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			w.t.Fatal(err)
		}
	}
	return dir
}

// run runs the CLI in dir and returns its exit code and output; want is the expected code.
func (w *workspace) run(dir string, want int, args ...string) string {
	w.t.Helper()
	cmd := exec.Command(w.cli, args...)
	cmd.Dir = dir
	cmd.Env = w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		w.t.Fatalf("%s %v: %v", w.cli, args, err)
	}
	if code != want {
		w.t.Fatalf("%s %v in %s: exit %d, want %d\n%s", filepath.Base(w.cli), args, dir, code, want, out.String())
	}
	return out.String()
}

// applyAndExpectEmptyPlan applies dir, then checks that the next plan is empty.
func (w *workspace) applyAndExpectEmptyPlan(dir string) {
	w.t.Helper()
	w.run(dir, 0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.run(dir, 0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

// outputs returns the root module's outputs of dir: from its local state file when it has
// one (see localState), else from `output -json`.
func (w *workspace) outputs(dir string) map[string]any {
	w.t.Helper()
	values := map[string]any{}
	if raw, ok := w.localState(dir); ok {
		var st struct {
			Outputs map[string]struct {
				Value any `json:"value"`
			} `json:"outputs"`
		}
		if err := json.Unmarshal(raw, &st); err != nil {
			w.t.Fatalf("state of %s: %v", dir, err)
		}
		for k, v := range st.Outputs {
			values[k] = v.Value
		}
		return values
	}
	raw := w.run(dir, 0, "output", "-json")
	var outs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal([]byte(raw), &outs); err != nil {
		w.t.Fatalf("output -json: %v\n%s", err, raw)
	}
	for k, v := range outs {
		values[k] = v.Value
	}
	return values
}

// localState returns the state file of dir when the CLI keeps the state there: the default
// workspace of the local backend (no backend configured by init, no TF_WORKSPACE, no other
// workspace selected). Reading it is what `output -json` and `show -json` do, without a CLI
// run that starts the provider to print it.
func (w *workspace) localState(dir string) ([]byte, bool) {
	w.t.Helper()
	for _, e := range w.env {
		if strings.HasPrefix(e, "TF_WORKSPACE=") && e != "TF_WORKSPACE=" {
			return nil, false
		}
	}
	for _, f := range []string{".terraform/terraform.tfstate", ".terraform/environment"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return nil, false
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return nil, false
	}
	return raw, true
}

// snapshotState returns the local state file of dir (nil when there is none yet), for
// restoreState.
func (w *workspace) snapshotState(dir string) []byte {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil && !os.IsNotExist(err) {
		w.t.Fatal(err)
	}
	return raw
}

// restoreState puts a snapshot back: the state forgets what was imported since, as a
// `state rm` of it would, without a CLI run (the objects stay in the API).
func (w *workspace) restoreState(dir string, snap []byte) {
	w.t.Helper()
	if _, ok := w.localState(dir); !ok {
		w.t.Fatalf("%s has no local state to restore", dir)
	}
	file := filepath.Join(dir, "terraform.tfstate")
	var err error
	if snap == nil {
		err = os.Remove(file)
	} else {
		err = os.WriteFile(file, snap, 0o600)
	}
	if err != nil {
		w.t.Fatal(err)
	}
}

// forget removes root-module resources (type.name, every instance) from dir's local state
// file, as `state rm` does, without a CLI run: the objects stay in the API.
func (w *workspace) forget(dir string, addrs ...string) {
	w.t.Helper()
	raw, ok := w.localState(dir)
	if !ok {
		w.t.Fatalf("%s has no local state file", dir)
	}
	var st map[string]json.RawMessage
	var resources []map[string]any
	var serial int64
	if err := json.Unmarshal(raw, &st); err != nil {
		w.t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(st["resources"]))
	dec.UseNumber() // attributes keep their exact numbers
	if err := dec.Decode(&resources); err != nil {
		w.t.Fatal(err)
	}
	if err := json.Unmarshal(st["serial"], &serial); err != nil {
		w.t.Fatal(err)
	}
	for _, addr := range addrs {
		n := len(resources)
		resources = slices.DeleteFunc(resources, func(r map[string]any) bool {
			return r["mode"] == "managed" && r["module"] == nil && fmt.Sprint(r["type"], ".", r["name"]) == addr
		})
		if len(resources) == n {
			w.t.Fatalf("%s is not in the state of %s", addr, dir)
		}
	}
	var err error
	if st["resources"], err = json.Marshal(resources); err != nil {
		w.t.Fatal(err)
	}
	st["serial"], _ = json.Marshal(serial + 1)
	out, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfstate"), out, 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// stateResources returns the attributes of every resource instance in dir's local state file,
// by address (data sources as data.<type>.<name>, module instances with their module path).
// It reads the local state file (format 4, which holds sensitive values too) instead of
// running `show -json`.
func (w *workspace) stateResources(dir string) map[string]map[string]any {
	w.t.Helper()
	raw, ok := w.localState(dir)
	if !ok {
		w.t.Fatalf("%s has no local state file", dir)
	}
	var st struct {
		Version   int `json:"version"`
		Resources []struct {
			Module    string `json:"module"`
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				IndexKey   any            `json:"index_key"`
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil || st.Version != 4 {
		w.t.Fatalf("state of %s: version %d, %v", dir, st.Version, err)
	}
	out := map[string]map[string]any{}
	for _, r := range st.Resources {
		addr := r.Type + "." + r.Name
		if r.Mode == "data" {
			addr = "data." + addr
		}
		if r.Module != "" {
			addr = r.Module + "." + addr
		}
		for _, inst := range r.Instances {
			a := addr
			switch k := inst.IndexKey.(type) {
			case string:
				a += fmt.Sprintf("[%q]", k)
			case float64:
				a += fmt.Sprintf("[%d]", int(k))
			}
			out[a] = inst.Attributes
		}
	}
	return out
}

// stateValues returns the attributes of a resource address in the state of dir.
func (w *workspace) stateValues(dir, addr string) map[string]any {
	w.t.Helper()
	v, ok := w.stateResources(dir)[addr]
	if !ok {
		w.t.Fatalf("%s not in state of %s", addr, dir)
	}
	return v
}

// stateID returns the id attribute of a resource address in the state of dir.
func (w *workspace) stateID(dir, addr string) string {
	w.t.Helper()
	return fmt.Sprint(w.stateValues(dir, addr)["id"])
}

// readExample returns the text of a file under examples/.
func readExample(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(), "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// copyTree copies the folders examples/<rel> (every file, recursively) into one new directory,
// keeping their places relative to each other (so that "../modules/agency-client" resolves),
// and returns that directory.
func (w *workspace) copyTree(rels ...string) string {
	w.t.Helper()
	root := w.t.TempDir()
	for _, rel := range rels {
		src := filepath.Join(repoRoot(), "examples", rel)
		err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			r, _ := filepath.Rel(src, path)
			// Leftovers of a local run of the example never travel.
			if d.IsDir() && (d.Name() == ".terraform" || d.Name() == "logs") {
				return filepath.SkipDir
			}
			dst := filepath.Join(root, rel, r)
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			if strings.HasSuffix(d.Name(), ".tfstate") || strings.HasSuffix(d.Name(), ".tfplan") || d.Name() == ".terraform.lock.hcl" {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, info.Mode().Perm())
		})
		if err != nil {
			w.t.Fatalf("copy examples/%s: %v", rel, err)
		}
	}
	return root
}

// script runs an example's shell script in dir with the workspace's environment (and the
// CLI as TERRAFORM), fails the test unless it exits with want, and returns its combined output.
func (w *workspace) script(dir string, want int, script string, args ...string) string {
	w.t.Helper()
	cmd := exec.Command("bash", append([]string{script}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, w.env...), "TERRAFORM="+w.cli)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		w.t.Fatalf("%s: %v", script, err)
	}
	if code != want {
		w.t.Fatalf("%s %v in %s: exit %d, want %d\n%s", filepath.Base(script), args, dir, code, want, out.String())
	}
	return out.String()
}

// agencyOAuthEnv is the environment of the agency OAuth mode on env's emulator: the OAuth app's
// client ID and secret, and a file with the agency's refresh token (single-use: the provider
// rotates it in the file). No Private Integration Token and no default location.
func agencyOAuthEnv(t *testing.T, env *acctest.Env) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "refresh-token")
	if err := os.WriteFile(file, []byte(env.Bootstrap.OAuth.RefreshToken), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{
		"HIGHLEVEL_TOKEN=", "HIGHLEVEL_LOCATION_ID=",
		"HIGHLEVEL_OAUTH_CLIENT_ID=" + env.Bootstrap.OAuth.ClientID,
		"HIGHLEVEL_OAUTH_CLIENT_SECRET=" + env.Bootstrap.OAuth.ClientSecret,
		"HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE=" + file,
	}
}

// plannedChanges returns the resource changes of a saved plan other than no-ops (and reads),
// by address: the actions joined with "," (e.g. "create", "delete,create").
func (w *workspace) plannedChanges(dir, planFile string) map[string]string {
	w.t.Helper()
	raw := w.run(dir, 0, "show", "-json", planFile)
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(raw), &plan); err != nil {
		w.t.Fatalf("show -json %s: %v", planFile, err)
	}
	out := map[string]string{}
	for _, rc := range plan.ResourceChanges {
		a := strings.Join(rc.Change.Actions, ",")
		if a != "no-op" && a != "read" {
			out[rc.Address] = a
		}
	}
	return out
}
