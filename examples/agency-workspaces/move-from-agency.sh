#!/usr/bin/env bash
# move-from-agency.sh — move clients from the one-state agency configuration into their own
# workspaces here, without touching anything in HighLevel.
#
# Usage:  move-from-agency.sh AGENCY_DIR CLIENT...
#   AGENCY_DIR  the one-state configuration (../agency), initialised, with its backend reachable
#   CLIENT      a client's key: its objects module.client["<key>"] move to the workspace <key>
#
# Both configurations use the same module call and the same addresses, so a move is a
# `terraform state mv` of module.client["<key>"] from the agency's state into the workspace's,
# then a push of both states, and a refresh-only apply per workspace that records its outputs.
# Nobody may plan or apply either configuration meanwhile. Each moved client's plan must then be
# empty (the script checks it).
#
# Afterwards the agency configuration must no longer list the moved clients, or its next plan
# creates them again: move every client and retire it, or split the clients file (this
# configuration's variable clients_file names the file of the moved clients, ../agency's the rest).
#
# Environment: TERRAFORM (default terraform), PG_CONN_STR and the HIGHLEVEL_* credentials.
set -euo pipefail
cd "$(dirname "$0")"

tf=${TERRAFORM:-terraform}
[ $# -ge 2 ] || { sed -n '/^# Usage:/,/^#   CLIENT/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 1; }
agency=$(cd "$1" && pwd)
shift
unset TF_WORKSPACE
work=$(mktemp -d "${TMPDIR:-/tmp}/move-from-agency.XXXXXX")
# The pulled states hold secrets (credential tokens): keep them private and remove them.
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT

"$tf" init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 1; }
"$tf" -chdir="$agency" state pull >"$work/agency.tfstate"
[ -s "$work/agency.tfstate" ] || { echo "move-from-agency: $agency has no state" >&2; exit 1; }

existing=$("$tf" workspace list | sed 's/^[* ]*//')
for client in "$@"; do
  addr="module.client[\"$client\"]"
  listed=$(cd "$work" && "$tf" state list -state=agency.tfstate "$addr") || exit 1
  if [ -z "$listed" ]; then
    echo "move-from-agency: $addr is not in the agency's state" >&2
    exit 1
  fi
  grep -qxF "$client" <<<"$existing" || "$tf" workspace new "$client" >/dev/null
  TF_WORKSPACE=$client "$tf" state pull >"$work/$client.tfstate"
  if [ ! -s "$work/$client.tfstate" ]; then
    rm -f "$work/$client.tfstate" # an empty workspace: state mv starts a new state
  elif [ -n "$(TF_WORKSPACE=$client "$tf" state list)" ]; then
    echo "move-from-agency: the workspace $client already has objects; not moving $addr" >&2
    exit 1
  fi
  # state mv on local files, in an empty directory (no backend involved).
  (cd "$work" && "$tf" state mv -state=agency.tfstate -state-out="$client.tfstate" "$addr" "$addr" >/dev/null)
  TF_WORKSPACE=$client "$tf" state push "$work/$client.tfstate"
  echo "moved   $addr into the workspace $client"
done
"$tf" workspace select default >/dev/null
"$tf" -chdir="$agency" state push "$work/agency.tfstate"

# The moved state has no outputs yet: a refresh-only apply records them (it reads HighLevel and
# writes only the state). Then the plan must be empty.
for client in "$@"; do
  if ! TF_WORKSPACE=$client "$tf" apply -refresh-only -auto-approve -input=false -no-color -lock-timeout=5m >"$work/$client.refresh.txt" 2>&1; then
    echo "move-from-agency: the refresh of $client failed:" >&2
    cat "$work/$client.refresh.txt" >&2
    exit 1
  fi
  if ! TF_WORKSPACE=$client "$tf" plan -detailed-exitcode -input=false -no-color -lock-timeout=5m >"$work/$client.plan.txt" 2>&1; then
    echo "move-from-agency: the plan of $client is not empty after the move:" >&2
    cat "$work/$client.plan.txt" >&2
    exit 1
  fi
  echo "ok      $client: its workspace plans no change"
done
