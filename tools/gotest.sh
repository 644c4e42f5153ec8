#!/usr/bin/env bash
# make test, testunit, testacc-tofu: `go test -json ARGS` through tools/gotestfmt, which prints
# one line per package (start, result, time), the output of failed tests, and every 30 s what is
# still running (GOTEST_INTERVAL; GOTEST_VERBOSE=1 prints every test's result). The exit code
# is go test's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin/gotestfmt"
(cd "$root/tools" && go build -o "$bin" ./gotestfmt)
args=(-interval "${GOTEST_INTERVAL:-30s}")
[ -n "${GOTEST_VERBOSE:-}" ] && args+=(-v)
go test -json "$@" 2>&1 | "$bin" "${args[@]}"
