#!/usr/bin/env bash
# Quickstart: starts the bundled HighLevel API emulator, builds the provider, applies
# examples/quickstart against the emulator through a CLI configuration of its own
# (dev_overrides; the user's CLI configuration is never touched), and shows that the
# second plan is empty. Everything lives in .quickstart/ (git-ignored).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
qs="${HIGHLEVEL_QUICKSTART_DIR:-$root/.quickstart}"
mkdir -p "$qs/bin" "$qs/work"
cli=$("$root/tools/find-cli.sh")

echo "== building the provider and the emulator"
(cd "$root" && go build -o "$qs/bin/terraform-provider-highlevel" . &&
  go build -o "$qs/bin/highlevel-emulator" ./internal/emulator/cmd/highlevel-emulator)

if [ -f "$qs/emulator.pid" ] && kill -0 "$(cat "$qs/emulator.pid")" 2>/dev/null; then
  echo "== the emulator is already running (pid $(cat "$qs/emulator.pid"))"
else
  echo "== starting the emulator on loopback"
  rm -f "$qs/bootstrap.json"
  "$qs/bin/highlevel-emulator" -listen 127.0.0.1:0 -data "$qs/emulator-data.json" \
    -bootstrap-out "$qs/bootstrap.json" >"$qs/emulator.log" 2>&1 &
  echo $! >"$qs/emulator.pid"
  for _ in $(seq 100); do [ -s "$qs/bootstrap.json" ] && break; sleep 0.1; done
  [ -s "$qs/bootstrap.json" ] || { echo "the emulator did not start; see $qs/emulator.log" >&2; exit 1; }
fi

# Read base_url and the first location's id and token from the bootstrap file.
read -r base_url location token < <(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
print(b["base_url"], b["locations"][0]["id"], b["locations"][0]["token"])' "$qs/bootstrap.json")

cat >"$qs/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "ghl-iac/highlevel" = "$qs/bin"
  }
  direct {}
}
TFRC
cp "$root"/examples/quickstart/*.tf "$qs/work/"

export TF_CLI_CONFIG_FILE="$qs/cli.tfrc" HIGHLEVEL_BASE_URL="$base_url" HIGHLEVEL_TOKEN="$token" HIGHLEVEL_LOCATION_ID="$location"
cd "$qs/work"
echo "== $cli apply (examples/quickstart against the emulator at $base_url)"
"$cli" apply -auto-approve -input=false
echo "== second plan: must be empty"
set +e
"$cli" plan -detailed-exitcode -input=false
code=$?
set -e
if [ "$code" -ne 0 ]; then echo "the second plan is not empty (exit $code)" >&2; exit 1; fi

cat <<MSG

Quickstart done: the agent lives in the emulator at $base_url (state in $qs/work).
Try it yourself:
  export TF_CLI_CONFIG_FILE=$qs/cli.tfrc HIGHLEVEL_BASE_URL=$base_url HIGHLEVEL_LOCATION_ID=$location HIGHLEVEL_TOKEN=\$(python3 -c 'import json;print(json.load(open("$qs/bootstrap.json"))["locations"][0]["token"])')
  cd $qs/work && $cli plan
Stop the emulator with:  kill \$(cat $qs/emulator.pid)
MSG
