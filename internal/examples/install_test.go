// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package examples_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

// TestAccInstallFromMirror is `make install` followed as a user would: tools/install.sh runs
// the release build for this platform (the artifacts of .goreleaser.yml, built by
// tools/release with go build), installs the zip into a fresh filesystem mirror for both
// registries and writes a CLI configuration. The test checks the artifacts (zip name and
// content, SHA256SUMS, manifest), then, on Terraform and on OpenTofu, runs init (the provider
// comes from the mirror: no dev_overrides, no network), apply, and examples/ci/drift-check.sh,
// which runs init itself and then the empty plan (`plan -detailed-exitcode`, "no drift"),
// against the emulator.
//
// The CLIs: the one the suite runs on (TF_ACC_TERRAFORM_PATH), terraform on PATH, and
// OpenTofu from TF_ACC_TOFU_PATH, the binary tools/install-opentofu.sh caches, or tofu on
// PATH. A CLI that is not there is not built for this test: the log says which ran.
func TestAccInstallFromMirror(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the CLI; set TF_ACC=1 (make test does)")
	}
	t.Parallel()
	const version = "0.1.0"
	const name = "terraform-provider-highlevel"
	platform := runtime.GOOS + "_" + runtime.GOARCH
	tmp := t.TempDir()
	dist, installDir := filepath.Join(tmp, "dist"), filepath.Join(tmp, "install")

	t.Log("tools/install.sh: release build for " + platform + ", install into a fresh mirror")
	cmd := exec.Command(filepath.Join(repoRoot(), "tools", "install.sh"))
	cmd.Env = append(os.Environ(), "VERSION="+version, "DIST="+dist, "INSTALL_DIR="+installDir,
		"TF_CLI_CONFIG_FILE=/nonexistent/user-config")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tools/install.sh: %v\n%s", err, out)
	}
	rc := filepath.Join(installDir, "cli.tfrc")
	if !strings.Contains(string(out), "export TF_CLI_CONFIG_FILE="+rc) {
		t.Fatalf("install.sh does not print the CLI configuration to export:\n%s", out)
	}

	// The release artifacts, as goreleaser names them.
	zipName := name + "_" + version + "_" + platform + ".zip"
	manifest := name + "_" + version + "_manifest.json"
	sums, err := os.ReadFile(filepath.Join(dist, name+"_"+version+"_SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, file, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not 'SUM  FILE'", line)
		}
		b, err := os.ReadFile(filepath.Join(dist, file))
		if err != nil {
			t.Fatalf("SHA256SUMS lists %s: %v", file, err)
		}
		if h := sha256.Sum256(b); hex.EncodeToString(h[:]) != sum {
			t.Fatalf("SHA256SUMS: %s does not match", file)
		}
		listed[file] = true
	}
	if !listed[zipName] || !listed[manifest] || len(listed) != 2 {
		t.Fatalf("SHA256SUMS lists %v, want %s and %s", listed, zipName, manifest)
	}
	wantManifest, _ := os.ReadFile(filepath.Join(repoRoot(), "terraform-registry-manifest.json"))
	if got, _ := os.ReadFile(filepath.Join(dist, manifest)); !bytes.Equal(got, wantManifest) {
		t.Fatalf("%s differs from terraform-registry-manifest.json", manifest)
	}
	zr, err := zip.OpenReader(filepath.Join(dist, zipName))
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, f := range zr.File {
		entries = append(entries, f.Name)
	}
	zr.Close()
	for _, want := range []string{name + "_v" + version, "LICENSE"} {
		if !strings.Contains(" "+strings.Join(entries, " ")+" ", " "+want+" ") {
			t.Fatalf("%s holds %v, want %s", zipName, entries, want)
		}
	}

	// The mirror: packed and unpacked, for both registries' namespaces.
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		base := filepath.Join(installDir, "mirror", host, "ghl-iac", "highlevel")
		for _, p := range []string{zipName, filepath.Join(version, platform, name+"_v"+version)} {
			if _, err := os.Stat(filepath.Join(base, p)); err != nil {
				t.Fatalf("mirror: %v", err)
			}
		}
	}
	config, _ := os.ReadFile(rc)
	if strings.Contains(string(config), "dev_overrides") {
		t.Fatalf("the CLI configuration must not use dev_overrides:\n%s", config)
	}

	clis := installTestCLIs(t)
	for _, cli := range clis {
		t.Run(filepath.Base(cli), func(t *testing.T) {
			env := acctest.Shared(t)
			dir := t.TempDir()
			b, err := os.ReadFile(filepath.Join(repoRoot(), "examples", "quickstart", "main.tf"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), b, 0o600); err != nil {
				t.Fatal(err)
			}
			runEnv := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1",
				"HIGHLEVEL_BASE_URL="+env.BaseURL, "HIGHLEVEL_TOKEN="+env.Token, "HIGHLEVEL_LOCATION_ID="+env.LocationID)
			runCLI := func(want int, args ...string) string {
				t.Helper()
				cmd := exec.Command(cli, args...)
				cmd.Dir, cmd.Env = dir, runEnv
				out, err := cmd.CombinedOutput()
				if code := exitCode(err); code != want {
					t.Fatalf("%s %v: exit %d (%v), want %d\n%s", filepath.Base(cli), args, code, err, want, out)
				}
				return string(out)
			}
			out := runCLI(0, "init", "-input=false", "-no-color")
			if !strings.Contains(out, "Installing ghl-iac/highlevel v"+version) {
				t.Fatalf("init did not install ghl-iac/highlevel %s from the mirror:\n%s", version, out)
			}
			host := "registry.terraform.io"
			if isTofu(cli) {
				host = "registry.opentofu.org"
			}
			lock, _ := os.ReadFile(filepath.Join(dir, ".terraform.lock.hcl"))
			if !strings.Contains(string(lock), `provider "`+host+`/ghl-iac/highlevel"`) || !strings.Contains(string(lock), `"`+version+`"`) {
				t.Fatalf("lock file does not record %s/ghl-iac/highlevel %s:\n%s", host, version, lock)
			}
			runCLI(0, "apply", "-auto-approve", "-input=false", "-no-color")

			// drift-check.sh initialises the directory itself (it failed with "could not
			// connect to registry.opentofu.org" when the mirror served only Terraform's host).
			drift := exec.Command("bash", filepath.Join(repoRoot(), "examples", "ci", "drift-check.sh"), dir)
			drift.Env = append(append([]string{}, runEnv...), "TERRAFORM="+cli, "DRIFT_OUT_DIR="+t.TempDir())
			if out, err := drift.CombinedOutput(); err != nil || !strings.Contains(string(out), "no drift") {
				t.Fatalf("drift-check.sh: %v\n%s", err, out)
			}
			runCLI(0, "destroy", "-auto-approve", "-input=false", "-no-color")
		})
	}
}

// installTestCLIs returns the CLIs the install test runs on, and logs which ones it found.
func installTestCLIs(t *testing.T) []string {
	t.Helper()
	var clis []string
	add := func(p string) {
		if p == "" {
			return
		}
		if abs, err := filepath.EvalSymlinks(p); err == nil {
			for _, c := range clis {
				if c2, _ := filepath.EvalSymlinks(c); c2 == abs {
					return
				}
			}
		}
		if _, err := os.Stat(p); err == nil {
			clis = append(clis, p)
		}
	}
	add(os.Getenv("TF_ACC_TERRAFORM_PATH"))
	if p, err := exec.LookPath("terraform"); err == nil {
		add(p)
	}
	tofu := os.Getenv("TF_ACC_TOFU_PATH")
	if tofu == "" {
		cache := os.Getenv("HIGHLEVEL_TOOLS_CACHE")
		if cache == "" {
			if dir, err := os.UserCacheDir(); err == nil {
				cache = filepath.Join(dir, "terraform-provider-highlevel")
			}
		}
		if p := filepath.Join(cache, "opentofu-"+acctest.OpenTofuVersion, "tofu"); cache != "" {
			if _, err := os.Stat(p); err == nil {
				tofu = p
			}
		}
	}
	if tofu == "" {
		if p, err := exec.LookPath("tofu"); err == nil {
			tofu = p
		}
	}
	add(tofu)
	var hasTF, hasTofu bool
	for _, c := range clis {
		if isTofu(c) {
			hasTofu = true
		} else {
			hasTF = true
		}
	}
	switch {
	case hasTF && hasTofu:
		t.Logf("running on Terraform and OpenTofu: %v", clis)
	case hasTofu:
		t.Logf("running on OpenTofu only (%v): no Terraform CLI on this machine (TF_ACC_TERRAFORM_PATH or terraform on PATH)", clis)
	default:
		t.Logf("running on Terraform only (%v): no OpenTofu found (TF_ACC_TOFU_PATH, FORCE_OPENTOFU=1 tools/find-cli.sh builds the cached one, or tofu on PATH); the OpenTofu half of this test did NOT run", clis)
	}
	return clis
}

// isTofu reports whether the CLI at path is OpenTofu, by its name (as internal/acctest does).
func isTofu(path string) bool { return strings.HasPrefix(filepath.Base(path), "tofu") }
