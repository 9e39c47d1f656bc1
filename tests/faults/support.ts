// Shared machinery of the fault suites: each file's sandbox (a temp folder and a
// throwaway Postgres server of its own, so it may be restarted), the CLI as a child process
// that can be killed, a content hash of the core tables and of a clean load, and checks that
// a database holds whole files only.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { type Engine, openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { countRows, tableContent } from "../ingest/support.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PG_SERVER = path.join(ROOT, "scripts/pg-server.sh");

/**
 * A fault file's workspace: a temp folder and, with `server`, a throwaway server of its own
 * (started in beforeAll, so read `sandbox.server` inside tests), both removed after the file.
 */
export function faultSandbox(name: string, { server = false } = {}): { dir: string; server: ThrowawayServer } {
  const sandbox = { dir: mkdtempSync(path.join(tmpdir(), `continuum-${name}-`)), server: undefined as unknown as ThrowawayServer };
  beforeAll(() => {
    if (server) sandbox.server = startServer();
  });
  afterAll(() => {
    sandbox.server?.stop();
    rmSync(sandbox.dir, { recursive: true, force: true });
  });
  return sandbox;
}

/** What a clean load leaves: the content hash after each of `files`, loaded in turn into a fresh in-memory database. */
export async function cleanLoadHashes(files: string[]): Promise<{ hash: string; counts: Record<string, number> }[]> {
  const reference = await openEngine({ dataDir: "memory://" });
  try {
    await migrateToLatest(reference.db);
    const hashes = [];
    for (const file of files) {
      await ingestFile(reference, file);
      hashes.push(await contentHash(reference));
    }
    return hashes;
  } finally {
    await reference.close();
  }
}

export interface ThrowawayServer {
  /** URL of the server's `postgres` database. */
  readonly url: string;
  /** A fresh empty database on the server (the schema is not created). */
  createDatabase(name: string): Promise<string>;
  restart(): void;
  stop(): void;
}

/** Starts a PostgreSQL 15 cluster in a temp folder on a free port (scripts/pg-server.sh). */
export function startServer(): ThrowawayServer {
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-faults-pg-"));
  chmodSync(dir, 0o755); // the server runs as the postgres user when we are root
  const port = 56000 + (process.pid % 1000);
  const url = execFileSync(PG_SERVER, ["start", dir, String(port)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  return {
    url,
    async createDatabase(name) {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
      await adminQuery(url, `create database ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    restart: () => execFileSync(PG_SERVER, ["restart", dir], { stdio: "ignore" }),
    stop() {
      execFileSync(PG_SERVER, ["stop", dir], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `continuum …` as its own process. `killAfterMs` sends SIGKILL then; `onSpawn` sees the child. */
export function runChild(args: string[], env: NodeJS.ProcessEnv, { killAfterMs, preload }: { killAfterMs?: number; preload?: string } = {}): Promise<ChildRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const bin = inject("cliEntry"); // the CLI built by build-cli.ts for this run
    const nodeArgs = preload ? ["--import", preload, bin, ...args] : [bin, ...args];
    const child = spawn(process.execPath, nodeArgs, { env: { ...process.env, DATABASE_URL: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** SHA-256 of every core row (natural keys and values, no ingest ids) plus the row counts. */
export async function contentHash(engine: Engine): Promise<{ hash: string; counts: Record<string, number> }> {
  const content = await tableContent(engine);
  return { hash: createHash("sha256").update(JSON.stringify(content)).digest("hex"), counts: await countRows(engine) };
}

/**
 * The ledger is consistent with the tables: every ledger row is finished and `loaded`, each
 * file's rows are all present (its inserted rows carry its ingest id), and nothing else is.
 */
export async function ledgerProblems(engine: Engine): Promise<string[]> {
  // Grouped counts joined to the ledger, not correlated subqueries: the form Citus can run too.
  const { rows } = await sql<{ ingest_id: number; kind: string; status: string; finished: boolean; inserted: number; carried: number }>`
    select l.ingest_id, l.kind, l.status, l.finished_at is not null as finished, l.inserted,
      case when l.kind = 'episodes' then coalesce(e.n, 0) else coalesce(a.n, 0) end as carried
    from ingest_ledger l
    left join (select ingest_id, count(*) as n from episodes group by ingest_id) e on e.ingest_id = l.ingest_id
    left join (select ingest_id, count(*) as n from assessments group by ingest_id) a on a.ingest_id = l.ingest_id
    order by l.ingest_id`.execute(engine.db);
  const problems = rows.flatMap((r) => {
    const p: string[] = [];
    if (r.status !== "loaded" || !r.finished) p.push(`ledger ${r.ingest_id}: ${r.status}, finished ${r.finished}`);
    if (Number(r.carried) !== Number(r.inserted)) p.push(`ledger ${r.ingest_id}: ${r.inserted} inserted but ${r.carried} rows carry its id`);
    return p;
  });
  const { rows: orphans } = await sql<{ n: number }>`
    select (select count(*) from episodes e left join ingest_ledger l on l.ingest_id = e.ingest_id where l.ingest_id is null)
         + (select count(*) from assessments a left join ingest_ledger l on l.ingest_id = a.ingest_id where l.ingest_id is null) as n`.execute(engine.db);
  if (Number(orphans[0].n) > 0) problems.push(`${orphans[0].n} rows belong to no ledger entry`);
  return problems;
}

/** Staging tables left behind (temp tables of a dead session that were never dropped). */
export async function stagingLeftovers(engine: Engine): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from pg_class where relname like 'continuum\\_%'`.execute(engine.db);
  return Number(rows[0].n);
}

/** Waits until no other session is connected to `database` (a killed client's backend exits). */
export async function waitForSessionsToEnd(adminUrl: string, database: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await adminQuery(adminUrl, `select count(*)::int as n from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`);
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`sessions on ${database} did not end`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves true once an ingest is loading a file — on a server, some session holds the ingest's
 * transaction lock (pipelines/ingest-file.ts); on the embedded database, a process holds the
 * folder's lock (db/data-dir-lock.ts) — or false if `running()` turns false first.
 */
export async function ingestUnderWay(target: { adminUrl: string; database: string } | { dataDir: string }, running: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (running() && Date.now() < deadline) {
    if ("dataDir" in target) {
      if (existsSync(`${path.resolve(target.dataDir)}.lock`)) return true;
    } else {
      const { rows } = await adminQuery(target.adminUrl, `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = '${target.database}'`);
      if (rows[0].n > 0) return true;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

/** The one-line error contract: `continuum: <what> (<reason code>)`. */
export const ERROR_LINE = /^continuum: .+ \([a-z_]+\)$/;
