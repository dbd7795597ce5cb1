#!/usr/bin/env bash
# Runs the server and sync-client tests against a throwaway PostgreSQL 15
# cluster, as CI's second pass does:
#
#   bash test/server/with-postgres.sh            # vitest run test/server src-renderer/sync
#   bash test/server/with-postgres.sh <vitest args>
#
# The cluster lives in a temporary directory, listens on 127.0.0.1 at a free
# port, and is stopped and deleted on exit. Each test file creates its own
# schema in it, so files run in parallel.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d)
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

# initdb refuses to run as root; use the postgres account then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi

cleanup() {
  as_owner "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

as_owner "$PG_BIN/initdb" -D "$WORK/data" -A trust -U postgres >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w \
  -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres assist_ten_test

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/assist_ten_test"
if [ "$#" -eq 0 ]; then set -- test/server src-renderer/sync; fi
npx vitest run "$@"
