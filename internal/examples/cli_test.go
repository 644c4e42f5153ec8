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
func repoRoot(t *testing.T) string {
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
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build provider: %v\n%s", err, out)
	}
	rc := filepath.Join(t.TempDir(), "cli.tfrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "ghl-iac/highlevel"   = %q
    "hashicorp/highlevel" = %q
  }
  direct {}
}
`, bin, bin)
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
	src := filepath.Join(repoRoot(w.t), "examples", rel)
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
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
