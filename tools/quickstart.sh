#!/usr/bin/env bash
# Quickstart: a working folder of your own, managed against the bundled HighLevel API emulator.
#
#   tools/quickstart.sh          (make quickstart)        set up or resume, then plan
#   tools/quickstart.sh --reset  (make quickstart-reset)  stop the emulator, delete everything
#
# It finds a CLI (tools/find-cli.sh), installs the provider like a registry provider (the
# release zip in a filesystem mirror of its own, tools/install.sh), starts the emulator, and
# prepares the working folder .quickstart/work from examples/quickstart. That folder is yours:
# it is created once and never overwritten. The first run applies the untouched example; later
# runs only show the plan of what you changed, and never apply it. It writes
# .quickstart/env.sh (source it) and the wrapper .quickstart/tf to run the CLI there yourself.
# Everything lives in .quickstart/ (git-ignored; HIGHLEVEL_QUICKSTART_DIR moves it); the user's
# own CLI configuration is never used or changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
qs="${HIGHLEVEL_QUICKSTART_DIR:-$root/.quickstart}"
mkdir -p "$qs"
qs=$(cd "$qs" && pwd)
work="$qs/work"
example="$root/examples/quickstart"
# shellcheck source=progress.sh
. "$root/tools/progress.sh"

stop_emulator() {
  if [ -f "$qs/emulator.pid" ]; then
    local pid
    pid=$(cat "$qs/emulator.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      echo "stopped the emulator (pid $pid)"
    fi
    rm -f "$qs/emulator.pid"
  fi
}

case "${1:-}" in
  --reset)
    stop_emulator
    rm -rf "$qs"
    echo "removed $qs: your working folder, its state and the emulator's data."
    echo "'make quickstart' starts over from examples/quickstart."
    exit 0
    ;;
  "") ;;
  *) echo "usage: $0 [--reset]" >&2; exit 2 ;;
esac

mkdir -p "$qs/bin"
echo "== finding a Terraform or OpenTofu CLI (TF_ACC_TERRAFORM_PATH, else terraform on PATH, else OpenTofu built once)"
cli=$("$root/tools/find-cli.sh")
echo "   using $cli ($(TF_CLI_CONFIG_FILE=/dev/null "$cli" version | head -n 1))"

echo "== installing the provider from its release zip into a mirror of the quickstart's own"
VERSION=0.1.0 INSTALL_DIR="$qs/install" DIST="$qs/dist" "$root/tools/install.sh" >/dev/null
rc="$qs/install/cli.tfrc"
echo "== building the emulator"
(cd "$root" && with_progress "go build of the emulator" go build -o "$qs/bin/highlevel-emulator" ./internal/emulator/cmd/highlevel-emulator)

if [ -f "$qs/emulator.pid" ] && kill -0 "$(cat "$qs/emulator.pid")" 2>/dev/null && [ -s "$qs/bootstrap.json" ]; then
  echo "== the emulator is already running (pid $(cat "$qs/emulator.pid"))"
else
  echo "== starting the emulator on loopback (its data: $qs/emulator-data.json)"
  rm -f "$qs/bootstrap.json"
  "$qs/bin/highlevel-emulator" -listen 127.0.0.1:0 -data "$qs/emulator-data.json" \
    -bootstrap-out "$qs/bootstrap.json" >"$qs/emulator.log" 2>&1 </dev/null &
  echo $! >"$qs/emulator.pid"
  for _ in $(seq 100); do [ -s "$qs/bootstrap.json" ] && break; sleep 0.1; done
  [ -s "$qs/bootstrap.json" ] || { echo "the emulator did not start; see $qs/emulator.log" >&2; exit 1; }
fi

# Read base_url and the first location's id and token from the bootstrap file.
read -r base_url location token < <(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
print(b["base_url"], b["locations"][0]["id"], b["locations"][0]["token"])' "$qs/bootstrap.json")

# The CLI under its own name on PATH, an env file to source and a wrapper script.
cli_name=$(basename "$cli")
mkdir -p "$qs/cli"
ln -sfn "$cli" "$qs/cli/$cli_name"
umask 077
cat >"$qs/env.sh" <<ENV
# Written by 'make quickstart' (tools/quickstart.sh) on every run: the emulator's address
# changes when it restarts. Source it:  source $qs/env.sh
export TF_CLI_CONFIG_FILE='$rc'
export HIGHLEVEL_BASE_URL='$base_url'
export HIGHLEVEL_LOCATION_ID='$location'
export HIGHLEVEL_TOKEN='$token'
case ":\$PATH:" in *":$qs/cli:"*) ;; *) export PATH='$qs/cli':"\$PATH" ;; esac
ENV
cat >"$qs/tf" <<WRAP
#!/usr/bin/env bash
# Written by 'make quickstart': runs $cli_name with the quickstart's environment (env.sh).
. '$qs/env.sh'
exec '$cli' "\$@"
WRAP
chmod 700 "$qs/tf"
umask 022

# The working folder: created once from the example, never overwritten.
if [ -d "$work" ]; then
  echo "== your working folder $work exists: left as it is"
else
  mkdir -p "$work"
  cp "$example"/*.tf "$work/"
  echo "== created your working folder $work from examples/quickstart (yours to edit)"
fi

# When the provider was rebuilt from changed sources, the folder's installed copy and lock file
# name the previous build: install the new one.
sum=$(cat "$qs/dist"/*_SHA256SUMS)
if [ -f "$qs/installed.sums" ] && [ "$sum" != "$(cat "$qs/installed.sums")" ]; then
  echo "== the provider changed since the last run: reinstalling it in the working folder"
  rm -rf "$work/.terraform/providers" "$work/.terraform.lock.hcl"
fi
printf '%s\n' "$sum" >"$qs/installed.sums"

# shellcheck source=/dev/null
. "$qs/env.sh"
cd "$work"
echo "== $cli_name init"
if ! "$cli" init -input=false -no-color >"$qs/init.log" 2>&1; then
  cat "$qs/init.log" >&2
  echo "init failed in $work (see above). 'make quickstart-reset' starts over from the example." >&2
  exit 1
fi

# untouched: the folder holds exactly the example's .tf files and nothing is in its state yet.
untouched() {
  [ "$(cd "$work" && ls -- *.tf 2>/dev/null)" = "$(cd "$example" && ls -- *.tf)" ] || return 1
  local f
  for f in "$example"/*.tf; do cmp -s "$f" "$work/$(basename "$f")" || return 1; done
  [ -z "$("$cli" state list 2>/dev/null)" ]
}

if untouched; then
  echo "== $cli_name apply: the untouched example, against the emulator at $base_url"
  "$cli" apply -auto-approve -input=false
  echo "== the next plan must be empty"
  set +e
  "$cli" plan -detailed-exitcode -input=false
  code=$?
  set -e
  if [ "$code" -ne 0 ]; then echo "the plan after the apply is not empty (exit $code)" >&2; exit 1; fi
  status="The example is applied: the agent lives in the emulator at $base_url."
else
  echo "== $cli_name plan of your working folder (nothing is applied)"
  set +e
  "$cli" plan -detailed-exitcode -input=false
  code=$?
  set -e
  case $code in
    0) status="Your working folder and the emulator agree: nothing to apply." ;;
    2) status="The plan above is NOT applied. Review it, then apply it yourself (below)." ;;
    *)
      echo >&2
      echo "The plan failed (exit $code): fix $work, or start over with 'make quickstart-reset'." >&2
      exit 1
      ;;
  esac
fi

cat <<MSG

$status

Your working folder is $work: edit its .tf files freely. 'make quickstart' never overwrites
it and never applies your changes: it only shows their plan. To plan and apply there yourself:

  source $qs/env.sh
  cd $work
  $cli_name plan
  $cli_name apply

or, without changing your shell:  cd $work && ../tf plan   (../tf is $qs/tf)
env.sh sets TF_CLI_CONFIG_FILE (the provider from the quickstart's mirror, never your own CLI
configuration), HIGHLEVEL_BASE_URL, HIGHLEVEL_TOKEN, HIGHLEVEL_LOCATION_ID, and puts $cli_name on PATH.
Source it again after each 'make quickstart' (the emulator's address changes when it restarts).

Stop the emulator with:  kill \$(cat $qs/emulator.pid)
Start over (deletes the working folder, its state and the emulator's data):  make quickstart-reset
MSG
