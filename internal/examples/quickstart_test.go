// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAccQuickstartScript runs `make quickstart`'s script as a new user would: the first run
// starts the emulator, installs the provider from its release zip into a mirror of its own,
// creates the working folder from examples/quickstart, applies it and requires an empty
// second plan. The user then edits the working folder: the next run keeps the edit, shows its
// plan and applies nothing; the user applies it with the wrapper the script printed, and the
// run after that finds nothing to do. `make quickstart-reset` finally stops the emulator and
// deletes everything.
func TestAccQuickstartScript(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the CLI; set TF_ACC=1 (make test does)")
	}
	t.Parallel()
	dir := t.TempDir()
	script := filepath.Join(repoRoot(), "tools", "quickstart.sh")
	env := append(os.Environ(), "HIGHLEVEL_QUICKSTART_DIR="+dir, "TF_CLI_CONFIG_FILE=/nonexistent/user-config")
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Env = env
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	emulatorPID := func() int {
		b, err := os.ReadFile(filepath.Join(dir, "emulator.pid"))
		if err != nil {
			return 0
		}
		n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		return n
	}
	var pid int
	t.Cleanup(func() {
		if pid > 0 && syscall.Kill(pid, 0) == nil {
			_ = syscall.Kill(pid, syscall.SIGTERM)
			// Wait for it to exit before the temporary directory is removed.
			for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
				time.Sleep(50 * time.Millisecond)
			}
		}
	})
	requireOutput := func(out string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Fatalf("quickstart output lacks %q:\n%s", want, out)
			}
		}
	}
	work := filepath.Join(dir, "work")
	mainTF := filepath.Join(work, "main.tf")

	// First run: the untouched example is applied.
	t.Log("first run of tools/quickstart.sh: install, emulator, apply of the example")
	out, err := run(script)
	pid = emulatorPID()
	if err != nil {
		t.Fatalf("quickstart failed: %v\n%s", err, out)
	}
	requireOutput(out, "Apply complete! Resources: 1 added", "No changes.",
		"source "+dir+"/env.sh", "cd "+work+" && ../tf plan",
		"Stop the emulator with:  kill $(cat "+dir+"/emulator.pid)", "make quickstart-reset")
	for _, f := range []string{"tf", "env.sh", "install/cli.tfrc"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("the quickstart did not write %s: %v", f, err)
		}
	}
	rc, _ := os.ReadFile(filepath.Join(dir, "install", "cli.tfrc"))
	if strings.Contains(string(rc), "dev_overrides") || !strings.Contains(string(rc), "filesystem_mirror") {
		t.Fatalf("the quickstart's CLI configuration should install from a mirror, without dev_overrides:\n%s", rc)
	}

	// The user edits the working folder; the next run keeps the edit and only plans it.
	b, err := os.ReadFile(mainTF)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "wait_time      = 30", "wait_time      = 45", 1)
	if edited == string(b) {
		t.Fatal("examples/quickstart/main.tf no longer sets wait_time = 30; update this test")
	}
	if err := os.WriteFile(mainTF, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Log("second run after an edit: the plan is shown, nothing applied, the edit kept")
	out, err = run(script)
	if err != nil {
		t.Fatalf("quickstart after an edit failed: %v\n%s", err, out)
	}
	requireOutput(out, "left as it is", "0 to add, 1 to change, 0 to destroy", "NOT applied")
	if strings.Contains(out, "Apply complete") {
		t.Fatalf("the quickstart applied the user's edit:\n%s", out)
	}
	if b, _ := os.ReadFile(mainTF); string(b) != edited {
		t.Fatalf("the quickstart changed the working folder's main.tf:\n%s", b)
	}
	// The user applies it with the printed wrapper: the emulator still had the old value, so
	// the apply changes exactly the edited agent. The next run has nothing to do and keeps
	// the edit.
	wrapper := filepath.Join(dir, "tf")
	cmd := exec.Command(wrapper, "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir, cmd.Env = work, env
	if o, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(o), "Resources: 0 added, 1 changed, 0 destroyed") {
		t.Fatalf("%s apply after the edit: %v, want the one change applied\n%s", wrapper, err, o)
	}
	t.Log("third run after the user's apply: nothing to do")
	out, err = run(script)
	if err != nil {
		t.Fatalf("quickstart after the user's apply failed: %v\n%s", err, out)
	}
	requireOutput(out, "the emulator is already running", "No changes.", "nothing to apply")
	if b, _ := os.ReadFile(mainTF); string(b) != edited {
		t.Fatalf("the quickstart changed the working folder's main.tf:\n%s", b)
	}

	// make quickstart-reset: the emulator stops and the folder goes.
	out, err = run(script, "--reset")
	if err != nil {
		t.Fatalf("quickstart --reset failed: %v\n%s", err, out)
	}
	// Poll for the process to exit (the event); the minute is a safety net for a loaded machine.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && syscall.Kill(pid, 0) == nil; {
		time.Sleep(50 * time.Millisecond)
	}
	if syscall.Kill(pid, 0) == nil {
		t.Fatalf("the emulator (pid %d) still runs after --reset", pid)
	}
	if _, err := os.Stat(work); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the working folder survived --reset: %v", err)
	}
}

// exitCode is the exit code of a command's error (0 for nil, -1 when it did not run).
func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
