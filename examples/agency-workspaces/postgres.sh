#!/usr/bin/env bash
# postgres.sh — a throwaway PostgreSQL server for trying the pg backend: its own data
# directory, listening on 127.0.0.1 only, on a free port. Not for real state: it trusts every
# local connection and lives in a temporary directory.
#
#   eval "$(./postgres.sh start)"     start one; prints `export PG_DIR=…` and `export PG_CONN_STR=…`
#   ./postgres.sh psql "$PG_DIR" -c 'SELECT name FROM highlevel_agency.states'
#   ./postgres.sh stop "$PG_DIR"      stop it and delete its directory
#
# The server binaries come from the Debian package postgresql (/usr/lib/postgresql/<v>/bin, or
# PG_BINDIR). When they are missing and the script runs as root with apt-get, it installs the
# package; otherwise it stops with a message saying what to install. PostgreSQL refuses to run
# as root: as root, the server runs as the `postgres` user that the package creates.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then
    [ -x "$PG_BINDIR/initdb" ] && echo "$PG_BINDIR" && return 0
    return 1
  fi
  local d
  d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

ensure_bindir() {
  if bindir=$(find_bindir); then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    die "the PostgreSQL server binaries (initdb, pg_ctl) are missing. Install them, e.g. 'sudo apt-get install postgresql' on Debian or Ubuntu, or set PG_BINDIR to their directory."
  fi
  echo "postgres.sh: PostgreSQL is missing; installing the Debian package postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends postgresql >&2; then
    apt-get update >&2 && apt-get install -y --no-install-recommends postgresql >&2 || die "apt-get could not install postgresql"
  fi
  bindir=$(find_bindir) || die "postgresql is installed but initdb is not in /usr/lib/postgresql/*/bin"
}

# as_server runs a command as the user the server runs as.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  ensure_bindir
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run the server as (the postgresql package creates it)"
  fi
  local dir=${1:-}
  if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/highlevel-pg.XXXXXX")
  else
    mkdir -p "$dir"
  fi
  dir=$(cd "$dir" && pwd)
  [ -e "$dir/data" ] && die "$dir/data exists: stop that server first, or choose another directory"
  mkdir -p "$dir/socket"
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
  as_server test -w "$dir" || die "the server's user cannot write to $dir (choose a directory it can reach, e.g. under /tmp)"

  as_server "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local port="" try
  for try in $(seq 1 20); do
    port=$((20000 + RANDOM % 30000))
    port_free "$port" || continue
    if as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket" start >/dev/null; then
      break
    fi
    port=""
    grep -q "could not bind\|already in use" "$dir/server.log" 2>/dev/null || { cat "$dir/server.log" >&2; die "the server did not start"; }
  done
  [ -n "$port" ] || die "no free port found"
  echo "$port" >"$dir/port"
  as_server "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres terraform_backend ||
    die "could not create the database terraform_backend"

  local conn="postgres://postgres@127.0.0.1:$port/terraform_backend?sslmode=disable"
  printf "export PG_DIR='%s'\nexport PG_CONN_STR='%s'\n" "$dir" "$conn" | tee "$dir/env"
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data; stop it with: $0 stop $dir" >&2
}

stop() {
  local dir=${1:?usage: postgres.sh stop DIR}
  [ -f "$dir/data/PG_VERSION" ] || die "$dir holds no server of this script"
  bindir=$(find_bindir) || die "the PostgreSQL binaries are gone"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
  fi
  rm -rf "$dir"
}

psql_() {
  local dir=${1:?usage: postgres.sh psql DIR [psql arguments]}
  shift
  bindir=$(find_bindir) || die "the PostgreSQL binaries are missing"
  local psql=$bindir/psql
  [ -x "$psql" ] || psql=psql
  "$psql" -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres -d terraform_backend -X -v ON_ERROR_STOP=1 "$@"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  psql) shift; psql_ "$@" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 1 ;;
esac
