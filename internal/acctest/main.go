// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Main is the TestMain of every package with acceptance tests. With TF_ACC set it picks the
// CLI, gives the CLI a configuration file of its own (never the user's), runs the tests and
// stops the shared emulator.
func Main(m *testing.M) {
	code := func() int {
		if os.Getenv("TF_ACC") == "" {
			return m.Run()
		}
		cli, err := findCLI()
		if err != nil {
			fmt.Fprintln(os.Stderr, "acctest:", err)
			return 1
		}
		dir, err := os.MkdirTemp("", "highlevel-acctest-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "acctest:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		cfg := filepath.Join(dir, "cli.tfrc")
		if err := os.WriteFile(cfg, []byte("# written by internal/acctest: no overrides\n"), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, "acctest:", err)
			return 1
		}
		os.Setenv("TF_CLI_CONFIG_FILE", cfg)
		os.Setenv("TF_ACC_TERRAFORM_PATH", cli)
		if isOpenTofu(cli) && os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
			// OpenTofu's default registry is another host; the test reattach must use it.
			os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
		}
		tuneCLIRuntime()
		defer stopShared()
		return m.Run()
	}()
	os.Exit(code)
}

// tuneCLIRuntime sets the Go runtime of the CLI processes the tests start (they inherit the
// environment; this process is already running and is not affected). Nearly all the CPU of the
// acceptance suite is spent in those short-lived CLI processes, several at a time: with one
// thread each and a collection every 4× growth of the heap instead of 2×, they spend about 18%
// less CPU (measured on TestAccAgent_drift: 30.7 → 25.2 CPU-seconds) and no more wall time.
// A value the user set is kept.
func tuneCLIRuntime() {
	for name, value := range map[string]string{"GOMAXPROCS": "1", "GOGC": "400"} {
		if _, set := os.LookupEnv(name); !set {
			os.Setenv(name, value)
		}
	}
}
