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
		defer stopShared()
		return m.Run()
	}()
	os.Exit(code)
}
