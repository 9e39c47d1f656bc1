#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL 15 cluster on loopback for tests and benchmarks.
#   scripts/pg-server.sh start DIR [PORT]  → prints the DATABASE_URL on stdout
#   scripts/pg-server.sh stop DIR
#   scripts/pg-server.sh restart DIR   (fast restart: open sessions are cut, as in the restart fault test)
# Runs the server as the unprivileged user `postgres` when invoked as root (initdb refuses root).
# PG_EXTRA_OPTS adds server options (scripts/citus-cluster.sh preloads Citus with it).
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data dir}; port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/pg_ctl" ] || { echo "pg-server: PostgreSQL server binaries not found" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd -r -m postgres; chown -R postgres "$dir"; }
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200 ${PG_EXTRA_OPTS:-}" start >&2
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    ;;
  restart)
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w restart >&2
    ;;
  *) echo "usage: $0 start|stop|restart DIR [PORT]" >&2; exit 2 ;;
esac
