#!/usr/bin/env bash
# Builds OpenTofu from the Go module proxy into a cache outside the repository and prints
# the binary's path. A cached binary is reused, never rebuilt. Terraform >= 1.6 is not open
# source, so it is never downloaded; OpenTofu is the CLI a fresh machine gets.
set -euo pipefail

version="${OPENTOFU_VERSION:-1.12.6}"
cache="${HIGHLEVEL_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-highlevel}"
dest="$cache/opentofu-$version"
bin="$dest/tofu"

if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q "OpenTofu v$version\$"; then
  echo "$bin"
  exit 0
fi

mkdir -p "$dest"
echo "building OpenTofu $version from the module proxy into $dest (about 4 minutes on 2 cores)" >&2
dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@v$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "go mod download did not report a directory for opentofu v$version" >&2; exit 1; }
tmp="$bin.tmp.$$"
(cd "$dir" && GOFLAGS=-mod=mod go build -trimpath \
  -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$tmp" ./cmd/tofu)
mv "$tmp" "$bin"
"$bin" version >&2
echo "$bin"
