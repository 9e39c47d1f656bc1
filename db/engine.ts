// One database API, two engines (DESIGN.md "Data flow"): embedded PGlite in a folder, or a
// Postgres server through `pg`. Both give the same Kysely<Database>; `transaction` adds the
// one thing Kysely cannot express, COPY into a table on the transaction's own connection.
import { closeSync, mkdirSync, openSync, unlinkSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { CompiledQuery, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { from as copyFromStream } from "pg-copy-streams";
import { type DataDirLockOptions, lockDataDir } from "./data-dir-lock.ts";
import { Mutex } from "./dialect/mutex.ts";
import { PGliteDialect } from "./dialect/pglite-dialect.ts";
import { clusterImages } from "./empty-cluster.ts";
import type { Database } from "./schema.ts";
import { TYPE_PARSERS } from "./type-parsers.ts";

export type EngineKind = "pglite" | "postgres";

export interface EngineOptions {
  /** Postgres connection URL; when absent, the embedded database is used. */
  url?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Waiting for another process that has the embedded folder open (db/data-dir-lock.ts). */
  lock?: DataDirLockOptions;
}

/** A connection inside one open transaction. */
export interface EngineTransaction {
  /** Kysely bound to this transaction's connection. */
  readonly db: Kysely<Database>;
  /** `COPY <table> (…) FROM STDIN` with `data` as the whole COPY text of one batch. */
  copyIn(copySql: string, data: string | Uint8Array): Promise<void>;
}

export interface Engine {
  readonly kind: EngineKind;
  /** Where the data lives, safe to print (a server URL without its password). */
  readonly location: string;
  readonly db: Kysely<Database>;
  /** Runs `fn` in one transaction on one connection; commits on success, else rolls back. */
  transaction<T>(fn: (tx: EngineTransaction) => Promise<T>): Promise<T>;
  /**
   * A read-only view of one moment: every query through `db` sees the same committed state
   * (REPEATABLE READ), so a report or analysis run during an ingest sees each file whole or
   * not at all, never some of its statements before and some after. `end` releases it.
   */
  snapshot(): Promise<{ db: Kysely<Database>; end(): Promise<void> }>;
  /** The embedded database's whole folder as a gzipped tarball (db/backup.ts); PGlite only. */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

const BEGIN_SNAPSHOT = "begin isolation level repeatable read read only";

/** The embedded database folder: `$CONTINUUM_HOME/db`, default `./.continuum/db`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CONTINUUM_HOME ?? ".continuum", "db");
}

export async function openEngine(options: EngineOptions = {}): Promise<Engine> {
  return options.url ? openServer(options.url) : openEmbedded(options.dataDir ?? defaultDataDir(), options.lock);
}

/** The entry point: just the typed query builder (`db.destroy()` closes it). */
export async function openDb(options: EngineOptions = {}): Promise<Kysely<Database>> {
  return (await openEngine(options)).db;
}

/**
 * The embedded engine's memory: its WASM heap never shrinks once grown, and initdb's
 * shared_buffers (128 MB) is zero-filled, so resident, from the start. Measured (Node 20,
 * PGlite 0.5.16, VmHWM): opening a database 331 → 190–200 MB in plain Node; a
 * 1M-row load with a sort and an index build 425 → 224 MB peak, at the same speed — sorts and
 * index builds spill to temp files instead. temp_buffers must be set before a session's first
 * temp table, so here.
 *
 * `wal_level = minimal` (which needs `max_wal_senders = 0`): nothing replicates from an
 * embedded database, and it lets a table emptied by TRUNCATE in a transaction be refilled
 * without WAL (db/derived-tables.ts rederiveWhole; a first load's merge, pipelines/merge.ts).
 */
const EMBEDDED_START = [
  ...PGlite.defaultStartParams,
  ...["-c", "shared_buffers=16MB", "-c", "maintenance_work_mem=16MB", "-c", "temp_buffers=2MB", "-c", "wal_level=minimal", "-c", "max_wal_senders=0"],
];

/** The empty clusters in-memory databases start from (db/empty-cluster.ts). */
const emptyClusterImage = clusterImages();

/**
 * A new in-memory database from the empty cluster image. An image that the cache held but
 * PGlite cannot load (a file damaged outside continuum) is discarded and made again, once.
 */
async function openInMemory(): Promise<PGlite> {
  const cluster = await emptyClusterImage(EMBEDDED_START);
  try {
    return await PGlite.create({ parsers: TYPE_PARSERS, startParams: EMBEDDED_START, loadDataDir: cluster.image });
  } catch (error) {
    if (cluster.source !== "cache") throw error;
    cluster.discard();
    return PGlite.create({ parsers: TYPE_PARSERS, startParams: EMBEDDED_START, loadDataDir: (await emptyClusterImage(EMBEDDED_START)).image });
  }
}

async function openEmbedded(dataDir: string, lockOptions?: DataDirLockOptions): Promise<Engine> {
  const inMemory = dataDir.startsWith("memory://");
  let release = () => {};
  let pglite: PGlite;
  if (inMemory) {
    pglite = await openInMemory();
  } else {
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    release = await lockDataDir(dataDir, lockOptions);
    try {
      mkdirSync(dataDir, { recursive: true });
      probeWritable(dataDir);
      pglite = await PGlite.create(dataDir, { parsers: TYPE_PARSERS, startParams: EMBEDDED_START });
    } catch (error) {
      release();
      throw error;
    }
  }
  const mutex = new Mutex();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite, mutex }) });
  const txDb = new Kysely<Database>({ dialect: new PGliteDialect({ pglite, mutex: new Mutex() }) });
  return {
    kind: "pglite",
    location: inMemory ? "memory" : path.resolve(dataDir),
    db,
    transaction: (fn) =>
      // The outer mutex keeps every other statement out from BEGIN to COMMIT; inside, a
      // second Kysely with its own (uncontended) mutex runs on the same instance.
      mutex.run(async () => {
        await pglite.exec("begin");
        try {
          const result = await fn({
            db: txDb,
            copyIn: async (copySql, data) => {
              await pglite.query(copySql.replace(/from\s+stdin/i, "from '/dev/blob'"), [], {
                blob: new Blob([data as BlobPart]),
              });
            },
          });
          await pglite.exec("commit");
          return result;
        } catch (error) {
          // A failed rollback must not hide why the transaction failed.
          await pglite.exec("rollback").catch(() => {});
          throw error;
        }
      }),
    dumpDataDir: () => mutex.run(async () => new Uint8Array(await (await pglite.dumpDataDir("gzip")).arrayBuffer())),
    snapshot: async () => {
      const unlock = await mutex.lock();
      await pglite.exec(BEGIN_SNAPSHOT);
      return {
        db: txDb,
        end: async () => {
          try {
            await pglite.exec("commit");
          } finally {
            unlock();
          }
        },
      };
    },
    close: async () => {
      try {
        await db.destroy();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite reports an unwritable folder only as "failed to initialize"; a probe file first
 * turns it into the operating system's own error (EACCES, EROFS, ENOSPC) for the message.
 */
function probeWritable(dataDir: string): void {
  const probe = path.join(dataDir, `.continuum-probe-${process.pid}`);
  closeSync(openSync(probe, "w"));
  unlinkSync(probe);
}

async function openServer(url: string): Promise<Engine> {
  const pool = new pg.Pool({
    connectionString: url,
    // No JIT compilation in continuum's sessions: its queries run for a second or less, and a
    // misestimated join (a CTE's rows guessed at 13M instead of 100k) pushed one past the JIT
    // thresholds, which spent 0.65 s compiling a query that ran in 0.5 s. The ingest already
    // turned it off for its transaction.
    options: "-c jit=off",
    max: 4,
    types: { getTypeParser: (oid: number, format?: string) => TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text") },
  });
  pool.on("error", () => {}); // an idle client's error surfaces on the next query instead
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    location: redactUrl(url),
    db,
    transaction: async (fn) => {
      const client = await pool.connect();
      // A checked-out client emits 'error' when the server cuts the session (a restart, a
      // terminated backend); without a listener that is an uncaught exception. The pending
      // query rejects with the same error, and the broken client is destroyed, not reused.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken ??= error);
      client.on("error", onError);
      const txDb = clientKysely(client);
      try {
        await client.query("begin");
        const result = await fn({
          db: txDb,
          copyIn: (copySql, data) =>
            new Promise<void>((resolve, reject) => {
              const stream = client.query(copyFromStream(copySql));
              stream.on("finish", resolve).on("error", reject);
              stream.end(data);
            }),
        });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw broken ?? error; // the server's own reason, not pg's "not queryable"
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    snapshot: async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => (broken ??= error);
      client.on("error", onError);
      try {
        await client.query(BEGIN_SNAPSHOT);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      return {
        db: clientKysely(client),
        end: async () => {
          try {
            await client.query("commit");
          } finally {
            client.off("error", onError);
            client.release(broken);
          }
        },
      };
    },
    close: () => db.destroy(),
  };
}

/**
 * A Kysely that always uses this one checked-out client; its "pool" never closes it. Its
 * queries go to the client one at a time: a report builds its scopes side by side
 * (reports/quarterly/index.ts), and pg, which would queue them itself, prints a deprecation
 * warning for every query sent while another runs on the same client.
 */
function clientKysely(client: pg.PoolClient): Kysely<Database> {
  const mutex = new Mutex();
  // Kysely sends only text and parameters here (it streams no cursors), so one signature is all it meets.
  const query = ((text: string, values?: unknown[]) => mutex.run(() => client.query(text, values))) as pg.PoolClient["query"];
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => ({ query, release: () => {} }), end: async () => {} } }),
  });
}

/** A server URL without its password, for messages and manifests. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparsable url)";
  }
}

/** Raw SQL on the engine's main connection (tests, admin commands). */
export async function execSql(engine: Engine, text: string): Promise<void> {
  await engine.db.executeQuery(CompiledQuery.raw(text));
}
