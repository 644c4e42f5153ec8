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
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// repoRoot is the repository's top directory.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
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
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-highlevel"), ".")
	build.Dir = repoRoot()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build provider: %v\n%s", err, out)
	}
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

// outputs returns the root module's outputs of dir.
func (w *workspace) outputs(dir string) map[string]any {
	w.t.Helper()
	raw := w.run(dir, 0, "output", "-json")
	var outs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal([]byte(raw), &outs); err != nil {
		w.t.Fatalf("output -json: %v\n%s", err, raw)
	}
	values := map[string]any{}
	for k, v := range outs {
		values[k] = v.Value
	}
	return values
}

// stateID returns the id attribute of a resource address from `state show`-free JSON state.
func (w *workspace) stateID(dir, addr string) string {
	w.t.Helper()
	raw := w.run(dir, 0, "show", "-json")
	var st struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		w.t.Fatalf("show -json: %v", err)
	}
	for _, r := range st.Values.RootModule.Resources {
		if r.Address == addr {
			return fmt.Sprint(r.Values["id"])
		}
	}
	w.t.Fatalf("%s not in state of %s", addr, dir)
	return ""
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
