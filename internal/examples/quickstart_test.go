package examples_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAccQuickstartScript runs `make quickstart`'s script as a new user would: it starts the
// emulator, builds and installs the provider through a CLI configuration of its own, applies
// examples/quickstart and requires an empty second plan. The test then stops the emulator the
// way the script tells the user to.
func TestAccQuickstartScript(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the CLI; set TF_ACC=1 (make test does)")
	}
	t.Parallel()
	dir := t.TempDir()
	cmd := exec.Command(filepath.Join(repoRoot(t), "tools", "quickstart.sh"))
	cmd.Env = append(os.Environ(), "HIGHLEVEL_QUICKSTART_DIR="+dir, "TF_CLI_CONFIG_FILE=/nonexistent/user-config")
	out, err := cmd.CombinedOutput()
	t.Cleanup(func() {
		if pid, err := os.ReadFile(filepath.Join(dir, "emulator.pid")); err == nil {
			if n, err := strconv.Atoi(strings.TrimSpace(string(pid))); err == nil {
				_ = syscall.Kill(n, syscall.SIGTERM)
				// Wait for it to exit before the temporary directory is removed.
				for i := 0; i < 100 && syscall.Kill(n, 0) == nil; i++ {
					time.Sleep(50 * time.Millisecond)
				}
			}
		}
	})
	if err != nil {
		t.Fatalf("quickstart failed: %v\n%s", err, out)
	}
	for _, want := range []string{"No changes.", "Stop the emulator with:  kill $(cat " + dir + "/emulator.pid)"} {
		if !strings.Contains(string(out), want) {
			t.Fatalf("quickstart output lacks %q:\n%s", want, out)
		}
	}
}
