#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for trying the reference receiver (the tests use the same recipe,
# test/support/throwawayPostgres.ts):
#   eval "$(tools/central-receiver/pg-throwaway.sh start)"   # sets DATABASE_URL and PG_THROWAWAY_DIR
#   RECEIVER_TOKEN_SECRET=… RECEIVER_ADMIN_TOKEN=… npm run receiver
#   tools/central-receiver/pg-throwaway.sh stop               # or: … stop "$PG_THROWAWAY_DIR"
# The cluster lives in a fresh temporary folder, listens on 127.0.0.1 only (a free port), keeps its
# unix socket in that folder, asks a password (scram-sha-256) on every connection, runs with
# fsync off (it is for trying things, not for keeping them) and has a database `central`.
# PostgreSQL refuses to run as root: as root the folder is handed to the `postgres` user.
set -euo pipefail

usage() {
  echo "usage: $0 start | stop [DIR]" >&2
  exit 2
}

bindir() {
  local dir
  if dir="$(pg_config --bindir 2>/dev/null)" && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
    return
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
  echo "pg-throwaway: PostgreSQL server binaries not found; run scripts/install-system-deps.sh" >&2
  exit 1
}

# Runs a server tool as the user that owns the cluster, from inside its folder (readable by that user).
as_owner() {
  local dir="$1"
  shift
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

free_port() {
  # Ask the kernel for a free port on loopback; python3 or node, whichever is there.
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
  fi
}

start() {
  local bin dir password port
  bin="$(bindir)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/central-pg-XXXXXX")"
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  mkdir -m 700 "$dir/socket"
  (umask 077 && printf '%s\n' "$password" >"$dir/password")
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
  fi
  as_owner "$dir" "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/password" -E UTF8 --locale=C --no-sync >"$dir/initdb.log"
  port="$(free_port)"
  cat >>"$dir/data/postgresql.conf" <<EOF

# throw-away cluster (tools/central-receiver/pg-throwaway.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  as_owner "$dir" "$bin/pg_ctl" start -D "$dir/data" -w -t 60 -s -l "$dir/server.log"
  PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres central
  echo "$dir" >"${TMPDIR:-/tmp}/central-pg-last"
  echo "export DATABASE_URL='postgres://postgres:$password@127.0.0.1:$port/central'"
  echo "export PG_THROWAWAY_DIR='$dir'"
  echo "# stop with: $0 stop $dir" >&2
}

stop() {
  local dir="${1:-${PG_THROWAWAY_DIR:-}}"
  if [ -z "$dir" ] && [ -f "${TMPDIR:-/tmp}/central-pg-last" ]; then
    dir="$(cat "${TMPDIR:-/tmp}/central-pg-last")"
  fi
  case "$dir" in
    "${TMPDIR:-/tmp}"/central-pg-*) ;;
    *) echo "pg-throwaway: $dir is not a throw-away cluster folder" >&2; exit 1 ;;
  esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$dir" "$(bindir)/pg_ctl" stop -D "$dir/data" -m immediate -s || true
  fi
  rm -rf "$dir"
  if [ -f "${TMPDIR:-/tmp}/central-pg-last" ] && [ "$(cat "${TMPDIR:-/tmp}/central-pg-last")" = "$dir" ]; then
    rm -f "${TMPDIR:-/tmp}/central-pg-last"
  fi
  echo "pg-throwaway: stopped and removed $dir" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) usage ;;
esac
