// The engine matrix (kysely's DIALECTS pattern): every database test loops over ENGINES.
// PGlite always runs; a real Postgres server joins when DATABASE_URL is set (.ci/run sets
// it, and CONTINUUM_REQUIRE_SERVER=1 there makes a missing server a failure, not a skip);
// a Citus cluster (coordinator + workers, scripts/citus-cluster.sh) joins when CITUS_URL
// names its coordinator.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Engine, type EngineKind, openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { retryCatalogCollision } from "./support/retry.ts";

const serverUrl = process.env.DATABASE_URL;
if (process.env.CONTINUUM_REQUIRE_SERVER === "1" && !serverUrl) {
  throw new Error("CONTINUUM_REQUIRE_SERVER=1 but DATABASE_URL is not set");
}

const citusUrl = process.env.CITUS_URL;
if (process.env.CONTINUUM_REQUIRE_CITUS === "1" && !citusUrl) {
  throw new Error("CONTINUUM_REQUIRE_CITUS=1 but CITUS_URL is not set");
}

/** An engine of the matrix: Citus is a Postgres server to the product, a cluster to the tests. */
export type TestEngineKind = EngineKind | "citus";

/** CONTINUUM_ENGINES=citus (or pglite,postgres …) narrows the matrix for a focused run. */
const only = process.env.CONTINUUM_ENGINES?.split(",");
const chosen = <K extends TestEngineKind>(kinds: readonly K[]) => kinds.filter((k) => !only || only.includes(k));

export const ENGINES: readonly EngineKind[] = chosen<EngineKind>(serverUrl ? ["pglite", "postgres"] : ["pglite"]);

/**
 * The matrix plus the Citus cluster when CITUS_URL is set: used by the files that cover what
 * must run on Citus (ingest, timepoints and effect sizes, every analysis, reports, notebooks).
 * The others — CLI plumbing, backups, roles, hostile-input fuzzing — ask nothing of the
 * storage layout that a single server does not answer, and each Citus database costs seconds
 * to create on three nodes.
 */
export const ENGINES_WITH_CITUS: readonly TestEngineKind[] = [...ENGINES, ...chosen<TestEngineKind>(citusUrl ? ["citus"] : [])];

export interface TestEngine extends Engine {
  /** Connection options that open this same database again (e.g. for a child process). */
  readonly options: { url?: string; dataDir?: string };
}

/** A fresh, empty database on `kind` (a new in-memory PGlite, or a new server or Citus database). */
export async function openFreshEngine(kind: TestEngineKind, { migrate = true } = {}): Promise<TestEngine> {
  let options: TestEngine["options"];
  let dropDatabase = async () => {};
  if (kind === "pglite") {
    options = { dataDir: "memory://" };
  } else {
    const base = kind === "citus" ? citusUrl : serverUrl;
    if (!base) throw new Error(`${kind} engine needs ${kind === "citus" ? "CITUS_URL" : "DATABASE_URL"}`);
    const name = `continuum_test_${randomBytes(6).toString("hex")}`;
    const nodes = kind === "citus" ? await citusNodes(base) : [base];
    for (const node of nodes) await adminQuery(node, `create database ${name}`);
    const url = withDatabase(base, name);
    if (kind === "citus") await joinCluster(url, nodes);
    options = { url };
    dropDatabase = async () => {
      for (const node of nodes) await adminQuery(node, `drop database if exists ${name} with (force)`);
    };
  }
  const engine = await openEngine(options);
  if (migrate) await migrateToLatest(engine.db);
  return {
    ...engine,
    options,
    close: async () => {
      await engine.close();
      await dropDatabase();
    },
  };
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** The coordinator and the workers of the cluster whose coordinator is `url` (as registered in its `postgres` database). */
async function citusNodes(url: string): Promise<string[]> {
  const rows = await adminQuery(url, "select nodename, nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeport");
  return [url, ...rows.map((r) => {
    const u = new URL(url);
    u.hostname = String(r.nodename);
    u.port = String(r.nodeport);
    return u.toString();
  })];
}

/** A new Citus database: the extension on every node (it is per database), the workers registered with the coordinator. */
async function joinCluster(url: string, nodes: readonly string[]): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  for (const node of nodes) await adminQuery(withDatabase(node, name), "create extension citus");
  const coordinator = new URL(url);
  await adminQuery(url, `select citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port)})`);
  for (const node of nodes.slice(1)) {
    const worker = new URL(node);
    await retryCatalogCollision(() => adminQuery(url, `select citus_add_node('${worker.hostname}', ${Number(worker.port)})`));
  }
}

async function adminQuery(url: string | undefined, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
