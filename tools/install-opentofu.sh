#!/usr/bin/env bash
# Builds OpenTofu from the Go module proxy into a cache outside the repository and prints
# the binary's path (on stdout; everything else goes to stderr). A cached binary is reused,
# never rebuilt. Terraform >= 1.6 is not open source, so it is never downloaded; OpenTofu is
# the CLI a fresh machine gets. find-cli.sh calls this only when no other CLI is available.
set -euo pipefail
# shellcheck source=progress.sh
. "$(dirname "$0")/progress.sh"

version="${OPENTOFU_VERSION:-1.12.6}"
cache="${HIGHLEVEL_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-highlevel}"
dest="$cache/opentofu-$version"
bin="$dest/tofu"

if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q "OpenTofu v$version\$"; then
  echo "$bin"
  exit 0
fi

if [ -n "${FORCE_OPENTOFU:-}" ]; then
  why="FORCE_OPENTOFU is set (the OpenTofu run of the tests), and $bin is not built yet."
else
  why="No Terraform or OpenTofu CLI was found: TF_ACC_TERRAFORM_PATH is not set, there is no
terraform on PATH, and $bin is not built yet."
fi
cat >&2 <<MSG
== building OpenTofu $version
$why
Terraform >= 1.6 is not open source, so it is never downloaded; OpenTofu is built from the Go
module proxy instead, once, into $dest
(about 4 minutes on 2 cores; later runs reuse it). To skip this, stop it (Ctrl-C) and either
install Terraform or OpenTofu and put it on PATH as 'terraform', or point TF_ACC_TERRAFORM_PATH at
a terraform or tofu binary (e.g. TF_ACC_TERRAFORM_PATH=\$(command -v tofu) make quickstart).
MSG

mkdir -p "$dest"
json="$dest/download.json.$$"
trap 'rm -f "$json" "$bin.tmp.$$"' EXIT
with_progress "downloading the OpenTofu $version source" \
  env GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@v$version" >"$json"
dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$json")
[ -n "$dir" ] || { echo "go mod download did not report a directory for opentofu v$version:" >&2; cat "$json" >&2; exit 1; }
tmp="$bin.tmp.$$"
build() {
  (cd "$dir" && GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$tmp" ./cmd/tofu)
}
with_progress "building OpenTofu $version (go build, about 4 minutes on 2 cores)" build
mv "$tmp" "$bin"
"$bin" version >&2
echo "$bin"
