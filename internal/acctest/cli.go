// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// OpenTofuVersion is the OpenTofu release tools/install-opentofu.sh builds.
const OpenTofuVersion = "1.12.6"

// findCLI returns the CLI acceptance tests drive, in the order of DESIGN.md "Tests":
// TF_ACC_TERRAFORM_PATH, then terraform on PATH, then the OpenTofu that
// tools/install-opentofu.sh built into its cache.
func findCLI() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("terraform"); err == nil {
		return p, nil
	}
	cache := os.Getenv("HIGHLEVEL_TOOLS_CACHE")
	if cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		cache = filepath.Join(dir, "terraform-provider-highlevel")
	}
	tofu := filepath.Join(cache, "opentofu-"+OpenTofuVersion, "tofu")
	if _, err := os.Stat(tofu); err == nil {
		return tofu, nil
	}
	return "", fmt.Errorf("no Terraform or OpenTofu CLI found: set TF_ACC_TERRAFORM_PATH, put terraform on PATH, " +
		"or build OpenTofu with tools/install-opentofu.sh (make test does this for you)")
}

// isOpenTofu reports whether the CLI at path is OpenTofu, judged by its name.
func isOpenTofu(path string) bool {
	return strings.HasPrefix(filepath.Base(path), "tofu")
}
