#!/usr/bin/env bash
# Compliance export of one client location's messages for a period, with highlevel-export.
#
#   audit-export.sh START END [DIR]
#
# START and END are RFC 3339 bounds (inclusive), e.g. 2026-01-01T00:00:00Z 2026-01-31T23:59:59.999Z.
# DIR (default ./audit) receives LOCATION_START_END.jsonl, its cursor file and a SHA-256 sum.
# Credentials come from the environment: HIGHLEVEL_TOKEN and HIGHLEVEL_LOCATION_ID
# (HIGHLEVEL_BASE_URL to use the emulator). HIGHLEVEL_EXPORT names the binary if it is not on PATH.
#
# Safe to rerun: an interrupted export (killed job, lost runner, Ctrl-C) resumes where it
# stopped without duplicates; a complete one is left as it is.
set -euo pipefail

start=${1:?usage: audit-export.sh START END [DIR]}
end=${2:?usage: audit-export.sh START END [DIR]}
dir=${3:-audit}
: "${HIGHLEVEL_TOKEN:?set HIGHLEVEL_TOKEN}"
: "${HIGHLEVEL_LOCATION_ID:?set HIGHLEVEL_LOCATION_ID}"
export_bin=${HIGHLEVEL_EXPORT:-highlevel-export}

mkdir -p "$dir"
file="$dir/${HIGHLEVEL_LOCATION_ID}_${start%%T*}_${end%%T*}.jsonl"

# Every channel (e-mail included), each AI answer with its generation (agent, intent,
# knowledge used, actions taken).
"$export_bin" -start "$start" -end "$end" -generations -output "$file"

# A checksum the auditor can verify the file against.
if command -v sha256sum >/dev/null; then
  sha256sum "$file" >"$file.sha256"
else
  shasum -a 256 "$file" >"$file.sha256"
fi
echo "audit export: $file ($(wc -l <"$file" | tr -d ' ') messages)"
