// A new database on a Citus cluster for the benchmarks (scripts/citus-cluster.sh starts the
// cluster; tests/engines.ts does the same for the tests).
import { execFileSync } from "node:child_process";

/**
 * Makes the new database `dbUrl` a Citus database: the extension on the coordinator and on each
 * worker the cluster's `postgres` database registers (it is per database), and the workers added.
 */
export function joinCitusCluster(clusterUrl: string, dbUrl: string) {
  const psql = (url: string, command: string) => execFileSync("psql", ["-qAtX", "-v", "ON_ERROR_STOP=1", url, "-c", command], { encoding: "utf8" }).trim();
  const name = new URL(dbUrl).pathname.slice(1);
  const workers = psql(clusterUrl, "select nodename || ':' || nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeport").split("\n");
  const on = (hostPort: string, database: string) => `postgres://postgres@${hostPort}/${database}`;
  for (const worker of workers) {
    psql(on(worker, "postgres"), `create database ${name}`);
    psql(on(worker, name), "create extension citus");
  }
  psql(dbUrl, "create extension citus");
  const coordinator = new URL(clusterUrl);
  psql(dbUrl, `select citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port)})`);
  for (const worker of workers) psql(dbUrl, `select citus_add_node('${worker.split(":")[0]}', ${Number(worker.split(":")[1])})`);
}

