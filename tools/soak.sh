#!/usr/bin/env bash
# tools/soak.sh [RUNS]: the determinism check of the test suite. Runs `make test` RUNS times
# (default 5) in a row in one clean clone of HEAD while a second clone runs `make test` over
# and over beside it, so that every run shares the machine with another full suite. Stops at
# the first failure. Logs and timings: $SOAK_DIR (default a new temporary directory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
dir=${SOAK_DIR:-$(mktemp -d -t highlevel-soak-XXXXXX)}
mkdir -p "$dir"
for c in main beside; do
  rm -rf "${dir:?}/$c"
  git clone -q "$root" "$dir/$c"
done
echo "soak: $runs runs of make test in $dir/main, a second make test looping in $dir/beside; logs in $dir"

( cd "$dir/beside"; i=0
  while [ ! -e "$dir/stop" ]; do
    i=$((i + 1))
    if make test >"$dir/beside-$i.log" 2>&1; then echo "beside run $i: pass" >>"$dir/summary"; else echo "beside run $i: FAIL" >>"$dir/summary"; fi
  done ) &
beside=$!
trap 'touch "$dir/stop"; kill $beside 2>/dev/null || true' EXIT

status=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if (cd "$dir/main" && make test >"$dir/main-$i.log" 2>&1); then result=pass; else result=FAIL; status=1; fi
  echo "main run $i: $result in $(( $(date +%s) - start )) s" | tee -a "$dir/summary"
  [ "$result" = pass ] || { tail -40 "$dir/main-$i.log"; break; }
done
touch "$dir/stop"
echo "soak: waiting for the run beside to finish"
wait $beside || true
trap - EXIT
cat "$dir/summary"
exit $status
