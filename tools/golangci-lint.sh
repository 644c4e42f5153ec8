#!/usr/bin/env bash
# Builds golangci-lint, at the version pinned in tools/go.mod, into a cache outside the
# repository and prints the binary's path (on stdout; everything else goes to stderr). A cached
# binary is reused, never rebuilt: the cache key is the golangci-lint version and the Go version
# (golangci-lint must be built with a Go at least as new as the code it checks).
set -euo pipefail
# shellcheck source=progress.sh
. "$(dirname "$0")/progress.sh"
tools=$(cd "$(dirname "$0")" && pwd)

module=github.com/golangci/golangci-lint/v2
version=$(cd "$tools" && go list -m -f '{{.Version}}' "$module")
gover=$(go env GOVERSION)
cache="${HIGHLEVEL_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-highlevel}"
dest="$cache/golangci-lint-$version-$gover"
bin="$dest/golangci-lint"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

cat >&2 <<MSG
== building golangci-lint $version (pinned in tools/go.mod) with $gover
Once, into $dest (a few minutes on 2 cores; later runs of 'make lint' reuse it).
MSG
mkdir -p "$dest"
tmp="$bin.tmp.$$"
trap 'rm -f "$tmp"' EXIT
build() {
  (cd "$tools" && go build -trimpath \
    -ldflags "-X main.version=${version#v} -X main.commit=tools/go.mod -X main.date=n/a" \
    -o "$tmp" "$module/cmd/golangci-lint")
}
with_progress "building golangci-lint $version" build
mv "$tmp" "$bin"
"$bin" version >&2
echo "$bin"
