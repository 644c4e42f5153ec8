#!/usr/bin/env bash
# Checks that every Go file of the repository (tracked, or new and not ignored) starts with the
# copyright and license header, as HashiCorp's providers do:
#
#   // Copyright (c) ghl-iac contributors
#   // SPDX-License-Identifier: MPL-2.0
#   <blank line>
#
# Lists the files without it and fails. With -fix, adds the header (then a blank line) to them
# instead, above everything else (a package comment or a //go:build line stays valid below it).
# Files given as arguments (paths from the repository root) are the only ones checked or fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

line1='// Copyright (c) ghl-iac contributors'
line2='// SPDX-License-Identifier: MPL-2.0'
fix=
if [ "${1:-}" = -fix ]; then
  fix=1
  shift
fi
case "${1:-}" in -*) echo "usage: $0 [-fix] [file.go...]" >&2; exit 2 ;; esac

files() {
  if [ "$#" -gt 0 ]; then
    printf '%s\n' "$@"
  else
    git ls-files --cached --others --exclude-standard -- '*.go'
  fi
}

has_header() {
  [ "$(sed -n 1p "$1")" = "$line1" ] && [ "$(sed -n 2p "$1")" = "$line2" ] && [ -z "$(sed -n 3p "$1")" ]
}

missing=()
while IFS= read -r f; do
  [ -f "$f" ] || continue # deleted in the work tree
  has_header "$f" && continue
  if [ -n "$fix" ]; then
    if [ "$(sed -n 1p "$f")" = "$line1" ] || [ "$(sed -n 2p "$f")" = "$line2" ]; then
      echo "$f: has part of the header; fix it by hand" >&2
      missing+=("$f")
      continue
    fi
    { printf '%s\n%s\n\n' "$line1" "$line2"; cat "$f"; } >"$f.spdx.tmp"
    cat "$f.spdx.tmp" >"$f" # keeps the file's mode
    rm -f "$f.spdx.tmp"
    echo "added the header to $f"
  else
    missing+=("$f")
  fi
done < <(files "$@")

if [ "${#missing[@]}" -gt 0 ]; then
  printf '%s\n' "${missing[@]}"
  echo "${#missing[@]} Go file(s) above lack the header ('$line1', '$line2', then a blank line): run tools/spdx.sh -fix" >&2
  exit 1
fi
