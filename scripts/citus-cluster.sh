#!/usr/bin/env bash
# A Citus cluster on loopback for tests and benchmarks: a coordinator and two
# workers, each a throwaway PostgreSQL 15 cluster of scripts/pg-server.sh with Citus preloaded
# (build the extension first: ../shared/tools/install-citus).
#   scripts/citus-cluster.sh start DIR [PORT]  → prints the coordinator's URL on stdout;
#                                                 workers listen on PORT+1 and PORT+2
#   scripts/citus-cluster.sh stop DIR
#   scripts/citus-cluster.sh kill-worker DIR N   (immediate shutdown of worker N, as a crash)
#   scripts/citus-cluster.sh start-worker DIR N  (starts worker N again on its port, if it is down)
# The cluster's `postgres` database has the extension and both workers registered; a test
# that wants a database of its own makes it with tests/citus.ts (the extension and the
# worker list are per database in Citus).
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data dir}; port=${3:-54340}
here=$(cd "$(dirname "$0")" && pwd)
[ -f /usr/lib/postgresql/15/lib/citus.so ] || { echo "citus-cluster: Citus is not installed (run ../shared/tools/install-citus)" >&2; exit 1; }
export PG_EXTRA_OPTS="-c shared_preload_libraries=citus -c max_prepared_transactions=200 -c wal_level=logical"
bin=$(ls -d /usr/lib/postgresql/15/bin)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# Starts a node (prints its URL), once more if the first start fails: one CI run on the shared
# VM saw a worker's postmaster exit during start-up (cause not kept), and the next run started.
start_node() {
  "$here/pg-server.sh" start "$1" "$2" && return
  tail -n 20 "$1/server.log" >&2 || true
  sleep 2
  "$here/pg-server.sh" start "$1" "$2"
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    chmod 755 "$dir" # the nodes run as the postgres user, which must reach their folders
    echo "$port" >"$dir/port"
    url=$(start_node "$dir/coordinator" "$port")
    start_node "$dir/worker1" $((port + 1)) >/dev/null
    start_node "$dir/worker2" $((port + 2)) >/dev/null
    for p in "$port" $((port + 1)) $((port + 2)); do
      psql -q -X -v ON_ERROR_STOP=1 "postgres://postgres@127.0.0.1:$p/postgres" -c "create extension if not exists citus" >&2
    done
    psql -q -X -v ON_ERROR_STOP=1 "$url" >&2 <<SQL
select citus_set_coordinator_host('127.0.0.1', $port);
select citus_add_node('127.0.0.1', $((port + 1))) where not exists (select 1 from pg_dist_node where nodeport = $((port + 1)));
select citus_add_node('127.0.0.1', $((port + 2))) where not exists (select 1 from pg_dist_node where nodeport = $((port + 2)));
SQL
    echo "$url"
    ;;
  kill-worker)
    as_pg "$bin/pg_ctl" -D "$dir/worker${3:?worker number}/data" -m immediate stop >&2
    ;;
  start-worker)
    n=${3:?worker number}
    # Already up when the kill it follows never came (the ingest ended first): nothing to do.
    as_pg "$bin/pg_ctl" -D "$dir/worker$n/data" status >/dev/null 2>&1 && exit 0
    "$here/pg-server.sh" start "$dir/worker$n" $(($(cat "$dir/port") + n)) >/dev/null
    ;;
  stop)
    for node in worker2 worker1 coordinator; do "$here/pg-server.sh" stop "$dir/$node" || true; done
    ;;
  *) echo "usage: $0 start|stop|kill-worker|start-worker DIR [PORT|N]" >&2; exit 2 ;;
esac
