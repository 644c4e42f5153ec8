#!/usr/bin/env bash
# drift-check.sh — nightly drift detection for an agency's HighLevel configurations.
#
# Runs `terraform plan -detailed-exitcode` for every client (a directory, or with -w every
# workspace of a directory), and prints which clients drifted and which attributes of which
# resources differ, read from `terraform show -json` of the saved plan. Values are never
# printed (prompts can be long and some attributes are secrets): only attribute names. The
# full plan text of each client is kept in $DRIFT_OUT_DIR.
#
# Usage:  drift-check.sh [-w] DIR...
#   -w     check every workspace of each DIR except `default` (one workspace per client,
#          as in examples/agency-workspaces), instead of each DIR's current workspace
#
# Exit:   0  no client drifted
#         2  at least one client drifted (and none failed)
#         1  at least one client could not be planned (its log is shown), or bad usage
#
# Environment:
#   TERRAFORM      the CLI (default: terraform, or tofu when only tofu is on PATH)
#   TF_CLI_CONFIG_FILE  the CLI configuration; until ghl-iac/highlevel is on a registry, the one
#                  `make install` wrote (it installs the provider from a local mirror)
#   DRIFT_OUT_DIR  where plan logs go (default: a new temporary directory)
#   DRIFT_REPORT   a file to append a Markdown summary to (e.g. $GITHUB_STEP_SUMMARY)
#   plus whatever the configurations need: HIGHLEVEL_* credentials, backend credentials.
#
# Plans run with -lock=false: a plan writes nothing, and the nightly check must neither wait
# for nor block an apply. Clients are planned one after another: with agency OAuth they share
# one single-use refresh token (HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE), which each run rotates.
# Saved plans hold the state, secrets included; they are deleted as soon as they are read.
set -uo pipefail

tf=${TERRAFORM:-}
if [ -z "$tf" ]; then
  tf=terraform
  if ! command -v terraform >/dev/null && command -v tofu >/dev/null; then tf=tofu; fi
fi
by_workspace=0

usage() {
  sed -n '/^# Usage:/,/^#   -w/p' "$0" | sed 's/^# \{0,1\}//'
}

while getopts ":wh" opt; do
  case $opt in
    w) by_workspace=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 1 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
  usage >&2
  exit 1
fi
for tool in "$tf" jq; do
  command -v "$tool" >/dev/null || { echo "drift-check: $tool not found (set TERRAFORM for another CLI; jq: apt-get install jq)" >&2; exit 1; }
done

out_dir=${DRIFT_OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/drift-check.XXXXXX")}
mkdir -p "$out_dir" && out_dir=$(cd "$out_dir" && pwd)

# Turns a saved plan's JSON into one line per changed resource, fields separated by US (\x1f,
# not a tab: read would merge consecutive tabs, and fields may be empty):
#   <address> US <actions> US <changed attributes> US <drift: what changed outside Terraform>
# Changed attributes are the paths (a.b, list values as a whole) whose value differs between
# the prior state and the plan, leaving out values only known after apply.
# shellcheck disable=SC2016
summarise='
def diffpaths($a; $b; $p):
  if ($a | type) == "object" and ($b | type) == "object" then
    (([$a, $b] | map(keys) | add | unique)[]) as $k | diffpaths($a[$k]; $b[$k]; $p + [$k])
  elif $a == $b then empty
  else $p end;
def unknown($u; $p): (try ($u | getpath($p)) catch false) == true;
def names($a; $b; $u):
  [diffpaths($a // {}; $b // {}; []) | select(unknown($u; .) | not) | map(tostring) | join(".")] | unique;
(.resource_drift // [] | map({key: .address, value: .change}) | from_entries) as $drift
| (.resource_changes // [])[]
| select(.change.actions != ["no-op"] and .change.actions != ["read"])
| .address as $addr
| .change as $c
| [ $addr,
    ($c.actions | join(",")),
    (if $c.actions == ["create"] then "" else names($c.before; $c.after; $c.after_unknown // {}) | join(", ") end),
    ($drift[$addr] as $d
      | if $d == null then ""
        elif $d.actions == ["delete"] then "deleted outside Terraform"
        else "changed outside Terraform: " + (names($d.before; $d.after; {}) | join(", "))
        end)
  ]
| join("\u001f")
'

# The targets: "DIR" or "DIR<TAB>WORKSPACE".
targets=()
failed_init=()
for dir in "$@"; do
  dir=${dir%/}
  if [ ! -d "$dir" ]; then
    echo "drift-check: $dir is not a directory" >&2
    failed_init+=("$dir")
    continue
  fi
  safe=$(printf '%s' "$dir" | tr -c 'A-Za-z0-9_.-' '_')
  if ! "$tf" -chdir="$dir" init -input=false -no-color >"$out_dir/$safe.init.txt" 2>&1; then
    echo "drift-check: init failed in $dir:" >&2
    tail -n 20 "$out_dir/$safe.init.txt" >&2
    if grep -qE 'could not connect to registry|Failed to query available provider packages' "$out_dir/$safe.init.txt"; then
      echo "drift-check: the CLI could not find ghl-iac/highlevel. Install it with 'make install' (in the" >&2
      echo "  provider's repository) and export the TF_CLI_CONFIG_FILE it prints." >&2
    fi
    failed_init+=("$dir")
    continue
  fi
  if [ "$by_workspace" = 1 ]; then
    while read -r ws; do
      [ -n "$ws" ] && [ "$ws" != default ] && targets+=("$dir"$'\t'"$ws")
    done < <(TF_WORKSPACE= "$tf" -chdir="$dir" workspace list 2>/dev/null | sed 's/^[* ]*//')
  else
    targets+=("$dir")
  fi
done

drifted=0
failed=${#failed_init[@]}
summary=()
for target in "${targets[@]}"; do
  dir=${target%%$'\t'*}
  ws=""
  [ "$dir" != "$target" ] && ws=${target#*$'\t'}
  name=$dir${ws:+:$ws}
  safe=$(printf '%s' "$name" | tr -c 'A-Za-z0-9_.-' '_')
  plan=$out_dir/$safe.tfplan
  log=$out_dir/$safe.plan.txt
  # TF_WORKSPACE selects the workspace without writing .terraform/environment.
  env ${ws:+TF_WORKSPACE=$ws} "$tf" -chdir="$dir" plan -detailed-exitcode -input=false -no-color -lock=false -out="$plan" >"$log" 2>&1
  code=$?
  case $code in
    0)
      echo "ok      $name: no drift"
      summary+=("| \`$name\` | no drift | |")
      ;;
    2)
      drifted=$((drifted + 1))
      echo "DRIFT   $name"
      if ! lines=$(env ${ws:+TF_WORKSPACE=$ws} "$tf" -chdir="$dir" show -json "$plan" 2>>"$log" | jq -r "$summarise"); then
        echo "        (could not read the saved plan; see $log)"
        lines=""
      fi
      details=()
      while IFS=$'\x1f' read -r addr actions attrs drift; do
        [ -n "$addr" ] || continue
        printf '        %-60s %-14s %s\n' "$addr" "$actions" "${attrs:--}"
        [ -n "$drift" ] && printf '        %-60s %s\n' "" "$drift"
        details+=("\`$addr\` $actions${attrs:+: $attrs}${drift:+ ($drift)}")
      done <<<"$lines"
      summary+=("| \`$name\` | **drift** | $(IFS=';'; echo "${details[*]}" | sed 's/;/<br>/g') |")
      ;;
    *)
      failed=$((failed + 1))
      echo "FAILED  $name: plan exited $code; the end of $log:"
      tail -n 20 "$log" | sed 's/^/        /'
      summary+=("| \`$name\` | **plan failed** (exit $code) | see the job log |")
      ;;
  esac
  rm -f "$plan"
done
for dir in "${failed_init[@]}"; do
  summary+=("| \`$dir\` | **init failed** | see the job log |")
done

total=$(( ${#targets[@]} + ${#failed_init[@]} ))
echo
echo "drift-check: $total clients, $drifted drifted, $failed failed (plan logs in $out_dir)"
if [ -n "${DRIFT_REPORT:-}" ]; then
  {
    echo "### HighLevel drift: $drifted of $total clients drifted, $failed failed"
    echo
    echo "| Client | Result | Changes |"
    echo "|---|---|---|"
    printf '%s\n' "${summary[@]}"
  } >>"$DRIFT_REPORT"
fi

if [ "$failed" -gt 0 ]; then
  exit 1
elif [ "$drifted" -gt 0 ]; then
  exit 2
fi
exit 0
