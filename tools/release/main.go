// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command release builds the provider's release artifacts the way .goreleaser.yml does, with
// nothing but the Go toolchain: for each target a zip named
// terraform-provider-highlevel_VERSION_OS_ARCH.zip holding terraform-provider-highlevel_vVERSION
// (plus LICENSE, README.md and CHANGELOG.md), the registry manifest as
// terraform-provider-highlevel_VERSION_manifest.json, and terraform-provider-highlevel_VERSION_SHA256SUMS
// over all of them. With -mirror it then installs the zips into a filesystem mirror for both
// registry.terraform.io and registry.opentofu.org (packed zip and unpacked directory), and with
// -cli-config it writes a CLI configuration that installs ghl-iac/highlevel from that mirror.
//
// Builds are reproducible (-trimpath, no VCS stamp, fixed zip times), so reinstalling the same
// source gives the same package checksums and an existing .terraform.lock.hcl stays valid.
//
//	go run ./release -version 0.1.0 -dist ../dist -targets host -mirror DIR -cli-config FILE
package main

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

const name = "terraform-provider-highlevel"

// matrix is the targets of .goreleaser.yml (the HashiCorp provider scaffolding's): every
// combination of these systems and architectures but darwin/386 and darwin/arm.
var (
	systems = []string{"darwin", "freebsd", "linux", "windows"}
	arches  = []string{"386", "amd64", "arm", "arm64"}
)

// hosts are the registries whose namespace the mirror serves: Terraform resolves
// "ghl-iac/highlevel" to the first, OpenTofu to the second.
var hosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// zipTime is the modification time of every file in the zips (reproducible archives).
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	version := flag.String("version", "", "release version, semver without a leading v (required)")
	root := flag.String("root", "..", "the provider's repository")
	dist := flag.String("dist", "../dist", "output directory (emptied first)")
	targets := flag.String("targets", "host", `"host", "all" (the goreleaser matrix) or a comma-separated list of OS_ARCH`)
	mirror := flag.String("mirror", "", "install the built zips into this filesystem mirror")
	cliConfig := flag.String("cli-config", "", "write a CLI configuration using -mirror to this file")
	flag.Parse()
	if err := run(*version, *root, *dist, *targets, *mirror, *cliConfig); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(version, root, dist, targets, mirror, cliConfig string) error {
	version = strings.TrimPrefix(version, "v")
	if version == "" {
		return fmt.Errorf("-version is required")
	}
	if cliConfig != "" && mirror == "" {
		return fmt.Errorf("-cli-config needs -mirror")
	}
	var err error
	if root, err = filepath.Abs(root); err != nil {
		return err
	}
	if dist, err = filepath.Abs(dist); err != nil {
		return err
	}
	platforms, err := platformList(targets)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dist); err != nil {
		return err
	}
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return err
	}
	var artifacts []string
	for _, p := range platforms {
		start := time.Now()
		zipName, err := buildZip(root, dist, version, p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		fmt.Fprintf(os.Stderr, "built %s (%.1fs)\n", filepath.Join(dist, zipName), time.Since(start).Seconds())
		artifacts = append(artifacts, zipName)
	}
	manifest := fmt.Sprintf("%s_%s_manifest.json", name, version)
	if err := copyFile(filepath.Join(root, "terraform-registry-manifest.json"), filepath.Join(dist, manifest)); err != nil {
		return err
	}
	artifacts = append(artifacts, manifest)
	sort.Strings(artifacts)
	var sums strings.Builder
	for _, a := range artifacts {
		sum, err := sha256File(filepath.Join(dist, a))
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%s  %s\n", sum, a)
	}
	sumsFile := filepath.Join(dist, fmt.Sprintf("%s_%s_SHA256SUMS", name, version))
	if err := os.WriteFile(sumsFile, []byte(sums.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", sumsFile)
	if mirror == "" {
		return nil
	}
	if mirror, err = filepath.Abs(mirror); err != nil {
		return err
	}
	for _, p := range platforms {
		if err := install(dist, mirror, version, p); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "installed %s %s into the filesystem mirror %s (%s)\n", name, version, mirror, strings.Join(hosts, ", "))
	if cliConfig == "" {
		return nil
	}
	return writeCLIConfig(cliConfig, mirror)
}

func platformList(targets string) ([]string, error) {
	switch targets {
	case "host":
		return []string{runtime.GOOS + "_" + runtime.GOARCH}, nil
	case "all":
		var all []string
		for _, o := range systems {
			for _, a := range arches {
				if o == "darwin" && (a == "386" || a == "arm") {
					continue
				}
				all = append(all, o+"_"+a)
			}
		}
		return all, nil
	}
	var list []string
	for _, p := range strings.Split(targets, ",") {
		if o, a, ok := strings.Cut(strings.TrimSpace(p), "_"); !ok || o == "" || a == "" {
			return nil, fmt.Errorf("target %q is not OS_ARCH", p)
		}
		list = append(list, strings.TrimSpace(p))
	}
	return list, nil
}

// buildZip builds the provider for platform p and packs it as goreleaser does.
func buildZip(root, dist, version, p string) (string, error) {
	goos, goarch, _ := strings.Cut(p, "_")
	bin := fmt.Sprintf("%s_v%s", name, version)
	if goos == "windows" {
		bin += ".exe"
	}
	tmp, err := os.MkdirTemp(dist, ".build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false",
		"-ldflags", "-s -w -X main.version="+version, "-o", filepath.Join(tmp, bin), ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch, "GOFLAGS=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	zipName := fmt.Sprintf("%s_%s_%s.zip", name, version, p)
	f, err := os.Create(filepath.Join(dist, zipName))
	if err != nil {
		return "", err
	}
	zw := zip.NewWriter(f)
	files := []struct{ src, name string }{{filepath.Join(tmp, bin), bin}}
	for _, extra := range []string{"CHANGELOG.md", "LICENSE", "README.md"} {
		if _, err := os.Stat(filepath.Join(root, extra)); err == nil {
			files = append(files, struct{ src, name string }{filepath.Join(root, extra), extra})
		}
	}
	for _, file := range files {
		if err := addToZip(zw, file.src, file.name); err != nil {
			f.Close()
			return "", err
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return "", err
	}
	return zipName, f.Close()
}

func addToZip(zw *zip.Writer, src, name string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	h, err := zip.FileInfoHeader(info)
	if err != nil {
		return err
	}
	h.Name, h.Method, h.Modified = name, zip.Deflate, zipTime
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(w, in)
	return err
}

// install puts the zip of platform p into the mirror for every host, both packed
// (HOST/ghl-iac/highlevel/NAME_VERSION_OS_ARCH.zip) and unpacked
// (HOST/ghl-iac/highlevel/VERSION/OS_ARCH/), with the same files, so the package checksum
// ("h1:") is the same whichever one the CLI picks.
func install(dist, mirror, version, p string) error {
	zipName := fmt.Sprintf("%s_%s_%s.zip", name, version, p)
	for _, host := range hosts {
		base := filepath.Join(mirror, host, "ghl-iac", "highlevel")
		unpacked := filepath.Join(base, version, p)
		if err := os.RemoveAll(unpacked); err != nil {
			return err
		}
		if err := os.MkdirAll(unpacked, 0o755); err != nil {
			return err
		}
		if err := copyFile(filepath.Join(dist, zipName), filepath.Join(base, zipName)); err != nil {
			return err
		}
		if err := unzip(filepath.Join(dist, zipName), unpacked); err != nil {
			return err
		}
	}
	return nil
}

func unzip(src, dir string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.Contains(f.Name, "..") || strings.ContainsAny(f.Name, `/\`) {
			return fmt.Errorf("%s: unexpected entry %q", src, f.Name)
		}
		in, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.OpenFile(filepath.Join(dir, f.Name), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, f.Mode().Perm()|0o600)
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func writeCLIConfig(file, mirror string) error {
	var includes []string
	for _, h := range hosts {
		includes = append(includes, fmt.Sprintf("%q", h+"/ghl-iac/highlevel"))
	}
	list := strings.Join(includes, ", ")
	config := fmt.Sprintf(`# Written by 'make install' (tools/install.sh). Use it with
#   export TF_CLI_CONFIG_FILE=%s
# ghl-iac/highlevel comes from the local filesystem mirror below, for Terraform
# (registry.terraform.io) and OpenTofu (registry.opentofu.org); every other provider from its
# registry as usual. To use your own CLI configuration instead, copy this block into it.
provider_installation {
  filesystem_mirror {
    path    = %q
    include = [%s]
  }
  direct {
    exclude = [%s]
  }
}
`, file, mirror, list, list)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(file, []byte(config), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote the CLI configuration %s\n", file)
	return nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
