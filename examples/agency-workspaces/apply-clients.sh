#!/usr/bin/env bash
# apply-clients.sh — apply (or destroy) client workspaces in parallel processes.
#
# Usage:  apply-clients.sh [-j N] [-d] CLIENT...
#   CLIENT  a client's key in the clients file; its workspace is created when missing
#   -j N    at most N processes at once (default 4)
#   -d      destroy the clients' objects instead, then delete their workspaces (offboarding)
#
# Each client runs `terraform apply` in a process of its own, in its workspace (TF_WORKSPACE),
# against the pg backend (PG_CONN_STR). The backend's advisory locks keep two runs off one
# workspace; every run waits up to LOCK_TIMEOUT (default 5m) for a lock held by someone else.
#
# Agency OAuth refresh tokens are single-use, so parallel processes cannot each refresh the
# same one. With HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE set, the script refreshes it once (writing
# the new refresh token back to the file) and gives every process the agency access token
# (HIGHLEVEL_OAUTH_ACCESS_TOKEN, HIGHLEVEL_COMPANY_ID) instead. Needs curl and jq for that.
#
# Environment: TERRAFORM (default terraform), PG_CONN_STR, HIGHLEVEL_* credentials,
# HIGHLEVEL_BASE_URL (the emulator, if any), LOG_DIR (default: a new temporary directory).
# Exit: 0 when every client succeeded, 1 otherwise (the end of each failed log is shown).
set -euo pipefail
cd "$(dirname "$0")"

tf=${TERRAFORM:-terraform}
parallel=4
destroy=0
usage() { sed -n '/^# Usage:/,/^#   -d/p' "$0" | sed 's/^# \{0,1\}//'; }
while getopts ":j:dh" opt; do
  case $opt in
    j) parallel=$OPTARG ;;
    d) destroy=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 1 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { usage >&2; exit 1; }
[[ $parallel =~ ^[1-9][0-9]*$ ]] || { echo "apply-clients: -j needs a positive number" >&2; exit 1; }
[ -n "${PG_CONN_STR:-}" ] || { echo "apply-clients: set PG_CONN_STR to the PostgreSQL database of the states (./postgres.sh start gives a local one)" >&2; exit 1; }
unset TF_WORKSPACE
logs=${LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/apply-clients.XXXXXX")}
mkdir -p "$logs"

"$tf" init -input=false -no-color >"$logs/init.log" 2>&1 || { cat "$logs/init.log" >&2; exit 1; }

if [ -n "${HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE:-}" ]; then
  for tool in curl jq; do command -v "$tool" >/dev/null || { echo "apply-clients: $tool is needed to refresh the agency token" >&2; exit 1; }; done
  : "${HIGHLEVEL_OAUTH_CLIENT_ID:?apply-clients: set HIGHLEVEL_OAUTH_CLIENT_ID}" "${HIGHLEVEL_OAUTH_CLIENT_SECRET:?apply-clients: set HIGHLEVEL_OAUTH_CLIENT_SECRET}"
  # Secrets go to curl through its configuration on stdin, never on its command line.
  answer=$(curl -sS -X POST "${HIGHLEVEL_BASE_URL:-https://services.leadconnectorhq.com}/oauth/token" \
    -H 'Accept: application/json' -K - <<CURL
data-urlencode = "client_id=$HIGHLEVEL_OAUTH_CLIENT_ID"
data-urlencode = "client_secret=$HIGHLEVEL_OAUTH_CLIENT_SECRET"
data-urlencode = "refresh_token=$(tr -d '[:space:]' <"$HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE")"
data = "grant_type=refresh_token"
data = "user_type=Company"
CURL
  )
  access=$(jq -r '.access_token // empty' <<<"$answer")
  refresh=$(jq -r '.refresh_token // empty' <<<"$answer")
  company=$(jq -r '.companyId // empty' <<<"$answer")
  if [ -z "$access" ] || [ -z "$refresh" ] || [ -z "$company" ]; then
    echo "apply-clients: refreshing the agency token failed: $(jq -r '.error_description // .message // .' <<<"$answer" 2>/dev/null || echo "$answer")" >&2
    exit 1
  fi
  # The old refresh token is spent: keep the new one at once (atomically, owner-only).
  (umask 077 && printf '%s' "$refresh" >"$HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE.new" &&
    mv "$HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE.new" "$HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE")
  export HIGHLEVEL_OAUTH_ACCESS_TOKEN=$access HIGHLEVEL_COMPANY_ID=$company
  unset HIGHLEVEL_OAUTH_CLIENT_ID HIGHLEVEL_OAUTH_CLIENT_SECRET HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE HIGHLEVEL_OAUTH_REFRESH_TOKEN
fi

# Workspaces are created one at a time (creating one takes a backend-wide lock).
existing=$("$tf" workspace list 2>/dev/null | sed 's/^[* ]*//')
for client in "$@"; do
  if ! grep -qxF "$client" <<<"$existing"; then
    if [ "$destroy" = 1 ]; then
      echo "apply-clients: $client has no workspace" >&2
      exit 1
    fi
    "$tf" workspace new "$client" >/dev/null
  fi
done
"$tf" workspace select default >/dev/null

declare -A pid_of
for client in "$@"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do sleep 0.2; done
  args=(apply -auto-approve -input=false -no-color "-lock-timeout=${LOCK_TIMEOUT:-5m}")
  [ "$destroy" = 1 ] && args+=(-destroy)
  TF_WORKSPACE=$client "$tf" "${args[@]}" >"$logs/$client.log" 2>&1 &
  pid_of[$client]=$!
  echo "started $client (pid ${pid_of[$client]})"
done

failed=0
for client in "$@"; do
  if wait "${pid_of[$client]}"; then
    echo "ok      $client: $(grep -E '^(Apply|Destroy) complete' "$logs/$client.log" | tail -n 1)"
    if [ "$destroy" = 1 ]; then
      "$tf" workspace delete "$client" >/dev/null
    fi
  else
    failed=$((failed + 1))
    echo "FAILED  $client; the end of $logs/$client.log:"
    tail -n 15 "$logs/$client.log" | sed 's/^/        /'
  fi
done
echo "apply-clients: $# clients, $failed failed (logs in $logs)"
[ "$failed" -eq 0 ]
