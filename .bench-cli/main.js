import {
  dataQualityFindings
} from "./chunk-ZPO5ZYFJ.js";
import {
  compareAnalysis,
  ittAnalysis,
  retentionAnalysis,
  satisfactionAnalysis,
  subgroupAnalysis
} from "./chunk-GE6B6QQ2.js";
import {
  COMPARISONS,
  DISCHARGE_REASONS,
  GROUP_KEYS,
  INPUT_KINDS,
  INSTRUMENTS,
  INSTRUMENT_CODES,
  LEVELS_OF_CARE,
  MODALITIES,
  TIMEPOINTS,
  TRACKS,
  WOULD_RECOMMEND,
  effectSizeTable,
  isInstrumentCode,
  isQuarter,
  lastCompleteQuarter
} from "./chunk-ZGI6E4IW.js";
import {
  DEFAULT_THRESHOLD,
  __export
} from "./chunk-C2NGQUBF.js";

// cli/context.ts
import { sql as sql4 } from "kysely";

// db/engine.ts
import { closeSync as closeSync2, mkdirSync as mkdirSync2, openSync as openSync2, unlinkSync as unlinkSync2 } from "node:fs";
import path2 from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { CompiledQuery as CompiledQuery2, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { from as copyFromStream } from "pg-copy-streams";

// db/data-dir-lock.ts
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// domain/errors.ts
var EXIT = {
  ok: 0,
  /** `--strict` and some rows were bad; also any failure without a more specific code. */
  failed: 1,
  usage: 2,
  /** A file refused whole: identifiers, unreadable, unknown header. */
  refused: 3,
  /** Database unreachable or failed. */
  database: 4
};
var CliError = class extends Error {
  constructor(message, reason, exitCode = EXIT.failed) {
    super(message);
    this.reason = reason;
    this.exitCode = exitCode;
    this.name = "CliError";
  }
  reason;
  exitCode;
};

// db/data-dir-lock.ts
var POLL_MS = 50;
var ABANDONED_TAKEOVER_MS = 1e4;
async function lockDataDir(dataDir, { waitMs = 6e5, onWait } = {}) {
  const lock = `${path.resolve(dataDir)}.lock`;
  const started = Date.now();
  let waiting = false;
  for (; ; ) {
    if (tryCreate(lock)) return releaser(lock);
    const holder = holderOf(lock);
    if (holder !== null && !alive(holder)) {
      takeOverStale(lock, holder);
      continue;
    }
    if (Date.now() - started > waitMs) {
      throw new CliError(`the embedded database at ${path.resolve(dataDir)} is in use by process ${holder ?? "?"}`, "database_busy", EXIT.database);
    }
    if (!waiting && holder !== null) onWait?.(holder);
    waiting = true;
    await sleep(POLL_MS);
  }
}
function tryCreate(lock) {
  let fd;
  try {
    fd = openSync(lock, "wx");
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}
`);
  } finally {
    closeSync(fd);
  }
  return true;
}
function holderOf(lock) {
  try {
    const pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
function alive(pid) {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function takeOverStale(lock, stalePid) {
  const guard = `${lock}.takeover`;
  try {
    mkdirSync(guard);
  } catch {
    try {
      if (Date.now() - statSync(guard).mtimeMs > ABANDONED_TAKEOVER_MS) rmdirSync(guard);
    } catch {
    }
    return;
  }
  try {
    if (holderOf(lock) === stalePid) unlinkSync(lock);
  } catch {
  } finally {
    rmdirSync(guard);
  }
}
function releaser(lock) {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    try {
      if (holderOf(lock) === process.pid) unlinkSync(lock);
    } catch {
    }
  };
  process.on("exit", release);
  return release;
}

// db/dialect/mutex.ts
var Mutex = class {
  #tail = Promise.resolve();
  /** Resolves with a release function once every earlier holder has released. */
  lock() {
    let release;
    const next = new Promise((resolve) => release = resolve);
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
  async run(fn) {
    const release = await this.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  }
};

// db/dialect/pglite-dialect.ts
import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler
} from "kysely";

// db/dialect/pglite-driver.ts
import {
  CompiledQuery
} from "kysely";
var PGliteConnection = class {
  constructor(pglite) {
    this.pglite = pglite;
  }
  pglite;
  async executeQuery(compiled) {
    const result = compiled.parameters.length === 0 ? (await this.pglite.exec(compiled.sql, { rowMode: "object" })).at(-1) ?? { rows: [], affectedRows: 0 } : await this.pglite.query(compiled.sql, compiled.parameters, { rowMode: "object" });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      // PGlite reports 0 affected rows for SELECT; Kysely expects undefined there.
      numAffectedRows: affected !== void 0 && !/^\s*(select|with)\b/i.test(compiled.sql) ? BigInt(affected) : void 0
    };
  }
  // PGlite has no cursors over the wire protocol here: stream the buffered result in chunks.
  async *streamQuery(compiled, chunkSize = 1e3) {
    const { rows } = await this.executeQuery(compiled);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
};
var PGliteDriver = class {
  constructor(pglite, mutex, onDestroy) {
    this.mutex = mutex;
    this.onDestroy = onDestroy;
    this.#connection = new PGliteConnection(pglite);
  }
  mutex;
  onDestroy;
  #connection;
  #releases = /* @__PURE__ */ new WeakMap();
  async init() {
  }
  async acquireConnection() {
    const release = await this.mutex.lock();
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }
  async beginTransaction(conn, settings) {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn) {
    await conn.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(conn) {
    await conn.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection(conn) {
    const release = this.#releases.get(conn);
    this.#releases.delete(conn);
    release?.();
  }
  async destroy() {
    await this.onDestroy();
  }
};

// db/dialect/pglite-dialect.ts
var PGliteDialect = class {
  constructor(config) {
    this.config = config;
  }
  config;
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    const { pglite, mutex } = this.config;
    return new PGliteDriver(pglite, mutex, async () => {
      if (!pglite.closed) await pglite.close();
    });
  }
  createIntrospector(db) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
};

// db/type-parsers.ts
var OID = { int8: 20, numeric: 1700, date: 1082 };
var identity = (value) => value;
var toNumber = (value) => Number(value);
var TYPE_PARSERS = {
  [OID.date]: identity,
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber
};

// db/engine.ts
var BEGIN_SNAPSHOT = "begin isolation level repeatable read read only";
function defaultDataDir(env = process.env) {
  return path2.join(env.CONTINUUM_HOME ?? ".continuum", "db");
}
async function openEngine(options = {}) {
  return options.url ? openServer(options.url) : openEmbedded(options.dataDir ?? defaultDataDir(), options.lock);
}
var EMBEDDED_START = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "maintenance_work_mem=16MB", "-c", "temp_buffers=2MB"];
async function openEmbedded(dataDir, lockOptions) {
  const inMemory = dataDir.startsWith("memory://");
  let release = () => {
  };
  let pglite;
  if (inMemory) {
    pglite = await PGlite.create({ parsers: TYPE_PARSERS, startParams: EMBEDDED_START });
  } else {
    mkdirSync2(path2.dirname(path2.resolve(dataDir)), { recursive: true });
    release = await lockDataDir(dataDir, lockOptions);
    try {
      mkdirSync2(dataDir, { recursive: true });
      probeWritable(dataDir);
      pglite = await PGlite.create(dataDir, { parsers: TYPE_PARSERS, startParams: EMBEDDED_START });
    } catch (error) {
      release();
      throw error;
    }
  }
  const mutex = new Mutex();
  const db = new Kysely({ dialect: new PGliteDialect({ pglite, mutex }) });
  const txDb = new Kysely({ dialect: new PGliteDialect({ pglite, mutex: new Mutex() }) });
  return {
    kind: "pglite",
    location: inMemory ? "memory" : path2.resolve(dataDir),
    db,
    transaction: (fn) => (
      // The outer mutex keeps every other statement out from BEGIN to COMMIT; inside, a
      // second Kysely with its own (uncontended) mutex runs on the same instance.
      mutex.run(async () => {
        await pglite.exec("begin");
        try {
          const result = await fn({
            db: txDb,
            copyIn: async (copySql, data) => {
              await pglite.query(copySql.replace(/from\s+stdin/i, "from '/dev/blob'"), [], {
                blob: new Blob([data])
              });
            }
          });
          await pglite.exec("commit");
          return result;
        } catch (error) {
          await pglite.exec("rollback").catch(() => {
          });
          throw error;
        }
      })
    ),
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
        }
      };
    },
    close: async () => {
      try {
        await db.destroy();
      } finally {
        release();
      }
    }
  };
}
function probeWritable(dataDir) {
  const probe = path2.join(dataDir, `.continuum-probe-${process.pid}`);
  closeSync2(openSync2(probe, "w"));
  unlinkSync2(probe);
}
async function openServer(url) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: { getTypeParser: (oid, format) => TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format) }
  });
  pool.on("error", () => {
  });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    location: redactUrl(url),
    db,
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken;
      const onError = (error) => broken ??= error;
      client.on("error", onError);
      const txDb = clientKysely(client);
      try {
        await client.query("begin");
        const result = await fn({
          db: txDb,
          copyIn: (copySql, data) => new Promise((resolve, reject) => {
            const stream = client.query(copyFromStream(copySql));
            stream.on("finish", resolve).on("error", reject);
            stream.end(data);
          })
        });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {
        });
        throw broken ?? error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    snapshot: async () => {
      const client = await pool.connect();
      let broken;
      const onError = (error) => broken ??= error;
      client.on("error", onError);
      try {
        await client.query(BEGIN_SNAPSHOT);
      } catch (error) {
        client.release(error);
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
        }
      };
    },
    close: () => db.destroy()
  };
}
function clientKysely(client) {
  return new Kysely({
    dialect: new PostgresDialect({
      pool: { connect: async () => ({ query: client.query.bind(client), release: () => {
      } }), end: async () => {
      } }
    })
  });
}
function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparsable url)";
  }
}

// db/migrate.ts
import { Migrator } from "kysely";

// db/migrations/0001-core.ts
var core_exports = {};
__export(core_exports, {
  down: () => down,
  up: () => up
});
import { sql } from "kysely";
async function up(db) {
  await sql`
    create table sites (
      site_id text primary key check (site_id <> ''),
      name text
    );

    create table ingest_ledger (
      ingest_id integer generated always as identity primary key,
      file_name text not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      kind text not null check (kind in ('episodes', 'assessments', 'redcap')),
      profile text,
      status text not null check (status in ('running', 'loaded', 'failed', 'refused')),
      rows_read integer not null default 0 check (rows_read >= 0),
      inserted integer not null default 0 check (inserted >= 0),
      updated integer not null default 0 check (updated >= 0),
      unchanged integer not null default 0 check (unchanged >= 0),
      quarantined integer not null default 0 check (quarantined >= 0),
      reasons jsonb not null default '{}'::jsonb,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      message text
    );
    -- The same bytes load once: at most one successful ledger row per content hash.
    create unique index ingest_ledger_loaded_once on ingest_ledger (sha256) where status = 'loaded';

    create table episodes (
      episode_id text primary key check (episode_id <> ''),
      patient_id text not null check (patient_id <> ''),
      site_id text not null references sites (site_id),
      level_of_care text not null check (level_of_care in ('OP', 'IOP', 'PHP', 'RES', 'INP')),
      asam_level text,
      track text check (track in ('MH', 'SUD', 'COD')),
      modality text check (modality in ('in_person', 'virtual', 'hybrid')),
      admitted_on date not null,
      discharged_on date,
      discharge_reason text check (discharge_reason in
        ('completed', 'left_early', 'transferred_up', 'transferred_down', 'administrative', 'other')),
      sessions_scheduled integer check (sessions_scheduled >= 0),
      sessions_attended integer check (sessions_attended >= 0),
      hours_attended numeric(8, 2) check (hours_attended >= 0),
      age_band text,
      gender text,
      race_ethnicity text,
      payer text,
      would_recommend text check (would_recommend in ('yes', 'no')),
      ingest_id integer not null references ingest_ledger (ingest_id),
      constraint episodes_date_order check (discharged_on >= admitted_on),
      constraint episodes_reason_needs_discharge check (discharge_reason is null or discharged_on is not null)
    );
    create index episodes_site on episodes (site_id);

    create table assessments (
      episode_id text not null references episodes (episode_id),
      instrument text not null check (instrument in
        ('PHQ9', 'GAD7', 'PCL5', 'ISI', 'PSQI', 'SWLS', 'BAM', 'AUDITC', 'DAST10', 'DAYS_USE')),
      assessed_on date not null,
      timepoint_label text check (timepoint_label in ('intake', 'discharge', 'followup_6m')),
      total_score double precision not null,
      items smallint[],
      ingest_id integer not null references ingest_ledger (ingest_id),
      primary key (episode_id, instrument, assessed_on),
      constraint assessments_total_in_range check (case instrument
        when 'PHQ9' then total_score between 0 and 27
        when 'GAD7' then total_score between 0 and 21
        when 'PCL5' then total_score between 0 and 80
        when 'ISI' then total_score between 0 and 28
        when 'PSQI' then total_score between 0 and 21
        when 'SWLS' then total_score between 5 and 35
        when 'BAM' then total_score between 0 and 12
        when 'AUDITC' then total_score between 0 and 12
        when 'DAST10' then total_score between 0 and 10
        when 'DAYS_USE' then total_score between 0 and 30
      end),
      -- Items: the instrument's count, each inside its range (a null element = unanswered).
      constraint assessments_items_shape check (items is null or case instrument
        when 'PHQ9' then cardinality(items) = 9 and 0 <= all (items) and 3 >= all (items)
        when 'GAD7' then cardinality(items) = 7 and 0 <= all (items) and 3 >= all (items)
        when 'PCL5' then cardinality(items) = 20 and 0 <= all (items) and 4 >= all (items)
        when 'ISI' then cardinality(items) = 7 and 0 <= all (items) and 4 >= all (items)
        when 'PSQI' then cardinality(items) = 7 and 0 <= all (items) and 3 >= all (items)
        when 'SWLS' then cardinality(items) = 5 and 1 <= all (items) and 7 >= all (items)
        when 'BAM' then cardinality(items) = 3 and 0 <= all (items) and 4 >= all (items)
        when 'AUDITC' then cardinality(items) = 3 and 0 <= all (items) and 4 >= all (items)
        when 'DAST10' then cardinality(items) = 10 and 0 <= all (items) and 1 >= all (items)
        else false
      end)
    );
    create index assessments_instrument on assessments (instrument, episode_id);

    create table ingest_changes (
      change_id bigint generated always as identity,
      episode_id text not null,
      ingest_id integer not null references ingest_ledger (ingest_id),
      table_name text not null check (table_name in ('episodes', 'assessments')),
      natural_key text not null,
      column_name text not null,
      old_value text,
      new_value text,
      primary key (episode_id, change_id)
    );

    create table quarantine (
      quarantine_id bigint generated always as identity primary key,
      ingest_id integer not null references ingest_ledger (ingest_id),
      file_name text not null,
      line integer not null check (line >= 1),
      column_name text,
      reason text not null check (reason in ('missing_required', 'bad_date', 'bad_number',
        'bad_code', 'unknown_instrument', 'score_out_of_range', 'item_out_of_range',
        'items_total_mismatch', 'items_incomplete', 'unknown_episode', 'unknown_level_of_care',
        'date_order', 'duplicate_in_file', 'field_too_long', 'wrong_column_count')),
      raw_row text not null
    );
    create index quarantine_ingest on quarantine (ingest_id);
  `.execute(db);
}
async function down(db) {
  await sql`drop table quarantine, ingest_changes, assessments, episodes, ingest_ledger, sites`.execute(db);
}

// db/migrations/0002-quarantine-index.ts
var quarantine_index_exports = {};
__export(quarantine_index_exports, {
  down: () => down2,
  up: () => up2
});
import { sql as sql2 } from "kysely";
async function up2(db) {
  await sql2`create view quarantine_index as select quarantine_id, ingest_id, file_name, line, column_name, reason from quarantine`.execute(db);
}
async function down2(db) {
  await sql2`drop view quarantine_index`.execute(db);
}

// db/migrations/0003-load-physical-design.ts
var load_physical_design_exports = {};
__export(load_physical_design_exports, {
  down: () => down3,
  up: () => up3
});
import { sql as sql3 } from "kysely";
var KEYS = [
  ["sites", ["site_id"]],
  ["episodes", ["episode_id", "site_id"]],
  ["assessments", ["episode_id", "instrument"]],
  ["ingest_changes", ["episode_id"]]
];
async function setKeyCollation(db, collation) {
  for (const [table, columns] of KEYS) {
    const changes = columns.map((c) => sql3`alter column ${sql3.ref(c)} type text collate ${sql3.raw(`"${collation}"`)}`);
    await sql3`alter table ${sql3.table(table)} ${sql3.join(changes)}`.execute(db);
  }
}
async function up3(db) {
  await sql3`drop index assessments_instrument`.execute(db);
  await setKeyCollation(db, "C");
}
async function down3(db) {
  await setKeyCollation(db, "default");
  await sql3`create index assessments_instrument on assessments (instrument, episode_id)`.execute(db);
}

// db/migrations/index.ts
var MIGRATIONS = {
  "0001-core": core_exports,
  "0002-quarantine-index": quarantine_index_exports,
  "0003-load-physical-design": load_physical_design_exports
};
var migrationProvider = {
  getMigrations: async () => MIGRATIONS
};

// db/migrate.ts
async function migrateToLatest(db) {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  const all = await migrator.getMigrations();
  const executed = all.filter((m) => m.executedAt);
  return {
    applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName),
    latest: executed.at(-1)?.name ?? null
  };
}

// cli/errors.ts
var usageError = (message) => new CliError(message, "usage", EXIT.usage);
var DATABASE_CODES = /^(08|53|57|58|XX)|^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE)$/;
function isDatabaseFailure(error) {
  const code = error?.code;
  if (typeof code === "string" && DATABASE_CODES.test(code)) return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|terminating connection|connection error and is not queryable|PGlite is closed|could not connect|database .* does not exist/i.test(message);
}
function connectionLost(error) {
  const code = error?.code;
  const message = error instanceof Error ? error.message : "";
  return typeof code === "string" && /^(57P0[1-3]|08006|ECONNRESET|EPIPE)$/.test(code) || /Connection terminated|terminating connection|not queryable/i.test(message);
}
function storageFault(error) {
  const code = error?.code;
  const message = error instanceof Error ? error.message : "";
  if (code === "ENOSPC" || code === "53100" || /no space left on device/i.test(message)) return { reason: "disk_full", what: "the disk is full" };
  if (code === "EACCES" || code === "EPERM" || code === "EROFS" || /permission denied|read-only file system/i.test(message)) {
    return { reason: "permission_denied", what: "permission denied" };
  }
  return null;
}
function describeFailure(error) {
  if (error instanceof CliError) return { line: `continuum: ${error.message} (${error.reason})`, exitCode: error.exitCode };
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const storage = storageFault(error);
  const privilege = error?.code === "42501";
  if (storage && (isDatabaseFailure(error) || privilege)) return { line: `continuum: database failed, ${storage.what}: ${message} (${storage.reason})`, exitCode: EXIT.database };
  if (connectionLost(error)) {
    return { line: `continuum: lost the connection to the database (${message}); its unfinished transaction was rolled back, run the command again (database_unavailable)`, exitCode: EXIT.database };
  }
  if (isDatabaseFailure(error)) return { line: `continuum: database failed: ${message} (database_unavailable)`, exitCode: EXIT.database };
  return { line: `continuum: ${message} (internal_error)`, exitCode: EXIT.failed };
}

// cli/context.ts
var processContext = () => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interactive: Boolean(process.stderr.isTTY)
});
async function connect(ctx, dbOption, { schema = true, snapshot = false } = {}) {
  const engine = await open(ctx, dbOption);
  if (schema) await ensureSchema(engine);
  if (!snapshot) return engine;
  const view = await engine.snapshot();
  return {
    ...engine,
    db: view.db,
    close: async () => {
      try {
        await view.end();
      } finally {
        await engine.close();
      }
    }
  };
}
async function ensureSchema(engine) {
  if (engine.kind === "pglite") {
    await migrateToLatest(engine.db);
    return;
  }
  const { rows } = await sql4`select to_regclass('public.ingest_ledger') is not null as present`.execute(engine.db);
  if (!rows[0]?.present) {
    await engine.close();
    throw new CliError(`the database at ${engine.location} has no continuum schema; run continuum migrate`, "schema_missing", EXIT.database);
  }
}
async function open(ctx, dbOption) {
  const url = dbOption ?? ctx.env.DATABASE_URL;
  try {
    const onWait = (pid) => ctx.stderr.write(`waiting: process ${pid} has the embedded database open
`);
    const engine = await openEngine(url ? { url } : { dataDir: defaultDataDir(ctx.env), lock: { onWait } });
    await engine.db.selectNoFrom((eb) => eb.lit(1).as("ok")).execute();
    return engine;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const what = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (url || isDatabaseFailure(error)) {
      throw new CliError(`cannot open the database: ${what}`, "database_unavailable", EXIT.database);
    }
    const dataDir = defaultDataDir(ctx.env);
    const storage = storageFault(error);
    if (storage) throw new CliError(`cannot open the embedded database at ${dataDir}: ${storage.what}`, storage.reason, EXIT.database);
    throw new CliError(`cannot open the embedded database at ${dataDir}: ${what}`, "database_unavailable", EXIT.database);
  }
}

// cli/run.ts
import { parseArgs } from "node:util";

// cli/command.ts
var GLOBAL_OPTIONS = {
  db: { type: "string" },
  json: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
var stringOption = (values, name) => {
  const v = values[name];
  return typeof v === "string" ? v : void 0;
};

// queries/data-cut.ts
import { sql as sql5 } from "kysely";
async function dataCut(db) {
  const { rows } = await sql5`
    select greatest(
      (select max(admitted_on) from episodes),
      (select max(discharged_on) from episodes),
      (select max(assessed_on) from assessments)
    ) as cut`.execute(db);
  return rows[0]?.cut ?? null;
}

// cli/commands/analyze.ts
var BY_ALIASES = { site: "site_id", level: "level_of_care" };
var FILTER_OPTIONS = [
  ["site", "site_id"],
  ["level-of-care", "level_of_care"],
  ["track", "track"],
  ["modality", "modality"],
  ["age-band", "age_band"],
  ["gender", "gender"],
  ["race-ethnicity", "race_ethnicity"],
  ["payer", "payer"]
];
var cohortWhere = (values) => Object.fromEntries(FILTER_OPTIONS.filter(([option]) => typeof values[option] === "string").map(([option, key]) => [key, values[option]]));
function parseBy(value) {
  if (!value) return ["level_of_care"];
  const keys = value.split(",").map((k) => BY_ALIASES[k.trim()] ?? k.trim());
  for (const k of keys) if (!GROUP_KEYS.includes(k)) throw usageError(`--by ${k} is not one of ${GROUP_KEYS.join(", ")}`);
  if (keys.length > 2) throw usageError("--by takes one or two keys");
  return keys;
}
function parseComparisons(from, to) {
  if (!from && !to) return Object.keys(COMPARISONS);
  const name = `${from ?? "intake"}_${to ?? "discharge"}`;
  if (!(name in COMPARISONS)) throw usageError(`--from ${from ?? "intake"} --to ${to ?? "discharge"} is not a comparison (${Object.keys(COMPARISONS).join(", ")})`);
  return [name];
}
var num = (x, digits = 2) => x === null ? "\u2014" : x.toFixed(digits);
var ci = (c) => c ? `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]` : "";
function renderEffectTable(rows, by) {
  const header = ["comparison", ...by, "instrument", "n", "missing", "pre", "post", "d_z [95% CI]", "g_av", "d_pre", "p", "% reliably improved"];
  const body = rows.map((r) => [
    r.comparison,
    ...by.map((k) => String(r[k] ?? "(none)")),
    r.instrument,
    String(r.n),
    String(r.n_missing),
    num(r.pre_mean, 1),
    num(r.post_mean, 1),
    `${num(r.d_z)} ${ci(r.d_z_ci)}`,
    num(r.g_av),
    num(r.d_pre),
    r.p === null ? "\u2014" : r.p < 1e-3 ? "<.001" : r.p.toFixed(3),
    num(r.pct_reliable_improvement, 0)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => i >= by.length + 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])).join("  ");
  return [line(header), ...body.map(line)].join("\n") + "\n";
}
var analyze = {
  name: "analyze",
  summary: "effect sizes intake\u2192discharge and at six months, by level of care or another key",
  usage: "continuum analyze [retention|itt|compare|satisfaction|subgroups] [--from intake|discharge --to discharge|followup_6m] [--by level_of_care[,track]] [--instrument X] [--quarter 2026Q3] [--site S --level-of-care L --track T --modality M --age-band A --gender G --race-ethnicity R --payer P] [--reference IOP] [--at 30,60,90] [--db URL] [--json]",
  options: {
    from: { type: "string" },
    to: { type: "string" },
    by: { type: "string" },
    instrument: { type: "string" },
    quarter: { type: "string" },
    reference: { type: "string" },
    at: { type: "string" },
    ...Object.fromEntries(FILTER_OPTIONS.map(([option]) => [option, { type: "string" }]))
  },
  async run({ values, positionals }, ctx) {
    const [sub] = positionals;
    if (sub !== void 0) return runSubAnalysis(sub, values, ctx);
    const by = parseBy(stringOption(values, "by"));
    const comparisons = parseComparisons(stringOption(values, "from"), stringOption(values, "to"));
    const instrument = stringOption(values, "instrument")?.toUpperCase();
    if (instrument && !isInstrumentCode(instrument)) throw usageError(`--instrument ${instrument} is not in the catalog`);
    const quarter = stringOption(values, "quarter");
    if (quarter && !isQuarter(quarter)) throw usageError("--quarter looks like 2026Q3");
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const cut = await dataCut(engine.db);
      const rows = cut ? await effectSizeTable(engine.db, { comparisons, by, dataCut: cut, filter: { instrument, quarter, where: cohortWhere(values) } }) : [];
      if (values.json) ctx.stdout.write(`${JSON.stringify({ data_cut: cut, rows })}
`);
      else ctx.stdout.write(rows.length ? renderEffectTable(rows, by) : "no paired scores for this selection\n");
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};
var SUBCOMMANDS = ["retention", "itt", "compare", "satisfaction", "subgroups"];
async function runSubAnalysis(sub, values, ctx) {
  if (!SUBCOMMANDS.includes(sub)) throw usageError(`unknown analysis "${sub}"; one of ${SUBCOMMANDS.join(", ")}`);
  const [by] = parseBy(stringOption(values, "by"));
  const instrument = (stringOption(values, "instrument") ?? "PHQ9").toUpperCase();
  if (!isInstrumentCode(instrument)) throw usageError(`--instrument ${instrument} is not in the catalog`);
  const at = (stringOption(values, "at") ?? "30,60,90").split(",").map(Number);
  if (at.some((d) => !Number.isInteger(d) || d < 0)) throw usageError("--at takes days like 30,60,90");
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const doc = sub === "retention" ? await retentionAnalysis(engine.db, { dataCut: cut, by, at }) : sub === "itt" ? await ittAnalysis(engine.db, { instrument, dataCut: cut, by }) : sub === "compare" ? await compareAnalysis(engine.db, { instrument, dataCut: cut, comparison: parseComparisons(stringOption(values, "from") ?? "intake", stringOption(values, "to") ?? "discharge")[0], reference: stringOption(values, "reference") }) : sub === "subgroups" ? await subgroupAnalysis(engine.db, { instrument, dataCut: cut, comparison: parseComparisons(stringOption(values, "from") ?? "intake", stringOption(values, "to") ?? "discharge")[0] }) : await satisfactionAnalysis(engine.db, { by: [by] });
    const { steps: _steps, ...published } = doc;
    ctx.stdout.write(`${JSON.stringify(published, null, values.json ? void 0 : 2)}
`);
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

// cli/commands/backup.ts
import { existsSync as existsSync2 } from "node:fs";
import path4 from "node:path";

// db/backup.ts
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync as mkdirSync3, readdirSync, readFileSync as readFileSync2, renameSync, rmSync, writeFileSync } from "node:fs";
import path3 from "node:path";
import { gunzipSync } from "node:zlib";
import { PGlite as PGlite2 } from "@electric-sql/pglite";
async function backupDatabase(engine, url, file) {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    if (engine.dumpDataDir) writeFileSync(temp, await engine.dumpDataDir());
    else runTool("pg_dump", ["--format=custom", "--no-owner", "--file", temp], url);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const data = readFileSync2(file);
  return { file, engine: engine.kind, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") };
}
function backupKind(file) {
  let head;
  try {
    head = readFileSync2(file).subarray(0, 5);
  } catch (error) {
    throw unreadable(`cannot read the backup ${file}`, error);
  }
  if (head[0] === 31 && head[1] === 139) return "pglite";
  if (head.toString("latin1") === "PGDMP") return "postgres";
  throw new CliError(`${file} is not a continuum backup (neither an embedded-database dump nor pg_dump's custom format)`, "unreadable_backup", EXIT.refused);
}
async function restoreEmbedded(dataDir, file, { force = false, lock } = {}) {
  mkdirSync3(path3.dirname(path3.resolve(dataDir)), { recursive: true });
  const release = await lockDataDir(dataDir, lock);
  const staging = `${path3.resolve(dataDir)}.restore-${process.pid}`;
  try {
    if (!force && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new CliError(`the embedded database at ${path3.resolve(dataDir)} already holds data; --force replaces it`, "database_not_empty", EXIT.usage);
    }
    const tar = embeddedTar(file);
    rmSync(staging, { recursive: true, force: true });
    try {
      const pglite = await PGlite2.create(staging, { loadDataDir: new Blob([tar]) });
      await pglite.query("select count(*) from pg_class");
      await pglite.close();
    } catch (error) {
      throw unreadable(`${file} could not be loaded as an embedded database`, error);
    }
    const old = `${path3.resolve(dataDir)}.old-${process.pid}`;
    const hadOld = existsSync(dataDir);
    if (hadOld) renameSync(dataDir, old);
    try {
      renameSync(staging, dataDir);
    } catch (error) {
      if (hadOld) renameSync(old, dataDir);
      throw error;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}
function embeddedTar(file) {
  let tar;
  try {
    tar = gunzipSync(readFileSync2(file));
  } catch (error) {
    throw unreadable(`${file} is damaged`, error);
  }
  if (tar.subarray(257, 262).toString("latin1") !== "ustar") {
    throw new CliError(`${file} is not an embedded-database backup (gzip without a tar archive inside)`, "unreadable_backup", EXIT.refused);
  }
  return tar;
}
function unreadable(what, error) {
  return new CliError(`${what}: ${error.message.split("\n")[0]}`, "unreadable_backup", EXIT.refused);
}
function restoreServer(url, file) {
  try {
    execFileSync(findTool("pg_restore"), ["--file", "/dev/null", file], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw unreadable(`${file} is damaged`, new Error(firstStderrLine(error)));
  }
  runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname"], url, [file]);
}
function runTool(tool, args, url, after = []) {
  const binary = findTool(tool);
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const target = tool === "pg_dump" ? ["--dbname", u.toString()] : [u.toString()];
  try {
    execFileSync(binary, [...args, ...target, ...after], { env: { ...process.env, ...password ? { PGPASSWORD: password } : {} }, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new CliError(`${tool} failed: ${firstStderrLine(error)}`, `${tool === "pg_dump" ? "backup" : "restore"}_failed`, EXIT.database);
  }
}
function firstStderrLine(error) {
  const stderr = String(error.stderr ?? "").trim().split("\n")[0] || error.message;
  return stderr.replace(/^\S+: /, "");
}
function findTool(tool, where = { path: process.env.PATH ?? "", root: "/usr/lib/postgresql" }) {
  for (const dir of where.path.split(path3.delimiter)) if (dir && existsSync(path3.join(dir, tool))) return path3.join(dir, tool);
  const { root } = where;
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path3.join(root, v, "bin", tool))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length) return path3.join(root, versions[0], "bin", tool);
  throw new CliError(`${tool} not found; install postgresql-client-15`, "backup_tool_missing", EXIT.database);
}

// cli/commands/backup.ts
var ENGINE_NAME = { pglite: "the embedded database", postgres: "a Postgres server" };
var backup = {
  name: "backup",
  summary: "write the whole database to FILE (embedded: a folder dump; server: pg_dump custom format)",
  usage: "continuum backup FILE [--db URL] [--json]",
  options: {},
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw usageError("name the one file to write the backup to");
    const file = path4.resolve(positionals[0]);
    if (!existsSync2(path4.dirname(file))) throw usageError(`the folder ${path4.dirname(file)} does not exist`);
    const url = stringOption(values, "db") ?? (ctx.env.DATABASE_URL || void 0);
    const engine = await connect(ctx, url);
    try {
      const result = await backupDatabase(engine, url, file);
      ctx.stdout.write(values.json ? `${JSON.stringify(result)}
` : `backup of ${engine.location} written to ${file} (${result.bytes} bytes, sha256 ${result.sha256})
`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};
var restore = {
  name: "restore",
  summary: "replace the database with a backup written by continuum backup (--force over an embedded database that holds data)",
  usage: "continuum restore FILE [--force] [--db URL] [--json]",
  options: { force: { type: "boolean" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw usageError("name the one backup file to restore");
    const file = path4.resolve(positionals[0]);
    const url = stringOption(values, "db") ?? (ctx.env.DATABASE_URL || void 0);
    const target = url ? "postgres" : "pglite";
    const kind = backupKind(file);
    if (kind !== target) {
      throw new CliError(`${file} is a backup of ${ENGINE_NAME[kind]} and cannot be restored into ${ENGINE_NAME[target]}`, "backup_engine_mismatch", EXIT.usage);
    }
    if (url) restoreServer(url, file);
    else {
      const onWait = (pid) => ctx.stderr.write(`waiting: process ${pid} has the embedded database open
`);
      await restoreEmbedded(defaultDataDir(ctx.env), file, { force: Boolean(values.force), lock: { onWait } });
    }
    ctx.stdout.write(values.json ? `${JSON.stringify({ file, engine: target, restored: true })}
` : `restored ${file} into ${ENGINE_NAME[target]}
`);
    return EXIT.ok;
  }
};

// cli/commands/check.ts
var check = {
  name: "check",
  summary: "data-quality findings (conformance, completeness, plausibility) with counts",
  usage: "continuum check [--db URL] [--json]",
  options: {},
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const cut = await dataCut(engine.db);
      const findings = await dataQualityFindings(engine.db, { dataCut: cut });
      if (values.json) {
        const doc = { data_cut: cut, findings: findings.map(({ code, severity, count, examples }) => ({ code, severity, count, examples })) };
        ctx.stdout.write(`${JSON.stringify(doc)}
`);
        return EXIT.ok;
      }
      const width = Math.max(...findings.map((f) => f.code.length));
      ctx.stdout.write(`data cut ${cut ?? "(no data)"}
`);
      for (const f of findings) {
        const mark = f.count === 0 ? "ok " : f.severity === "error" ? "ERR" : f.severity === "warning" ? "WRN" : "inf";
        const eg = f.examples.length ? `  e.g. ${f.examples.join(", ")}` : "";
        ctx.stdout.write(`${mark} ${f.code.padEnd(width)} ${String(f.count).padStart(7)}  ${f.description}${eg}
`);
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};

// cli/commands/demo.ts
import { mkdirSync as mkdirSync6, writeFileSync as writeFileSync2 } from "node:fs";
import path9 from "node:path";

// fixtures/write-cohort.ts
import { createWriteStream, mkdirSync as mkdirSync4 } from "node:fs";
import path5 from "node:path";
import { once } from "node:events";

// domain/columns.ts
var EPISODE_COLUMNS = [
  "episode_id",
  "patient_id",
  "site_id",
  "level_of_care",
  "asam_level",
  "track",
  "modality",
  "admitted_on",
  "discharged_on",
  "discharge_reason",
  "sessions_scheduled",
  "sessions_attended",
  "hours_attended",
  "age_band",
  "gender",
  "race_ethnicity",
  "payer",
  "would_recommend"
];
var EPISODE_REQUIRED = [
  "episode_id",
  "patient_id",
  "site_id",
  "level_of_care",
  "admitted_on"
];
var ASSESSMENT_FIXED_COLUMNS = [
  "episode_id",
  "instrument",
  "assessed_on",
  "timepoint",
  "total_score"
];
var itemColumn = (i) => `item_${i}`;
var itemColumns = (n) => Array.from({ length: n }, (_, k) => itemColumn(k + 1));

// fixtures/dates.ts
var MS_PER_DAY = 864e5;
var toDay = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
var fromDay = (day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

// fixtures/parameters.ts
var SCORED_INSTRUMENTS = ["PHQ9", "GAD7", "PCL5", "ISI", "SWLS", "DAYS_USE"];
var SCORE_MODEL = {
  PHQ9: { mean: 15, sd: 4.5 },
  GAD7: { mean: 13, sd: 4 },
  PCL5: { mean: 42, sd: 13 },
  ISI: { mean: 15, sd: 4.5 },
  SWLS: { mean: 15, sd: 5 },
  DAYS_USE: { mean: 14, sd: 6 }
};
var PRE_POST_CORRELATION = 0.5;
var DEFAULT_EFFECTS = {
  OP: { PHQ9: 0.6, GAD7: 0.55, PCL5: 0.45, ISI: 0.5, SWLS: 0.4, DAYS_USE: 0.5 },
  IOP: { PHQ9: 0.9, GAD7: 0.85, PCL5: 0.75, ISI: 0.8, SWLS: 0.6, DAYS_USE: 0.8 },
  PHP: { PHQ9: 1.1, GAD7: 1, PCL5: 0.9, ISI: 0.95, SWLS: 0.7, DAYS_USE: 0.9 },
  RES: { PHQ9: 1.2, GAD7: 1.1, PCL5: 1, ISI: 1, SWLS: 0.8, DAYS_USE: 1.2 }
};
var DEFAULT_PARAMETERS = {
  episodes: 2e3,
  seed: 1,
  dataCut: "2026-11-15",
  firstAdmission: "2024-01-01",
  lastAdmission: "2026-09-30",
  sites: 3,
  effects: DEFAULT_EFFECTS,
  durability: 0.8,
  levelShares: { OP: 0.3, IOP: 0.35, PHP: 0.25, RES: 0.1 },
  trackShares: { MH: 0.55, SUD: 0.2, COD: 0.25 },
  modalityShares: { in_person: 0.6, virtual: 0.3, hybrid: 0.1 },
  dischargeReasonShares: { completed: 0.65, left_early: 0.2, transferred_up: 0.04, transferred_down: 0.05, administrative: 0.03, other: 0.03 },
  stepDownShare: 0.08,
  iopUnderHoursShare: 0.02,
  completion: { intake: 0.95, discharge: 0.85, dischargeIfLeftEarly: 0.3, followup: 0.45, followupIfLeftEarly: 0.25 },
  itemLevelShare: 0.9,
  wouldRecommend: { answered: 0.7, yes: 0.9 },
  labels: { empty: 0.05, wrong: 5e-3 }
};
var LENGTH_OF_STAY = {
  OP: { mean: 84, sd: 21, min: 28 },
  IOP: { mean: 49, sd: 10, min: 21 },
  PHP: { mean: 21, sd: 5, min: 10 },
  RES: { mean: 28, sd: 7, min: 14 }
};
var HOURS_BAND = {
  OP: [2, 8.5],
  IOP: [9.5, 18.5],
  PHP: [20.5, 30],
  RES: [30, 40]
};
var SESSIONS_PER_WEEK = { OP: 1.5, IOP: 3, PHP: 5, RES: 7 };

// fixtures/random.ts
var Random = class {
  #a;
  #b;
  #c;
  #d;
  #spare = null;
  constructor(seed) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = s + 2654435769 >>> 0;
      let z = s;
      z = Math.imul(z ^ z >>> 16, 2246822507) >>> 0;
      z = Math.imul(z ^ z >>> 13, 3266489909) >>> 0;
      return (z ^ z >>> 16) >>> 0;
    };
    this.#a = splitmix();
    this.#b = splitmix();
    this.#c = splitmix();
    this.#d = splitmix();
    for (let i = 0; i < 12; i++) this.next();
  }
  /** Uniform on [0, 1) with 32 bits. */
  next() {
    const t = (this.#a + this.#b >>> 0) + this.#d >>> 0;
    this.#d = this.#d + 1 >>> 0;
    this.#a = this.#b ^ this.#b >>> 9;
    this.#b = this.#c + (this.#c << 3) >>> 0;
    this.#c = (this.#c << 21 | this.#c >>> 11) >>> 0;
    this.#c = this.#c + t >>> 0;
    return t / 4294967296;
  }
  uniform(min, max) {
    return min + (max - min) * this.next();
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bernoulli(p) {
    return this.next() < p;
  }
  /** Standard normal by the Box–Muller transform (the spare value is kept for the next call). */
  normal(mean = 0, sd = 1) {
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }
  /** Picks a key of `weights` with probability proportional to its weight. */
  pick(weights) {
    const keys = Object.keys(weights);
    const total = keys.reduce((s, k) => s + weights[k], 0);
    let u = this.next() * total;
    for (const k of keys) {
      u -= weights[k];
      if (u < 0) return k;
    }
    return keys[keys.length - 1];
  }
};

// fixtures/scores.ts
function toScore(instrument, value) {
  const { min, max } = INSTRUMENTS[instrument].total;
  return Math.min(max, Math.max(min, Math.round(value)));
}
function drawScores(rng, instrument, dz, durability) {
  const { mean, sd } = SCORE_MODEL[instrument];
  const rho = PRE_POST_CORRELATION;
  const delta = dz * sd * Math.sqrt(2 * (1 - rho));
  const sign = INSTRUMENTS[instrument].better === "higher" ? 1 : -1;
  const z1 = rng.normal();
  const z2 = rng.normal();
  const z3 = rng.normal();
  const residual = sd * Math.sqrt(1 - rho * rho);
  return {
    intake: toScore(instrument, mean + sd * z1),
    discharge: toScore(instrument, mean + sign * delta + rho * sd * z1 + residual * z2),
    followup: toScore(instrument, mean + sign * durability * delta + rho * sd * z1 + residual * z3)
  };
}
function itemsForTotal(rng, count, itemMin, itemMax, total) {
  const items = new Array(count).fill(itemMin);
  let remaining = total - itemMin * count;
  while (remaining > 0) {
    const i = rng.int(0, count - 1);
    if (items[i] < itemMax) {
      items[i]++;
      remaining--;
    }
  }
  return items;
}

// fixtures/cohort.ts
var ITEM_COLUMNS = 9;
var ASSESSMENT_COLUMNS = [...ASSESSMENT_FIXED_COLUMNS, ...itemColumns(ITEM_COLUMNS)];
var ASAM = { OP: "1", IOP: "2.1", PHP: "2.5", RES: "3.5" };
var STEP_DOWN = { RES: "IOP", PHP: "IOP", IOP: "OP", OP: null };
var AGE_WEIGHTS = { "12-17": 0.04, "18-25": 0.22, "26-34": 0.26, "35-44": 0.2, "45-54": 0.14, "55-64": 0.1, "65+": 0.04 };
var GENDERS = { female: 0.54, male: 0.42, nonbinary: 0.04 };
var RACE = { white: 0.58, black: 0.14, hispanic: 0.16, asian: 0.06, multiracial: 0.04, other: 0.02 };
var PAYERS = { commercial: 0.5, medicaid: 0.3, medicare: 0.12, self_pay: 0.08 };
var round1 = (x) => (Math.round(x * 10) / 10).toFixed(1);
function* cohortRows(overrides = {}) {
  const p = { ...DEFAULT_PARAMETERS, ...overrides };
  const rng = new Random(p.seed);
  const cut = toDay(p.dataCut);
  const first = toDay(p.firstAdmission);
  const last = toDay(p.lastAdmission);
  const siteWeights = Object.fromEntries(Array.from({ length: p.sites }, (_, i) => [`S${String(i + 1).padStart(2, "0")}`, 1 / (i + 1)]));
  let made = 0;
  for (let patient = 1; made < p.episodes; patient++) {
    const patientId = `P${String(patient).padStart(6, "0")}`;
    const person = {
      site: rng.pick(siteWeights),
      age: rng.pick(AGE_WEIGHTS),
      gender: rng.pick(GENDERS),
      race: rng.pick(RACE),
      payer: rng.pick(PAYERS),
      track: rng.pick(p.trackShares)
    };
    let level = rng.pick(p.levelShares);
    let admitted = rng.int(first, last);
    const stepsDown = rng.bernoulli(p.stepDownShare);
    while (level && made < p.episodes) {
      made++;
      const result = oneEpisode(rng, p, { id: `E${String(made).padStart(7, "0")}`, patientId, person, level, admitted, cut });
      yield result.rows;
      const next = STEP_DOWN[level];
      if (!stepsDown || !next || result.dischargedDay === null || result.reason !== "completed" || result.dischargedDay + 1 > cut) break;
      level = next;
      admitted = result.dischargedDay + 1;
    }
  }
}
function oneEpisode(rng, p, e) {
  const reason = rng.pick(p.dischargeReasonShares);
  const los = LENGTH_OF_STAY[e.level];
  let stay = Math.max(los.min, Math.round(rng.normal(los.mean, los.sd)));
  if (reason === "left_early") stay = Math.max(3, Math.round(stay * rng.uniform(0.15, 0.7)));
  if (reason === "transferred_up") stay = Math.max(5, Math.round(stay * rng.uniform(0.3, 0.8)));
  const dischargedDay = e.admitted + stay <= e.cut ? e.admitted + stay : null;
  const daysInCare = (dischargedDay ?? e.cut) - e.admitted + 1;
  const [lo, hi] = HOURS_BAND[e.level];
  const hoursPerWeek = e.level === "IOP" && rng.bernoulli(p.iopUnderHoursShare) ? rng.uniform(5, 8.5) : rng.uniform(lo, hi);
  const weeks = Math.max(1, daysInCare / 7);
  const scheduled = Math.max(1, Math.round(weeks * SESSIONS_PER_WEEK[e.level]));
  const attended = Math.round(scheduled * rng.uniform(reason === "left_early" ? 0.5 : 0.75, 1));
  const modality = e.level === "RES" ? "in_person" : rng.pick(p.modalityShares);
  const answered = dischargedDay !== null && rng.bernoulli(p.wouldRecommend.answered);
  const recommends = rng.bernoulli(reason === "left_early" ? p.wouldRecommend.yes - 0.2 : p.wouldRecommend.yes);
  const episode = Object.fromEntries(EPISODE_COLUMNS.map((c) => [c, ""]));
  Object.assign(episode, {
    episode_id: e.id,
    patient_id: e.patientId,
    site_id: e.person.site,
    level_of_care: e.level,
    asam_level: ASAM[e.level],
    track: e.person.track,
    modality,
    admitted_on: fromDay(e.admitted),
    discharged_on: dischargedDay === null ? "" : fromDay(dischargedDay),
    discharge_reason: dischargedDay === null ? "" : reason,
    sessions_scheduled: String(scheduled),
    sessions_attended: String(attended),
    hours_attended: round1(hoursPerWeek * weeks),
    age_band: e.person.age,
    gender: e.person.gender,
    race_ethnicity: e.person.race,
    payer: e.person.payer,
    would_recommend: answered ? recommends ? "yes" : "no" : ""
  });
  const assessments = [];
  const leftEarly = reason === "left_early";
  for (const instrument of SCORED_INSTRUMENTS) {
    if (instrument === "DAYS_USE" && e.person.track === "MH") continue;
    const scores = drawScores(rng, instrument, p.effects[e.level][instrument], p.durability);
    const intakeDay = e.admitted + rng.int(-7, 3);
    const dischargeDay = dischargedDay === null ? null : Math.max(intakeDay + 1, dischargedDay + rng.int(-3, 3));
    const followupDay = dischargedDay === null ? null : dischargedDay + 182 + rng.int(-30, 30);
    const taken = {
      intake: rng.bernoulli(p.completion.intake) && intakeDay <= e.cut,
      discharge: rng.bernoulli(leftEarly ? p.completion.dischargeIfLeftEarly : p.completion.discharge) && dischargeDay !== null && dischargeDay <= e.cut,
      followup: rng.bernoulli(leftEarly ? p.completion.followupIfLeftEarly : p.completion.followup) && followupDay !== null && followupDay <= e.cut
    };
    const plan = [
      ["intake", intakeDay, scores.intake],
      ["discharge", dischargeDay, scores.discharge],
      ["followup", followupDay, scores.followup]
    ];
    plan.forEach(([which, day, score], t) => {
      const labelDraw = rng.next();
      const itemDraw = rng.next();
      if (!taken[which] || day === null) return;
      assessments.push(assessmentRow(rng, p, { episodeId: e.id, instrument, day, score, timepoint: TIMEPOINTS[t], labelDraw, itemDraw }));
    });
  }
  return { rows: { episode, assessments }, dischargedDay, reason };
}
function assessmentRow(rng, p, a) {
  const row = Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c, ""]));
  let label = a.timepoint;
  if (a.labelDraw < p.labels.empty) label = "";
  else if (a.labelDraw < p.labels.empty + p.labels.wrong) label = TIMEPOINTS[(TIMEPOINTS.indexOf(a.timepoint) + 1) % TIMEPOINTS.length];
  Object.assign(row, { episode_id: a.episodeId, instrument: a.instrument, assessed_on: fromDay(a.day), timepoint: label, total_score: String(a.score) });
  const spec = INSTRUMENTS[a.instrument].items;
  if ((a.instrument === "PHQ9" || a.instrument === "GAD7") && spec && a.itemDraw < p.itemLevelShare) {
    itemsForTotal(rng, spec.count, spec.min, spec.max, a.score).forEach((v, i) => row[`item_${i + 1}`] = String(v));
    if (a.itemDraw < p.itemLevelShare * 0.05) row.total_score = "";
  }
  return row;
}

// fixtures/csv.ts
function csvField(value, delimiter = ",") {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
function csvLine(values, delimiter = ",") {
  return `${values.map((v) => csvField(v, delimiter)).join(delimiter)}
`;
}

// fixtures/write-cohort.ts
var CHUNK = 1 << 20;
var ChunkedWriter = class {
  constructor(stream) {
    this.stream = stream;
  }
  stream;
  #buffer = "";
  async write(text) {
    this.#buffer += text;
    if (this.#buffer.length >= CHUNK) await this.flush();
  }
  async flush() {
    if (this.#buffer && !this.stream.write(this.#buffer)) await once(this.stream, "drain");
    this.#buffer = "";
  }
  async close() {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
};
async function writeCohort(dir, overrides = {}) {
  mkdirSync4(dir, { recursive: true });
  const episodesFile = path5.join(dir, "episodes.csv");
  const assessmentsFile = path5.join(dir, "assessments.csv");
  const episodes = new ChunkedWriter(createWriteStream(episodesFile));
  const assessments = new ChunkedWriter(createWriteStream(assessmentsFile));
  await episodes.write(csvLine(EPISODE_COLUMNS));
  await assessments.write(csvLine(ASSESSMENT_COLUMNS));
  let nEpisodes = 0;
  let nAssessments = 0;
  for (const rows of cohortRows(overrides)) {
    nEpisodes++;
    await episodes.write(csvLine(EPISODE_COLUMNS.map((c) => rows.episode[c])));
    for (const a of rows.assessments) {
      nAssessments++;
      await assessments.write(csvLine(ASSESSMENT_COLUMNS.map((c) => a[c])));
    }
  }
  await Promise.all([episodes.close(), assessments.close()]);
  return { episodesFile, assessmentsFile, episodes: nEpisodes, assessments: nAssessments };
}

// pipelines/ingest-file.ts
import path6 from "node:path";
import { sql as sql14 } from "kysely";

// pipelines/identifier-screen.ts
import { parse } from "csv-parse/sync";
var NAME_RULES = [
  [/(^|_)(first|last|middle|full|given|family|sur|maiden|patient|client|person|contact)_?name($|_)|^names?$/, "a person's name"],
  [/(^|_)(ssn|social_security|socsec)/, "a social security number"],
  [/(^|_)(mrn|medical_record|chart_?number)/, "a medical record number"],
  [/(^|_)(phone|telephone|mobile|cell|fax)($|_|_?number)/, "a phone number"],
  [/(^|_)e_?mail($|_)/, "an e-mail address"],
  [/(^|_)(address|street|addr)($|_|_?line)/, "a street address"],
  [/(^|_)(dob|date_?of_?birth|birth_?date|birthday)($|_)/, "a full date of birth"]
];
var ZIP_COLUMN = /(^|_)(zip|postal|post_?code)/;
var VALUE_RULES = [
  [/(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/, "a value shaped like a social security number"],
  [/(?<![\w.-])(\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])/, "a value shaped like a phone number"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/, "a value shaped like an e-mail address"]
];
var LONG_ZIP = /\d{4,}/;
var normalize = (column) => column.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
var refuse = (file, column, line, what) => new CliError(`${file}: refused, column "${column}" (line ${line}) holds ${what}; remove it and export again`, "identifier_found", EXIT.refused);
function screenColumnNames(file, columns) {
  for (const column of columns) {
    const n = normalize(column);
    for (const [rule, what] of NAME_RULES) if (rule.test(n)) throw refuse(file, column, 1, what);
  }
}
var ValueScreen = class {
  constructor(file, columns, delimiter) {
    this.file = file;
    this.columns = columns;
    this.delimiter = delimiter;
    this.#zipColumns = columns.map((c, i) => ZIP_COLUMN.test(normalize(c)) ? i : -1).filter((i) => i >= 0);
  }
  file;
  columns;
  delimiter;
  #zipColumns;
  check(record) {
    for (const [rule, what] of VALUE_RULES) {
      if (rule.test(record.text)) {
        const column = this.#columnOf(record, (v) => rule.test(v));
        throw refuse(this.file, column, record.line, what);
      }
    }
    if (this.#zipColumns.length && LONG_ZIP.test(record.text)) {
      const fields = this.#fields(record);
      for (const i of this.#zipColumns) {
        if (LONG_ZIP.test(fields[i] ?? "")) throw refuse(this.file, this.columns[i], record.line, "a ZIP code of more than 3 digits");
      }
    }
  }
  #fields(record) {
    try {
      return parse(record.text, { delimiter: this.delimiter, relax_quotes: true, relax_column_count: true })[0] ?? [];
    } catch {
      return [record.text];
    }
  }
  #columnOf(record, hit) {
    const fields = this.#fields(record);
    const i = fields.findIndex(hit);
    return i >= 0 && i < this.columns.length ? this.columns[i] : "(unknown column)";
  }
};

// pipelines/merge.ts
import { sql as sql6 } from "kysely";
var EPISODES_MERGE = {
  table: "episodes",
  key: ["episode_id"],
  columns: ["patient_id", "site_id", "level_of_care", "asam_level", "track", "modality", "admitted_on", "discharged_on", "discharge_reason", "sessions_scheduled", "sessions_attended", "hours_attended", "age_band", "gender", "race_ethnicity", "payer", "would_recommend"],
  parents: [["site_id", "sites"]]
};
var ASSESSMENTS_MERGE = {
  table: "assessments",
  key: ["episode_id", "instrument", "assessed_on"],
  columns: ["timepoint_label", "total_score", "items"],
  parents: [["episode_id", "episodes"]]
};
var GOOD = sql6`(select * from continuum_checked where problem is null)`;
async function mergeGoodRows(db, spec, ingestId, goodRows) {
  const { table, key, columns } = spec;
  const t = sql6.table(table);
  if (table === "episodes") {
    await sql6`insert into sites (site_id) select distinct site_id from ${GOOD} g on conflict do nothing`.execute(db);
  }
  const setWise = await rowTriggersOff(db);
  try {
    if (setWise) await checkParents(db, spec);
    const all = [...key, ...columns];
    const insertedResult = await sql6`
      insert into ${t} (${sql6.join([...all, "ingest_id"].map((c) => sql6.ref(c)))})
      select ${sql6.join(all.map((c) => sql6`g.${sql6.ref(c)}`))}, ${ingestId}::int from ${GOOD} g
      where not exists (select from ${t} c where ${sql6.join(key.map((k) => sql6`c.${sql6.ref(k)} = g.${sql6.ref(k)}`), sql6` and `)})`.execute(db);
    const inserted = Number(insertedResult.numAffectedRows ?? 0);
    if (inserted === goodRows) return { inserted, updated: 0, unchanged: 0 };
    return { inserted, ...await updateExisting(db, spec, ingestId) };
  } finally {
    if (setWise) await sql6`set local session_replication_role = origin`.execute(db).catch(() => {
    });
  }
}
async function updateExisting(db, spec, ingestId) {
  const { table, key, columns } = spec;
  const t = sql6.table(table);
  const keyMatch = sql6`${sql6.join(key.map((k) => sql6`c.${sql6.ref(k)} = g.${sql6.ref(k)}`), sql6` and `)} and c.ingest_id <> ${ingestId}::int`;
  const naturalKey = sql6.join(key.map((k) => sql6`g.${sql6.ref(k)}::text`), sql6` || '|' || `);
  const changes = await sql6`
    with changed as (
      insert into ingest_changes (episode_id, ingest_id, table_name, natural_key, column_name, old_value, new_value)
      select g.episode_id, ${ingestId}::int, ${table}::text, ${naturalKey}, v.column_name, v.old_value, v.new_value
      from ${GOOD} g join ${t} c on ${keyMatch}
      cross join lateral (values ${sql6.join(columns.map((name) => sql6`(${name}, c.${sql6.ref(name)}::text, g.${sql6.ref(name)}::text)`))})
        as v(column_name, old_value, new_value)
      where v.old_value is distinct from v.new_value
      returning natural_key
    )
    select count(distinct natural_key) as n from changed`.execute(db);
  const matched = await sql6`select count(*) as n from ${GOOD} g join ${t} c on ${keyMatch}`.execute(db);
  await sql6`
    update ${t} c set ${sql6.join(columns.map((name) => sql6`${sql6.ref(name)} = g.${sql6.ref(name)}`))}, ingest_id = ${ingestId}
    from ${GOOD} g
    where ${keyMatch} and (${sql6.join(columns.map((name) => sql6`c.${sql6.ref(name)}`))}) is distinct from (${sql6.join(columns.map((name) => sql6`g.${sql6.ref(name)}`))})`.execute(db);
  const updated = Number(changes.rows[0].n);
  return { updated, unchanged: Number(matched.rows[0].n) - updated };
}
async function rowTriggersOff(db) {
  await sql6`savepoint continuum_replica`.execute(db);
  try {
    await sql6`set local session_replication_role = replica`.execute(db);
    await sql6`release savepoint continuum_replica`.execute(db);
    return true;
  } catch {
    await sql6`rollback to savepoint continuum_replica`.execute(db);
    return false;
  }
}
async function checkParents(db, spec) {
  for (const [column, parent] of spec.parents) {
    const c = sql6.ref(column);
    const { rows } = await sql6`
      with wanted as (select distinct g.${c} as k from ${GOOD} g),
        locked as (select p.${c} from ${sql6.table(parent)} p where p.${c} in (select k from wanted) for key share of p)
      select (select count(*) from wanted) as wanted, (select count(*) from locked) as locked`.execute(db);
    if (Number(rows[0].wanted) !== Number(rows[0].locked)) {
      throw new Error(`${spec.table}.${column}: ${Number(rows[0].wanted) - Number(rows[0].locked)} referenced ${parent} row(s) vanished during the ingest`);
    }
  }
}

// pipelines/profile.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { sql as sql8 } from "kysely";

// pipelines/redcap.ts
import { sql as sql7 } from "kysely";
var DEFAULT_REDCAP_PROFILE = {
  record: "record_id",
  event: "redcap_event_name",
  date: "assessment_date",
  events: { intake_arm_1: "intake", discharge_arm_1: "discharge", "6_month_followup_arm_1": "followup_6m" },
  instruments: { PHQ9: "phq9_", GAD7: "gad7_", PCL5: "pcl5_", ISI: "isi_", PSQI: "psqi_", SWLS: "swls_", AUDITC: "auditc_", DAST10: "dast10_", DAYS_USE: "days_use_" }
};
function redcapRequired(profile) {
  return [profile.record, profile.event, profile.date];
}
async function reshapeRedcap(db, columns, profile) {
  const pieces = [];
  let maxItems = 0;
  for (const [code, prefix] of Object.entries(profile.instruments)) {
    const count = INSTRUMENTS[code].items?.count ?? 0;
    const itemFields = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`).filter((f) => columns.includes(f));
    const totalField = [`${prefix}total`, `${prefix.replace(/_$/, "")}_total`, prefix.replace(/_$/, "")].find((f) => columns.includes(f));
    if (!itemFields.length && !totalField) continue;
    maxItems = Math.max(maxItems, count);
    const itemText = (i) => columns.includes(`${prefix}${i}`) ? sql7.ref(`r.${prefix}${i}`) : sql7`null::text`;
    const any = sql7.join([...itemFields, ...totalField ? [totalField] : []].map((f) => sql7`nullif(btrim(${sql7.ref(`r.${f}`)}), '') is not null`), sql7` or `);
    pieces.push({ code, count, itemText, totalField, any });
  }
  if (!pieces.length) return ["episode_id", "instrument", "assessed_on", "timepoint", "total_score"];
  const eventCase = sql7`case ${sql7.ref(`r.${profile.event}`)} ${sql7.join(Object.entries(profile.events).map(([e, t]) => sql7`when ${sql7.lit(e)} then ${sql7.lit(t)}`), sql7` `)} else ${sql7.ref(`r.${profile.event}`)} end`;
  const selects = pieces.map(
    (p) => sql7`select r.line, ${sql7.ref(`r.${profile.record}`)} as episode_id, ${sql7.lit(p.code)} as instrument,
      ${sql7.ref(`r.${profile.date}`)} as assessed_on, ${eventCase} as timepoint,
      ${p.totalField ? sql7.ref(`r.${p.totalField}`) : sql7`null::text`} as total_score,
      ${sql7.join(Array.from({ length: maxItems }, (_, i) => sql7`${i < p.count ? p.itemText(i + 1) : sql7`null::text`} as ${sql7.id(`item_${i + 1}`)}`))}
      from continuum_raw r where ${p.any}`
  );
  await sql7`create temp table continuum_stage on commit drop as ${sql7.join(selects, sql7` union all `)}`.execute(db);
  return ["episode_id", "instrument", "assessed_on", "timepoint", "total_score", ...Array.from({ length: maxItems }, (_, i) => `item_${i + 1}`)];
}

// pipelines/profile.ts
var isStringMap = (v) => typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string");
function readProfile(file) {
  let raw;
  try {
    raw = JSON.parse(readFileSync3(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file}: not a readable JSON profile (${error.message.split("\n")[0]})`, "bad_profile", EXIT.usage);
  }
  const p = raw;
  const bad = (why) => new CliError(`${file}: ${why}`, "bad_profile", EXIT.usage);
  if (typeof p !== "object" || p === null) throw bad("a profile is a JSON object");
  if (p.kind !== void 0 && !INPUT_KINDS.includes(p.kind)) throw bad(`"kind" must be one of ${INPUT_KINDS.join(", ")}`);
  if (p.columns !== void 0 && !isStringMap(p.columns)) throw bad('"columns" maps source column names to canonical names');
  if (p.codes !== void 0 && !(typeof p.codes === "object" && p.codes !== null && Object.values(p.codes).every(isStringMap))) throw bad('"codes" maps a canonical column to { source code: canonical code }');
  const columns = Object.fromEntries(Object.entries(p.columns ?? {}).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  return {
    name: file,
    kind: p.kind,
    columns,
    codes: p.codes ?? {},
    redcap: p.redcap ? { ...DEFAULT_REDCAP_PROFILE, ...p.redcap } : void 0
  };
}
var renameColumns = (columns, profile) => columns.map((c) => profile?.columns[c] ?? c);
async function applyCodeMaps(db, table, columns, profile) {
  for (const [column, map] of Object.entries(profile?.codes ?? {})) {
    if (!columns.includes(column) || Object.keys(map).length === 0) continue;
    const cases = sql8.join(Object.entries(map).map(([from, to]) => sql8`when ${from} then ${to}`), sql8` `);
    await sql8`update ${sql8.table(table)} set ${sql8.ref(column)} = case btrim(${sql8.ref(column)}) ${cases} else ${sql8.ref(column)} end`.execute(db);
  }
}

// pipelines/quarantine.ts
import { sql as sql9 } from "kysely";
async function quarantine(db, q, raggedReasons) {
  const { rows } = await sql9`
    select split_part(problem, ':', 1) as reason, count(*) as n from continuum_checked group by 1`.execute(db);
  const reasons = { ...raggedReasons };
  let goodRows = 0;
  for (const r of rows) {
    if (r.reason === null) goodRows = Number(r.n);
    else reasons[r.reason] = (reasons[r.reason] ?? 0) + Number(r.n);
  }
  if (rows.some((r) => r.reason !== null)) {
    const raw = sql9.join(q.columns.map((c) => sql9`coalesce(${sql9.ref(`r.${c}`)}, '')`));
    await sql9`
      insert into quarantine (ingest_id, file_name, line, column_name, reason, raw_row)
      select ${q.ingestId}::int, ${q.fileName}::text, c.line, split_part(c.problem, ':', 2), split_part(c.problem, ':', 1),
        array_to_string(array[${raw}], ${q.delimiter}::text)
      from (select line, problem from continuum_checked where problem is not null) c join ${sql9.table(q.rawTable)} r on r.line = c.line`.execute(db);
  }
  return { reasons: Object.fromEntries(Object.entries(reasons).sort(([a], [b]) => a.localeCompare(b))), goodRows };
}
async function quarantineRagged(db, q, records, counts) {
  if (records.length === 0) return;
  const reasonOf = (r) => r.oversized ? "field_too_long" : "wrong_column_count";
  await db.insertInto("quarantine").values(records.map((r) => ({ ingest_id: q.ingestId, file_name: q.fileName, line: r.line, column_name: null, reason: reasonOf(r), raw_row: r.text.slice(0, 1e4) }))).execute();
  for (const r of records) counts[reasonOf(r)] = (counts[reasonOf(r)] ?? 0) + 1;
}

// pipelines/records.ts
var MAX_RECORD_CHARS = 1e5;
var RecordScanner = class {
  constructor(delimiter, maxChars = MAX_RECORD_CHARS) {
    this.maxChars = maxChars;
    this.#delimiter = delimiter.charCodeAt(0);
  }
  maxChars;
  #pending = "";
  #pendingLine = 1;
  #line = 1;
  #inQuotes = false;
  #fields = 1;
  #scanned = 0;
  #oversized = false;
  /** Carriage returns outside quotes in the current record (a CRLF's own is taken off). */
  #bareCRs = 0;
  #delimiter;
  /** Feeds a chunk; returns the records it completed. */
  push(chunk) {
    const out = [];
    const text = this.#pending + chunk;
    let start = 0;
    let i = this.#scanned;
    const n = text.length;
    const delim = this.#delimiter;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.#inQuotes = !this.#inQuotes;
      } else if (this.#inQuotes) {
        if (c === 10) this.#line++;
      } else if (c === delim) {
        this.#fields++;
      } else if (c === 13) {
        this.#bareCRs++;
      } else if (c === 10) {
        const crlf = i > start && text.charCodeAt(i - 1) === 13;
        const end = crlf ? i - 1 : i;
        const stray = this.#bareCRs > (crlf ? 1 : 0);
        if (this.#oversized || end - start > this.maxChars) out.push({ line: this.#pendingLine, text: "", fields: this.#fields, oversized: true });
        else if (end > start) out.push({ line: this.#pendingLine, text: text.slice(start, end), fields: this.#fields, crlf, ...stray ? { strayCarriageReturn: true } : {} });
        this.#oversized = false;
        this.#bareCRs = 0;
        this.#line++;
        this.#pendingLine = this.#line;
        this.#fields = 1;
        start = i + 1;
      }
    }
    this.#pending = text.slice(start);
    if (this.#pending.length > this.maxChars) {
      this.#oversized = true;
      this.#pending = "";
    }
    this.#scanned = this.#pending.length;
    return out;
  }
  /** The last record when the file does not end with a line break. */
  end() {
    const crEnd = this.#pending.endsWith("\r");
    const text = crEnd ? this.#pending.slice(0, -1) : this.#pending;
    const stray = this.#bareCRs > (crEnd ? 1 : 0);
    this.#pending = "";
    if (this.#oversized) return [{ line: this.#pendingLine, text: "", fields: this.#fields, oversized: true }];
    return text ? [{ line: this.#pendingLine, text, fields: this.#fields, ...stray ? { strayCarriageReturn: true } : {} }] : [];
  }
  /** Whether the input ended inside a quoted field (an unbalanced quote). */
  get unterminatedQuote() {
    return this.#inQuotes;
  }
};

// pipelines/stage.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { stat } from "node:fs/promises";
import { sql as sql10 } from "kysely";

// pipelines/source.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream } from "node:fs";
var ENCODINGS = ["utf-8", "windows-1252", "latin1"];
async function hashFile(file) {
  const hash = createHash2("sha256");
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk);
  } catch (error) {
    throw unreadable2(file, error);
  }
  return hash.digest("hex");
}
function unreadable2(file, error) {
  const code = error.code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") return new CliError(`${file}: cannot read the file (${code})`, "unreadable_file", EXIT.refused);
  return error;
}
async function* readText(file, encoding = "utf-8") {
  const decoder = new TextDecoder(encoding === "latin1" ? "iso-8859-1" : encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
  let first = true;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      let text = decoder.decode(chunk, { stream: true });
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 65279) text = text.slice(1);
      }
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid|invalid/i.test(error.message)) {
      throw new CliError(`${file}: not valid UTF-8 (use --encoding windows-1252 or latin1 for such exports)`, "unreadable_encoding", EXIT.refused);
    }
    throw unreadable2(file, error);
  }
}

// pipelines/stage.ts
var BATCH_BYTES = 8 << 20;
var RAGGED_BATCH = 1e3;
var NEWLINE = 10;
async function stageRecords(tx, file, s, target, options) {
  const columns = sql10.join(s.columns.map((c) => sql10`${sql10.id(c)} text collate "C"`));
  await sql10`create temp table ${sql10.table(target.rawTable)} (line int generated by default as identity (start with 2), ${columns}) on commit drop`.execute(tx.db);
  if (s.plain && !options.alwaysScan) {
    await sql10`savepoint continuum_plain`.execute(tx.db);
    try {
      await stagePlain(tx, file, s, target, options);
      await sql10`release savepoint continuum_plain`.execute(tx.db);
      return { way: "plain", raggedReasons: {} };
    } catch (error) {
      if (!isCsvError(error)) throw error;
      await sql10`rollback to savepoint continuum_plain`.execute(tx.db);
    }
  }
  return { way: "scanner", raggedReasons: await stageScanned(tx, file, s, target, options) };
}
var isCsvError = (error) => Boolean(error.code?.startsWith("22"));
var copyStatement = (table, s, withLine) => {
  const delimiter = s.delimiter === "	" ? "E'\\t'" : `'${s.delimiter}'`;
  const columns = [...withLine ? ["line"] : [], ...s.columns.map((c) => `"${c}"`)].join(", ");
  return `copy ${table} (${columns}) from stdin with (format csv, delimiter ${delimiter})`;
};
function pipelined(copy) {
  let inFlight = null;
  return {
    send: async (data) => {
      await inFlight;
      inFlight = copy(data);
      inFlight.catch(() => {
      });
    },
    drain: async () => {
      await inFlight;
      inFlight = null;
    }
  };
}
async function stagePlain(tx, file, s, target, options) {
  const copy = pipelined((data) => tx.copyIn(copyStatement(target.rawTable, s, false), data));
  let rest = Buffer.alloc(0);
  let header = true;
  let sentBytes = 0;
  const { size } = await stat(file);
  for await (const chunk of createReadStream2(file, { highWaterMark: BATCH_BYTES })) {
    let bytes = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    if (header) {
      const eol = bytes.indexOf(NEWLINE);
      if (eol < 0) {
        rest = bytes;
        continue;
      }
      bytes = bytes.subarray(eol + 1);
      header = false;
    }
    const cut = bytes.lastIndexOf(NEWLINE) + 1;
    rest = Buffer.from(bytes.subarray(cut));
    if (cut > 0) {
      await copy.send(bytes.subarray(0, cut));
      sentBytes += cut;
      options.onProgress?.(Math.round(s.rows * sentBytes / Math.max(size, 1)), s.rows);
    }
  }
  if (!header && rest.length) await copy.send(rest);
  await copy.drain();
  options.onProgress?.(s.rows, s.rows);
}
async function stageScanned(tx, file, s, target, options) {
  const copySql = copyStatement(target.rawTable, s, true);
  const copy = pipelined(
    (data) => tx.copyIn(copySql, data).catch((error) => {
      if (!isCsvError(error)) throw error;
      throw new CliError(`${file}: Postgres could not read it as CSV: ${error.message?.split("\n")[0]}`, "unparseable_csv", EXIT.refused);
    })
  );
  const scanner = new RecordScanner(s.delimiter, options.maxRecordChars ?? MAX_RECORD_CHARS);
  const raggedReasons = {};
  let ragged = [];
  let batch = "";
  let header = true;
  let read = 0;
  const take = async (records) => {
    for (const r of records) {
      if (header) {
        header = false;
        continue;
      }
      read++;
      if (r.oversized || r.strayCarriageReturn || r.fields !== s.columns.length) ragged.push(r);
      else batch += `${r.line}${s.delimiter}${r.text}
`;
      if (read % 5e4 === 0) options.onProgress?.(read, s.rows);
    }
    if (batch.length >= BATCH_BYTES) {
      await copy.send(batch);
      batch = "";
    }
    if (ragged.length >= RAGGED_BATCH) {
      await copy.drain();
      await quarantineRagged(tx.db, target, ragged, raggedReasons);
      ragged = [];
    }
  };
  for await (const chunk of readText(file, options.encoding)) await take(scanner.push(chunk));
  await take(scanner.end());
  if (batch) await copy.send(batch);
  await copy.drain();
  await quarantineRagged(tx.db, target, ragged, raggedReasons);
  options.onProgress?.(read, s.rows);
  return raggedReasons;
}

// pipelines/sniff.ts
import { parse as parse2 } from "csv-parse/sync";
var DELIMITERS = [",", ";", "	"];
function detectDelimiter(headerLine) {
  let best = ",";
  let bestCount = -1;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
function parseHeader(headerLine, delimiter, file) {
  let rows;
  try {
    rows = parse2(headerLine, { delimiter, relax_quotes: false, trim: true });
  } catch (error) {
    throw new CliError(`${file}: the header line is not valid CSV (${error.message.split("\n")[0]})`, "unknown_header", EXIT.refused);
  }
  if (rows.length > 1) throw new CliError(`${file}: the header line holds a line break`, "unknown_header", EXIT.refused);
  const columns = (rows[0] ?? []).map((c) => c.toLowerCase());
  if (columns.length === 0 || columns.some((c) => c === "")) {
    throw new CliError(`${file}: the header line has an empty column name`, "unknown_header", EXIT.refused);
  }
  const seen = /* @__PURE__ */ new Set();
  for (const c of columns) {
    if (seen.has(c)) throw new CliError(`${file}: column "${c}" appears twice in the header`, "unknown_header", EXIT.refused);
    seen.add(c);
  }
  return columns;
}
function inferKind(columns, file) {
  const has = (c) => columns.includes(c);
  if (has("record_id") && has("redcap_event_name")) return "redcap";
  if (has("instrument") && has("assessed_on")) return "assessments";
  if (has("level_of_care") && has("admitted_on")) return "episodes";
  throw new CliError(`${file}: cannot tell the kind of export from its header (use --kind episodes|assessments|redcap)`, "unknown_header", EXIT.refused);
}

// pipelines/validate-assessments.ts
import { sql as sql12 } from "kysely";

// pipelines/sql-checks.ts
import { sql as sql11 } from "kysely";
var isIsoDate = (s) => sql11`(case when ${s} ~ '^(18|19|20)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
  then substr(${s}, 9, 2)::int <= extract(day from make_date(substr(${s}, 1, 4)::int, substr(${s}, 6, 2)::int, 1) + interval '1 month' - interval '1 day')
  else false end)`;
var isCount = (s) => sql11`(${s} ~ '^\\d{1,9}$')`;
var isDecimal = (s) => sql11`(${s} ~ '^\\d{1,6}(\\.\\d+)?$')`;
var safeInt = (s) => sql11`(case when ${s} ~ '^-?\\d{1,4}$' then ${s}::int end)`;
var safeNumber = (s) => sql11`(case when ${s} ~ '^-?\\d{1,6}(\\.\\d+)?$' then ${s}::float8 end)`;
var inList = (s, values) => sql11`(${s} in (${sql11.join(values.map((v) => sql11.lit(v)))}))`;

// pipelines/validate-assessments.ts
var MAX_ITEMS = 20;
var problem = (reason, column) => sql12.lit(`${reason}:${column}`);
function instrumentSpecs() {
  const rows = INSTRUMENT_CODES.map((code) => {
    const i = INSTRUMENTS[code];
    return sql12`(${sql12.lit(code)}, ${sql12.lit(i.items?.count ?? 0)}, ${sql12.lit(i.items?.min ?? 0)}, ${sql12.lit(i.items?.max ?? 0)}, ${sql12.lit(i.total.min)}, ${sql12.lit(i.total.max)}, ${sql12.lit(i.proration?.maxMissing ?? 0)})`;
  });
  return sql12`(values ${sql12.join(rows)}) as spec(code, item_count, item_min, item_max, total_min, total_max, max_missing)`;
}
function reversedCorrection(items) {
  const branches = INSTRUMENT_CODES.flatMap((code) => {
    const rev = (INSTRUMENTS[code].scoring?.reversedItems ?? []).filter((k) => items.includes(`item_${k}`));
    if (!rev.length) return [];
    const terms = rev.map((k) => sql12`coalesce(n.item_min + n.item_max - 2 * ${sql12.ref(`n.i_${k}`)}, 0)`);
    return [sql12`when ${sql12.lit(code)} then ${sql12.join(terms, sql12` + `)}`];
  });
  return branches.length ? sql12`(case n.instrument ${sql12.join(branches, sql12` `)} else 0 end)` : sql12`0`;
}
async function validateAssessments(db, present) {
  const text = (c) => present.includes(c) ? sql12`nullif(btrim(${sql12.ref(`s.${c}`)}), '')` : sql12`null::text`;
  const items = Array.from({ length: MAX_ITEMS }, (_, k2) => `item_${k2 + 1}`).filter((c) => present.includes(c));
  const k = (c) => Number(c.slice(5));
  const i = (c, rel) => sql12.ref(`${rel}.i_${k(c)}`);
  const within = (c) => sql12`${sql12.lit(k(c))} <= n.item_count`;
  const answered = items.length ? sql12.join(items.map((c) => sql12`(${sql12.ref(`n.${c}`)} is not null and ${within(c)})::int`), sql12` + `) : sql12`0`;
  const sum = items.length ? sql12.join(items.map((c) => sql12`(case when ${within(c)} then coalesce(${i(c, "n")}, 0) else 0 end)`), sql12` + `) : sql12`0`;
  const itemArray = sql12`array[${sql12.join(Array.from({ length: MAX_ITEMS }, (_, j) => items.includes(`item_${j + 1}`) ? sql12.ref(`t.i_${j + 1}`) : sql12`null::int`))}]::smallint[]`;
  const fields = ["episode_id", "assessed_on", "timepoint", "total_score", ...items];
  await sql12`
    create temp table continuum_checked on commit drop as
    select c.line, c.problem, c.episode_id, c.instrument,
      case when c.problem is null then c.assessed_on::date end as assessed_on,
      c.timepoint as timepoint_label, c.total::float8 as total_score,
      case when c.problem is null and c.answered > 0 then c.item_array[1:c.item_count] end as items
    from (
      select t.line, t.episode_id, t.instrument, t.assessed_on, t.timepoint, t.answered, t.item_count,
        coalesce(t.given_total, t.item_total) as total, ${itemArray} as item_array,
        case
          when t.episode_id is null then ${problem("missing_required", "episode_id")}
          when t.instrument is null then ${problem("missing_required", "instrument")}
          when t.assessed_on is null then ${problem("missing_required", "assessed_on")}
          when t.code is null then ${problem("unknown_instrument", "instrument")}
          when not t.date_ok then ${problem("bad_date", "assessed_on")}
          when t.timepoint is not null and not ${inList(sql12`t.timepoint`, TIMEPOINTS)} then ${problem("bad_code", "timepoint")}
          when t.total_score is not null and t.given_total is null then ${problem("bad_number", "total_score")}
          ${sql12.join(items.map((c) => sql12`when ${sql12.ref(`t.${c}`)} is not null and ${i(c, "t")} is null then ${problem("bad_number", c)}`), sql12` `)}
          ${sql12.join(items.map((c) => sql12`when ${sql12.ref(`t.${c}`)} is not null and (${sql12.lit(k(c))} > t.item_count or ${i(c, "t")} not between t.item_min and t.item_max) then ${problem("item_out_of_range", c)}`), sql12` `)}
          when t.answered > 0 and t.item_total is null then ${problem("items_incomplete", "items")}
          when t.given_total is null and t.item_total is null then ${problem("missing_required", "total_score")}
          when t.given_total is not null and t.item_total is not null and t.given_total <> t.item_total then ${problem("items_total_mismatch", "total_score")}
          when coalesce(t.given_total, t.item_total) not between t.total_min and t.total_max then ${problem("score_out_of_range", "total_score")}
          when t.unknown_episode then ${problem("unknown_episode", "episode_id")}
          when t.occurrence > 1 then ${problem("duplicate_in_file", "assessed_on")}
        end as problem
      from (
        select a.*,
          case when a.answered = 0 then null
               when a.answered = a.item_count then a.item_sum
               when a.answered >= a.item_count - a.max_missing then round(a.item_sum * a.item_count::numeric / a.answered)
          end as item_total
        from (
          select n.*, ${answered} as answered, ${sum} + ${reversedCorrection(items)} as item_sum,
            known.episode_id is null as unknown_episode,
            row_number() over (partition by n.episode_id, n.instrument, n.assessed_on order by n.line) as occurrence
          from (
            select v.*, spec.*, ${isIsoDate(sql12`v.assessed_on`)} as date_ok, ${safeNumber(sql12`v.total_score`)} as given_total
              ${sql12.join(items.map((c) => sql12`, ${safeInt(sql12.ref(`v.${c}`))} as ${sql12.id(`i_${k(c)}`)}`), sql12``)}
            from (
              select s.line, upper(${text("instrument")}) as instrument, ${sql12.join(fields.map((c) => sql12`${text(c)} as ${sql12.id(c)}`))}
              from continuum_stage s offset 0
            ) v left join ${instrumentSpecs()} on spec.code = v.instrument
            offset 0
          ) n left join episodes known on known.episode_id = n.episode_id
        ) a offset 0
      ) t offset 0
    ) c`.execute(db);
}

// pipelines/validate-episodes.ts
import { sql as sql13 } from "kysely";
var col = (c) => sql13.ref(`v.${c}`);
var problem2 = (reason, column) => sql13.lit(`${reason}:${column}`);
async function validateEpisodes(db, present) {
  const text = (c) => present.includes(c) ? sql13`nullif(btrim(${sql13.ref(`s.${c}`)}), '')` : sql13`null::text`;
  const codes = [
    ["track", TRACKS],
    ["modality", MODALITIES],
    ["discharge_reason", DISCHARGE_REASONS],
    ["would_recommend", WOULD_RECOMMEND]
  ];
  const branches = [
    ...EPISODE_REQUIRED.map((c) => sql13`when ${col(c)} is null then ${problem2("missing_required", c)}`),
    sql13`when not ${inList(col("level_of_care"), LEVELS_OF_CARE)} then ${problem2("unknown_level_of_care", "level_of_care")}`,
    ...codes.map(([c, values]) => sql13`when ${col(c)} is not null and not ${inList(col(c), values)} then ${problem2("bad_code", c)}`),
    sql13`when not ${isIsoDate(col("admitted_on"))} then ${problem2("bad_date", "admitted_on")}`,
    sql13`when ${col("discharged_on")} is not null and not ${isIsoDate(col("discharged_on"))} then ${problem2("bad_date", "discharged_on")}`,
    ...["sessions_scheduled", "sessions_attended"].map((c) => sql13`when ${col(c)} is not null and not ${isCount(col(c))} then ${problem2("bad_number", c)}`),
    sql13`when ${col("hours_attended")} is not null and not ${isDecimal(col("hours_attended"))} then ${problem2("bad_number", "hours_attended")}`,
    sql13`when ${col("discharged_on")}::date < ${col("admitted_on")}::date then ${problem2("date_order", "discharged_on")}`,
    sql13`when ${col("discharge_reason")} is not null and ${col("discharged_on")} is null then ${problem2("missing_required", "discharged_on")}`,
    sql13`when row_number() over (partition by ${col("episode_id")} order by v.line) > 1 then ${problem2("duplicate_in_file", "episode_id")}`
  ];
  await sql13`
    create temp table continuum_checked on commit drop as
    select c.line, c.problem, c.episode_id, c.patient_id, c.site_id, c.level_of_care, c.asam_level, c.track, c.modality,
      case when c.problem is null then c.admitted_on::date end as admitted_on,
      case when c.problem is null then c.discharged_on::date end as discharged_on, c.discharge_reason,
      case when c.problem is null then c.sessions_scheduled::int end as sessions_scheduled,
      case when c.problem is null then c.sessions_attended::int end as sessions_attended,
      case when c.problem is null then c.hours_attended::numeric(8, 2) end as hours_attended,
      c.age_band, c.gender, c.race_ethnicity, c.payer, c.would_recommend
    from (
      select v.*, case ${sql13.join(branches, sql13` `)} end as problem
      from (select s.line, ${sql13.join(EPISODE_COLUMNS.map((c) => sql13`${text(c)} as ${sql13.id(c)}`))} from continuum_stage s offset 0) v
    ) c`.execute(db);
}

// pipelines/ingest-file.ts
var StrictRefusal = class extends Error {
  constructor(outcome) {
    super("strict");
    this.outcome = outcome;
  }
  outcome;
};
var INGEST_LOCK = 1668247156;
async function sniffAndScreen(file, options) {
  let scanner = null;
  let screen = null;
  let sniffed = null;
  let head = "";
  let lastLine = 1;
  let crlf;
  const maxChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const onRecord = (r) => {
    if (r.text.includes("\0")) throw new CliError(`${file}: line ${r.line} holds a NUL byte; not a text export`, "unreadable_file", EXIT.refused);
    if (r.oversized && !sniffed) throw new CliError(`${file}: the header is longer than ${maxChars} characters`, "field_too_long", EXIT.refused);
    if (!sniffed) {
      const delimiter = detectDelimiter(r.text);
      const sourceColumns = parseHeader(r.text, delimiter, file);
      screenColumnNames(file, sourceColumns);
      const columns = renameColumns(sourceColumns, options.profile);
      sniffed = { delimiter, columns, kind: options.kind ?? "episodes", rows: 0, plain: (options.encoding ?? "utf-8") === "utf-8" && r.line === 1 };
      crlf = r.crlf;
      screen = new ValueScreen(file, columns, delimiter);
      return;
    }
    sniffed.rows++;
    if (sniffed.plain && (r.line !== ++lastLine || r.oversized || r.strayCarriageReturn || r.fields !== sniffed.columns.length || r.crlf !== void 0 && r.crlf !== crlf)) sniffed.plain = false;
    if (!r.oversized) screen.check(r);
  };
  for await (const chunk of readText(file, options.encoding)) {
    if (!scanner) {
      head += chunk;
      const eol = head.indexOf("\n");
      if (eol < 0 && head.length > maxChars) throw new CliError(`${file}: the header is longer than ${maxChars} characters`, "field_too_long", EXIT.refused);
      if (eol < 0) continue;
      scanner = new RecordScanner(detectDelimiter(head.slice(0, eol)), maxChars);
      scanner.push(head).forEach(onRecord);
      continue;
    }
    scanner.push(chunk).forEach(onRecord);
  }
  if (!scanner) {
    if (!head.trim()) throw new CliError(`${file}: the file is empty`, "empty_file", EXIT.refused);
    scanner = new RecordScanner(detectDelimiter(head), maxChars);
    scanner.push(head).forEach(onRecord);
  }
  scanner.end().forEach(onRecord);
  if (scanner.unterminatedQuote) throw new CliError(`${file}: a quoted field is never closed`, "unbalanced_quote", EXIT.refused);
  const result = sniffed;
  if (!result) throw new CliError(`${file}: the file is empty`, "empty_file", EXIT.refused);
  result.kind = options.kind ?? options.profile?.kind ?? inferKind(result.columns, file);
  checkColumns(file, result.kind, result.columns, redcapProfile(options));
  return result;
}
function checkColumns(file, kind, columns, redcap) {
  const allowed = kind === "episodes" ? EPISODE_COLUMNS : kind === "assessments" ? [...ASSESSMENT_FIXED_COLUMNS, ...Array.from({ length: MAX_ITEMS }, (_, i) => itemColumn(i + 1))] : columns;
  const required = kind === "episodes" ? ["episode_id", "level_of_care", "admitted_on"] : kind === "assessments" ? ["episode_id", "instrument", "assessed_on"] : redcapRequired(redcap);
  const unknown = columns.find((c) => !allowed.includes(c) || !/^[a-z0-9_]+$/.test(c));
  if (unknown) throw new CliError(`${file}: unknown column "${unknown}" for a ${kind} file (map it with a profile)`, "unknown_header", EXIT.refused);
  const missing = required.find((c) => !columns.includes(c));
  if (missing) throw new CliError(`${file}: the header lacks the column "${missing}"`, "unknown_header", EXIT.refused);
}
async function ingestFile(engine, file, options = {}) {
  let t = performance.now();
  const lap = (phase) => {
    const now = performance.now();
    if (options.timings) options.timings[phase] = (options.timings[phase] ?? 0) + (now - t) / 1e3;
    if (process.env.RSS_TRACE) console.error(phase, Math.round(process.resourceUsage().maxRSS / 1024), Math.round(process.memoryUsage().rss / 1048576));
    t = now;
  };
  const sha256 = await hashFile(file);
  lap("hash");
  const sniffed = await sniffAndScreen(file, options);
  lap("screen");
  const fileName = path6.basename(file);
  const outcome = { file, kind: sniffed.kind, sha256, status: "loaded", rows_read: sniffed.rows, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, reasons: {} };
  return engine.transaction(async (tx) => {
    const db = tx.db;
    await sql14`select pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(db);
    await sql14`set local jit = off`.execute(db);
    const done = await db.selectFrom("ingest_ledger").select("ingest_id").where("sha256", "=", sha256).where("status", "=", "loaded").executeTakeFirst();
    if (done) return { ...outcome, status: "already_ingested" };
    const { ingest_id } = await db.insertInto("ingest_ledger").values({ file_name: fileName, sha256, kind: sniffed.kind, profile: options.profile ? path6.basename(options.profile.name) : sniffed.kind === "redcap" ? "redcap" : null, status: "loaded", rows_read: sniffed.rows, finished_at: null, message: null }).returning("ingest_id").executeTakeFirstOrThrow();
    lap("lock");
    const target = { ingestId: ingest_id, fileName, columns: sniffed.columns, delimiter: sniffed.delimiter, rawTable: sniffed.kind === "redcap" ? "continuum_raw" : "continuum_stage" };
    const { way, raggedReasons } = await stageRecords(tx, file, sniffed, target, options);
    options.onStaged?.(way);
    lap("copy");
    await applyCodeMaps(db, sniffed.kind === "redcap" ? "continuum_raw" : "continuum_stage", sniffed.columns, options.profile);
    await validate(db, sniffed, options);
    lap("validate");
    const { reasons, goodRows } = await quarantine(db, target, raggedReasons);
    lap("quarantine");
    const quarantined = Object.values(reasons).reduce((a, b) => a + b, 0);
    if (options.strict && quarantined > 0) throw new StrictRefusal({ ...outcome, quarantined, reasons });
    const counts = await mergeGoodRows(db, sniffed.kind === "episodes" ? EPISODES_MERGE : ASSESSMENTS_MERGE, ingest_id, goodRows);
    lap("merge");
    await db.updateTable("ingest_ledger").set({ ...counts, quarantined, reasons: JSON.stringify(reasons), finished_at: /* @__PURE__ */ new Date() }).where("ingest_id", "=", ingest_id).execute();
    return { ...outcome, ...counts, quarantined, reasons };
  });
}
async function validate(db, s, options) {
  if (s.kind === "episodes") return validateEpisodes(db, s.columns);
  const present = s.kind === "redcap" ? await reshapeRedcap(db, s.columns, redcapProfile(options)) : s.columns;
  await validateAssessments(db, present);
}
var redcapProfile = (options) => options.redcap ?? options.profile?.redcap ?? DEFAULT_REDCAP_PROFILE;

// cli/commands/report.ts
import path8 from "node:path";

// cli/output-folder.ts
import { existsSync as existsSync3, mkdirSync as mkdirSync5, readdirSync as readdirSync2, renameSync as renameSync2, rmSync as rmSync2, statSync as statSync2 } from "node:fs";
import path7 from "node:path";
function checkOutputFolder(out) {
  if (!existsSync3(out)) return;
  if (!statSync2(out).isDirectory()) throw new CliError(`--out ${out} is a file, not a folder`, "out_not_folder", EXIT.usage);
  const entries = readdirSync2(out);
  if (entries.length > 0 && !entries.includes("manifest.json")) {
    throw new CliError(`--out ${out} holds files that are not a continuum report; choose a new or empty folder`, "out_not_empty", EXIT.usage);
  }
}
async function writeOutputFolder(out, write) {
  checkOutputFolder(out);
  const partial = `${out}.partial-${process.pid}`;
  rmSync2(partial, { recursive: true, force: true });
  mkdirSync5(path7.dirname(out), { recursive: true });
  try {
    const result = await write(partial);
    const previous = `${out}.previous-${process.pid}`;
    if (existsSync3(out)) renameSync2(out, previous);
    renameSync2(partial, out);
    rmSync2(previous, { recursive: true, force: true });
    return { ...result, dir: out };
  } finally {
    rmSync2(partial, { recursive: true, force: true });
  }
}

// cli/commands/report.ts
var REPORTS = ["quarterly", "accreditation", "research"];
function parseThreshold(value) {
  if (value === void 0) return DEFAULT_THRESHOLD;
  if (!/^\d+$/.test(value) || Number(value) < 2) throw usageError("--threshold must be an integer of at least 2");
  return Number(value);
}
function parseReportRequest(kind, values) {
  if (!kind || !REPORTS.includes(kind)) throw usageError(`report needs one of ${REPORTS.join(", ")}`);
  const out = stringOption(values, "out");
  if (!out) throw usageError(`report ${kind} needs --out DIR`);
  checkOutputFolder(path8.resolve(out));
  const quarter = stringOption(values, "quarter");
  if (quarter !== void 0 && !isQuarter(quarter)) throw usageError("--quarter looks like 2026Q3");
  const year = stringOption(values, "year");
  if (year !== void 0 && !/^\d{4}$/.test(year)) throw usageError("--year looks like 2026");
  return { kind, out: path8.resolve(out), threshold: parseThreshold(stringOption(values, "threshold")), pdf: !values["skip-pdf"], quarter, year: year === void 0 ? void 0 : Number(year) };
}
async function runReport(engine, request, ctx) {
  const cut = await dataCut(engine.db);
  if (!cut) throw usageError("the database holds no data yet; ingest exports first");
  const note = (line) => ctx.stderr.write(`continuum report: ${line}
`);
  return writeOutputFolder(request.out, async (out) => {
    const common = { out, dataCut: cut, threshold: request.threshold, engine: engine.kind, pdf: request.pdf, note };
    if (request.kind === "research") return (await import("./research-ICLQJMYQ.js")).writeResearchExport(engine.db, common);
    if (request.kind === "accreditation") {
      const { writeAccreditationReport, defaultYear } = await import("./accreditation-GFLDUTKZ.js");
      return writeAccreditationReport(engine.db, { ...common, year: request.year ?? defaultYear(cut) });
    }
    const quarter = request.quarter ?? lastCompleteQuarter(cut);
    const { writeQuarterlyReport } = await import("./quarterly-ABZ2CY3J.js");
    const written = await writeQuarterlyReport(engine.db, { ...common, quarter });
    return { ...written, quarter };
  });
}
var report = {
  name: "report",
  summary: "write a report set: quarterly (directors), accreditation, research",
  usage: "continuum report quarterly|accreditation|research --out DIR [--quarter 2026Q3] [--year 2026] [--threshold 11] [--skip-pdf] [--db URL] [--json]",
  options: { out: { type: "string" }, quarter: { type: "string" }, year: { type: "string" }, threshold: { type: "string" }, "skip-pdf": { type: "boolean" } },
  async run({ values, positionals }, ctx) {
    const request = parseReportRequest(positionals[0], values);
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const written = await runReport(engine, request, ctx);
      if (values.json) ctx.stdout.write(`${JSON.stringify({ report: request.kind, ...written })}
`);
      else ctx.stdout.write(`${request.kind} report written to ${written.dir}: ${written.pages.join(", ")}
`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};

// cli/commands/demo.ts
var positiveInt = (value, name, fallback) => {
  if (value === void 0) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`--${name} must be a positive integer`);
  return Number(value);
};
var demo = {
  name: "demo",
  summary: "generate a synthetic cohort, load it into the embedded database, and analyze it",
  usage: "continuum demo [--episodes N] [--seed S] [--out DIR] [--reports DIR] [--skip-pdf] [--db URL] [--json]",
  options: { episodes: { type: "string" }, seed: { type: "string" }, out: { type: "string" }, reports: { type: "string" }, "skip-pdf": { type: "boolean" } },
  async run({ values }, ctx) {
    const episodes = positiveInt(stringOption(values, "episodes"), "episodes", 2e3);
    const seed = positiveInt(stringOption(values, "seed"), "seed", 1);
    const out = path9.resolve(stringOption(values, "out") ?? "continuum-demo");
    const dataDir = path9.join(out, "data");
    ctx.stderr.write(`continuum demo: generating ${episodes} synthetic episodes (seed ${seed}) in ${dataDir}
`);
    const cohort = await writeCohort(dataDir, { episodes, seed });
    const engine = await connect(ctx, stringOption(values, "db"), { schema: false });
    try {
      await migrateToLatest(engine.db);
      const outcomes = [];
      for (const file of [cohort.episodesFile, cohort.assessmentsFile]) {
        const outcome = await ingestFile(engine, file);
        outcomes.push(outcome);
        ctx.stderr.write(`continuum demo: ${path9.basename(file)} ${outcome.status}: ${outcome.inserted} inserted, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.quarantined} quarantined
`);
      }
      const cut = await dataCut(engine.db);
      ctx.stderr.write("continuum demo: computing effect sizes by level of care\n");
      const rows = cut ? await effectSizeTable(engine.db, { comparisons: ["intake_discharge", "intake_followup_6m"], by: ["level_of_care"], dataCut: cut }) : [];
      const analysisFile = path9.join(out, "analysis", "effect-sizes.json");
      mkdirSync6(path9.dirname(analysisFile), { recursive: true });
      writeFileSync2(analysisFile, `${JSON.stringify({ data_cut: cut, rows }, null, 2)}
`);
      const reportsDir = path9.resolve(stringOption(values, "reports") ?? path9.join("reports", "out"));
      const reports = {};
      for (const kind of REPORTS) {
        ctx.stderr.write(`continuum demo: writing the ${kind} report
`);
        const written = await runReport(engine, { kind, out: path9.join(reportsDir, kind), threshold: DEFAULT_THRESHOLD, pdf: !values["skip-pdf"] }, ctx);
        reports[kind] = path9.join(written.dir, written.pages[0] ?? "");
      }
      const summary = { database: engine.location, data_cut: cut, episodes: cohort.episodes, assessments: cohort.assessments, files: outcomes, analysis: analysisFile, reports, out };
      if (values.json) ctx.stdout.write(`${JSON.stringify(summary)}
`);
      else {
        ctx.stdout.write(`loaded ${cohort.episodes} episodes and ${cohort.assessments} assessments into ${engine.location} (data cut ${cut})

`);
        ctx.stdout.write(renderEffectTable(rows.filter((r) => r.instrument === "PHQ9" || r.instrument === "GAD7"), ["level_of_care"]));
        ctx.stdout.write(`
every instrument and comparison: ${analysisFile}
`);
        ctx.stdout.write(`reports (open in a browser):
${Object.entries(reports).map(([kind, file]) => `  ${kind.padEnd(13)} ${file}`).join("\n")}
`);
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};

// cli/progress.ts
function progressReporter(ctx, label) {
  const started = performance.now();
  let shown = false;
  return {
    update: (rows, total) => {
      if (!ctx.interactive || rows < 5e4) return;
      const seconds = Math.max((performance.now() - started) / 1e3, 1e-3);
      const rate = rows / seconds;
      const eta = rate > 0 ? Math.max(0, (total - rows) / rate) : 0;
      const share = total > 0 ? Math.min(100, 100 * rows / total) : 100;
      ctx.stderr.write(`\r${label}: ${share.toFixed(0)}% ${rows.toLocaleString("en-US")}/${total.toLocaleString("en-US")} rows, ${Math.round(rate).toLocaleString("en-US")} rows/s, ETA ${Math.ceil(eta)} s   `);
      shown = true;
    },
    done: () => {
      if (shown) ctx.stderr.write("\n");
    }
  };
}

// cli/commands/ingest.ts
var KIND_ORDER = { episodes: 0, assessments: 1, redcap: 1 };
var ingest = {
  name: "ingest",
  summary: "load export files (episodes, assessments, REDCap raw) into the database",
  usage: "continuum ingest FILE\u2026 [--kind episodes|assessments|redcap] [--profile P.json] [--strict] [--encoding utf-8|windows-1252|latin1] [--max-field-size N] [--db URL] [--json]",
  options: { kind: { type: "string" }, strict: { type: "boolean" }, encoding: { type: "string" }, profile: { type: "string" }, "max-field-size": { type: "string" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length === 0) throw usageError("name at least one file to ingest");
    const kind = stringOption(values, "kind");
    if (kind !== void 0 && !INPUT_KINDS.includes(kind)) throw usageError(`--kind must be one of ${INPUT_KINDS.join(", ")}`);
    const encoding = (stringOption(values, "encoding") ?? "utf-8").toLowerCase();
    if (!ENCODINGS.includes(encoding)) throw usageError(`--encoding must be one of ${ENCODINGS.join(", ")}`);
    const maxSize = stringOption(values, "max-field-size");
    const maxRecordChars = maxSize === void 0 ? void 0 : Number(maxSize);
    if (maxRecordChars !== void 0 && !(Number.isInteger(maxRecordChars) && maxRecordChars >= 100 && maxRecordChars <= 1e8)) {
      throw usageError("--max-field-size must be a whole number of characters from 100 to 100000000");
    }
    const profileFile = stringOption(values, "profile");
    const profile = profileFile ? readProfile(profileFile) : void 0;
    const engine = await connect(ctx, stringOption(values, "db"));
    const outcomes = [];
    let exit = EXIT.ok;
    try {
      const files = [...positionals].sort((a, b) => order(a, kind) - order(b, kind));
      for (const file of files) {
        const progress = progressReporter(ctx, file);
        try {
          const outcome = await ingestFile(engine, file, { kind, profile, strict: Boolean(values.strict), encoding, maxRecordChars, onProgress: progress.update });
          outcomes.push(outcome);
          progress.done();
          if (!values.json) ctx.stderr.write(`${summaryLine(outcome)}
`);
        } catch (error) {
          progress.done();
          if (!(error instanceof StrictRefusal)) throw error;
          outcomes.push({ ...error.outcome, status: "refused", inserted: 0, updated: 0, unchanged: 0 });
          ctx.stderr.write(`continuum: ${file}: --strict and ${error.outcome.quarantined} rows are bad (${reasonList(error.outcome.reasons)}); nothing loaded (strict_bad_rows)
`);
          exit = EXIT.failed;
        }
      }
    } finally {
      await engine.close();
    }
    if (values.json) ctx.stdout.write(`${JSON.stringify({ files: outcomes })}
`);
    return exit;
  }
};
function order(file, kind) {
  if (kind) return KIND_ORDER[kind];
  return /episode/i.test(file) ? 0 : 1;
}
var reasonList = (reasons) => Object.entries(reasons).map(([r, n]) => `${r} ${n}`).join(", ") || "none";
function summaryLine(o) {
  if (o.status === "already_ingested") return `${o.file}: already ingested (same SHA-256), nothing changed`;
  return `${o.file}: ${o.kind}, ${o.rows_read} rows read \u2014 ${o.inserted} inserted, ${o.updated} updated, ${o.unchanged} unchanged, ${o.quarantined} quarantined${o.quarantined ? ` (${reasonList(o.reasons)})` : ""}`;
}

// cli/commands/migrate.ts
var migrate = {
  name: "migrate",
  summary: "create or upgrade the database schema",
  usage: "continuum migrate [--db URL] [--json]",
  options: {},
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"), { schema: false });
    try {
      const outcome = await migrateToLatest(engine.db);
      if (values.json) ctx.stdout.write(`${JSON.stringify({ database: engine.kind, ...outcome })}
`);
      else
        ctx.stdout.write(
          outcome.applied.length ? `migrated ${engine.location}: applied ${outcome.applied.join(", ")}
` : `${engine.location} is up to date (${outcome.latest})
`
        );
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};

// cli/commands/notebook.ts
import path10 from "node:path";
var notebook = {
  name: "notebook",
  summary: "run the research notebooks (durability, level comparison, subgroups, dose, replication)",
  usage: "continuum notebook list | continuum notebook run NAME\u2026|--all --out DIR [--db URL] [--json]",
  options: { all: { type: "boolean" }, out: { type: "string" } },
  async run({ values, positionals }, ctx) {
    const [sub, ...names] = positionals;
    const { listNotebooks, runNotebooks } = await import("./runner-6VUONI3K.js");
    const available = listNotebooks();
    if (sub === "list") {
      ctx.stdout.write(values.json ? `${JSON.stringify({ notebooks: available })}
` : `${available.join("\n")}
`);
      return EXIT.ok;
    }
    if (sub !== "run") throw usageError("notebook needs list or run");
    const chosen = values.all ? available : names;
    if (!chosen.length) throw usageError("notebook run needs a NAME or --all");
    for (const name of chosen) if (!available.includes(name)) throw usageError(`no notebook named ${name}; one of ${available.join(", ")}`);
    const out = stringOption(values, "out");
    if (!out) throw usageError("notebook run needs --out DIR");
    checkOutputFolder(path10.resolve(out));
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const cut = await dataCut(engine.db);
      if (!cut) throw usageError("the database holds no data yet; run continuum demo or ingest exports first");
      const written = await writeOutputFolder(
        path10.resolve(out),
        (dir) => runNotebooks(engine.db, { names: chosen, out: dir, dataCut: cut, threshold: DEFAULT_THRESHOLD, engine: engine.kind, note: (l) => ctx.stderr.write(`continuum notebook: ${l}
`) })
      );
      if (values.json) ctx.stdout.write(`${JSON.stringify(written)}
`);
      else ctx.stdout.write(`notebooks written to ${written.dir}: ${written.pages.join(", ")}
`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};

// db/roles.ts
var CORE_TABLES = ["sites", "episodes", "assessments", "ingest_ledger", "ingest_changes", "quarantine"];
var REPORT_TABLES = ["sites", "episodes", "assessments", "ingest_ledger", "quarantine_index"];
var SITE_ROWS = {
  sites: (s) => `site_id = ${literal(s)}`,
  episodes: (s) => `site_id = ${literal(s)}`,
  assessments: (s) => `episode_id in (select episode_id from episodes where site_id = ${literal(s)})`
};
var literal = (s) => `'${s.replace(/'/g, "''")}'`;
var siteRole = (site) => `continuum_site_${site.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;
var createRole = (role) => `do $$ begin if not exists (select from pg_roles where rolname = ${literal(role)}) then create role ${role} nologin; end if; end $$;`;
function rolesSql({ sites = [] } = {}) {
  const lines = [
    "-- continuum roles: least privilege on a server (continuum roles --apply runs this)",
    createRole("continuum_ingest"),
    createRole("continuum_report"),
    "grant usage on schema public to continuum_ingest, continuum_report;",
    `grant select, insert, update on ${CORE_TABLES.join(", ")} to continuum_ingest;`,
    "grant usage, select on all sequences in schema public to continuum_ingest;",
    `grant select on ${REPORT_TABLES.join(", ")} to continuum_report;`,
    `revoke all on ingest_changes, quarantine from continuum_report;`
  ];
  if (sites.length) {
    lines.push("-- row-level security: each site's role sees its own rows; the two roles above see all");
    for (const site of sites) {
      const role = siteRole(site);
      lines.push(createRole(role), `grant usage on schema public to ${role};`, `grant select on ${Object.keys(SITE_ROWS).join(", ")} to ${role};`);
    }
    for (const [table, condition] of Object.entries(SITE_ROWS)) {
      lines.push(
        `alter table ${table} enable row level security;`,
        `drop policy if exists continuum_all on ${table};`,
        `create policy continuum_all on ${table} to continuum_ingest, continuum_report using (true) with check (true);`
      );
      for (const site of sites) {
        const policy = `continuum_${siteRole(site)}`;
        lines.push(`drop policy if exists ${policy} on ${table};`, `create policy ${policy} on ${table} for select to ${siteRole(site)} using (${condition(site)});`);
      }
    }
  }
  return `${lines.join("\n")}
`;
}

// cli/commands/roles.ts
import { sql as sql15 } from "kysely";
var roles = {
  name: "roles",
  summary: "print (or --apply) least-privilege roles for a server: ingest, report, and per-site row-level security",
  usage: "continuum roles [--rls] [--apply] [--db URL]",
  options: { rls: { type: "boolean" }, apply: { type: "boolean" } },
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"));
    try {
      if (values.apply && engine.kind !== "postgres") throw usageError("roles --apply needs a server (--db URL or DATABASE_URL); the embedded database has one user");
      const sites = values.rls ? (await engine.db.selectFrom("sites").select("site_id").orderBy("site_id").execute()).map((s) => s.site_id) : [];
      const script = rolesSql({ sites });
      if (!values.apply) {
        ctx.stdout.write(script);
        return EXIT.ok;
      }
      await engine.db.transaction().execute((tx) => sql15.raw(script).execute(tx));
      ctx.stdout.write(values.json ? `${JSON.stringify({ applied: true, site_roles: sites.length })}
` : `roles applied: continuum_ingest, continuum_report${sites.length ? `, ${sites.length} site roles with row-level security` : ""}
`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  }
};

// cli/commands/index.ts
var COMMANDS = [demo, migrate, ingest, check, analyze, report, notebook, roles, backup, restore];

// cli/run.ts
function helpText() {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "continuum \u2014 outcomes analytics for behavioral-health treatment programs",
    "",
    "usage: continuum <command> [options]",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "options for every command:",
    "  --db URL   a Postgres server (else DATABASE_URL, else the embedded database in",
    "             $CONTINUUM_HOME/db, default ./.continuum/db)",
    "  --json     one machine-readable JSON document on stdout",
    "  --debug    print the stack trace of a failure",
    "  --help     this text, or a command's usage with `continuum <command> --help`",
    "",
    "exit codes: 0 done \xB7 1 failed (--strict with bad rows, or an unexpected error) \xB7 2 usage \xB7",
    "            3 file refused whole \xB7 4 database unreachable or failed",
    ""
  ].join("\n");
}
async function runCli(argv, ctx) {
  const debug2 = argv.includes("--debug");
  try {
    const [name, ...rest] = argv;
    if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
      ctx.stdout.write(helpText());
      return name === void 0 ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw usageError(`unknown command "${name}"; see continuum --help`);
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw usageError(`${error.message.split("\n")[0].replace(/\. To specify.*$/, "")}; usage: ${command.usage}`);
    }
    if (parsed.values.help) {
      ctx.stdout.write(`usage: ${command.usage}
${command.summary}
`);
      return EXIT.ok;
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, ctx);
  } catch (error) {
    const { line, exitCode } = describeFailure(error);
    ctx.stderr.write(`${line}
`);
    if (debug2 && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}
`);
    return exitCode;
  }
}

// cli/main.ts
var debug = process.argv.includes("--debug");
var lastResort = (error) => {
  const { line, exitCode } = describeFailure(error);
  process.stderr.write(`${line}
`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}
`);
  process.exit(exitCode);
};
process.on("uncaughtException", lastResort);
process.on("unhandledRejection", lastResort);
process.exitCode = await runCli(process.argv.slice(2), processContext());
