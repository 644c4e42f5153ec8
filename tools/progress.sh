# shellcheck shell=bash
# Sourced by the tools/ scripts. `with_progress WHAT CMD...` runs CMD and, while it runs,
# prints "  ... WHAT: Ns elapsed" to stderr every PROGRESS_INTERVAL seconds (default 10), then
# one line with the total time. CMD's exit code is returned.
with_progress() {
  local what=$1 start ticker code
  shift
  start=$(date +%s)
  (
    while :; do
      # sleep with its descriptors closed: when the ticker is killed, an orphaned sleep must
      # not keep the caller's output pipe open.
      sleep "${PROGRESS_INTERVAL:-10}" </dev/null >/dev/null 2>&1
      echo "  ... $what: $(($(date +%s) - start))s elapsed" >&2
    done
  ) &
  ticker=$!
  code=0
  "$@" || code=$?
  kill "$ticker" 2>/dev/null
  wait "$ticker" 2>/dev/null || true
  if [ "$code" -eq 0 ]; then
    echo "  ... $what: done in $(($(date +%s) - start))s" >&2
  else
    echo "  ... $what: failed after $(($(date +%s) - start))s (exit $code)" >&2
  fi
  return "$code"
}
