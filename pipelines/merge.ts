// Merging validated rows (`continuum_checked` where problem is null) into a core table in the
// file's transaction: new natural keys are inserted; an existing key whose values differ is
// updated and each changed column recorded (old → new) in ingest_changes; identical rows
// count as unchanged. Comparison is on the typed values rendered as text, so `1.0` and `1`
// are the same number.
//
// Speed, without giving up a guarantee:
// - New keys go in first with one INSERT … LEFT JOIN … WHERE key IS NULL (an anti-join, the
//   plan Postgres also makes of NOT EXISTS, which Citus cannot run against a distributed
//   table as a correlated subquery; ON CONFLICT DO NOTHING would probe the primary key twice
//   per row, speculatively, and took twice as long on 1M rows; no other writer can add a key meanwhile, as ingests hold the ingest lock and
//   the file's own duplicates are already quarantined). Only when some key already
//   existed (fewer rows inserted than good rows) is the diff work done, and then only over
//   pre-existing rows (their ingest_id is an older one). A fresh file pays for one insert.
// - Foreign keys: Postgres checks them with one trigger query per inserted row, the largest
//   single cost of a big load. When the role may, the merge runs with
//   session_replication_role = replica (row triggers off; CHECKs, NOT NULL and unique indexes
//   still apply) once the parent tables were locked against writers before validation
//   (lockParents): validation's unknown_episode check is then the foreign-key check, and the
//   sites an episodes file names are inserted by the merge itself. The constraints stay in the
//   schema for every other writer. A role that may not set it gets the ordinary per-row
//   checks, and so does Citus, where the setting would not reach the workers that hold the
//   shards and their triggers.
import { type Kysely, sql } from "kysely";
import { hasCitus } from "../db/citus.ts";
import type { Database } from "../db/schema.ts";
import { refreshGrownStatistics } from "../db/table-statistics.ts";

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

interface TableSpec {
  table: "episodes" | "assessments";
  key: readonly string[];
  columns: readonly string[];
  /** Referencing column → referenced table (its primary key has the same name). */
  parents: readonly (readonly [column: string, table: "episodes" | "sites"])[];
  /** Whether no other table's foreign key references it, so TRUNCATE may empty it. */
  unreferenced: boolean;
}

export const EPISODES_MERGE: TableSpec = {
  table: "episodes",
  key: ["episode_id"],
  columns: ["patient_id", "site_id", "level_of_care", "asam_level", "track", "modality", "admitted_on", "discharged_on", "discharge_reason", "sessions_scheduled", "sessions_attended", "hours_attended", "age_band", "gender", "race_ethnicity", "payer", "would_recommend"],
  parents: [["site_id", "sites"]],
  unreferenced: false,
};

export const ASSESSMENTS_MERGE: TableSpec = {
  table: "assessments",
  key: ["episode_id", "instrument", "assessed_on"],
  columns: ["timepoint_label", "total_score", "items"],
  parents: [["episode_id", "episodes"]],
  unreferenced: true,
};

const GOOD = sql`(select * from continuum_checked where problem is null)`;

/**
 * `parentsLocked`: lockParents succeeded before validation (then the per-row checks may go).
 * `soleSession`: no other session can read the database (the embedded engine).
 */
export async function mergeGoodRows(
  db: Kysely<Database>,
  spec: TableSpec,
  ingestId: number,
  goodRows: number,
  { parentsLocked = false, soleSession = false }: { parentsLocked?: boolean; soleSession?: boolean } = {},
): Promise<MergeCounts> {
  const { table, key, columns } = spec;
  const t = sql.table(table);
  const empty = !(await hasRows(db, table));
  const primaryKey = soleSession && spec.unreferenced && empty ? await emptyForFirstLoad(db, table) : null;
  if (table === "episodes") {
    await sql`insert into sites (site_id) select distinct site_id from ${GOOD} g on conflict do nothing`.execute(db);
  }
  const setWise = parentsLocked && (await rowTriggersOff(db));
  try {
    const all = [...key, ...columns];
    // Into an empty table every row is new (the file's repeated keys are quarantined, and the
    // ingest lock keeps other writers out), so no anti-join: besides its cost, one planned
    // against a table analyzed while empty is a nested loop whose inner scan re-reads the pages
    // the insert itself is adding, quadratic in the file (55k assessments: 25 s).
    const newKeysOnly = sql`left join ${t} c on ${sql.join(key.map((k) => sql`c.${sql.ref(k)} = g.${sql.ref(k)}`), sql` and `)}
      where c.${sql.ref(key[0])} is null`;
    const insertedResult = await sql`
      insert into ${t} (${sql.join([...all, "ingest_id"].map((c) => sql.ref(c)))})
      select ${sql.join(all.map((c) => sql`g.${sql.ref(c)}`))}, ${ingestId}::int from ${GOOD} g
      ${empty ? sql`` : newKeysOnly}`.execute(db);
    const inserted = Number(insertedResult.numAffectedRows ?? 0);
    if (primaryKey) await addPrimaryKey(db, table, primaryKey);
    if (inserted === goodRows) return { inserted, updated: 0, unchanged: 0 };
    return { inserted, ...(await updateExisting(db, spec, ingestId)) };
  } finally {
    // After an error the transaction is aborted and rolls back, which resets the setting too.
    if (setWise) await sql`set local session_replication_role = origin`.execute(db).catch(() => {});
  }
}

/**
 * Good rows whose key existed before this file: record and apply changed columns. The
 * pre-existing rows of the file's episodes are copied out first (one IN-list read, which Citus
 * runs shard by shard), so the diff is a join of two local tables on every engine.
 */
async function updateExisting(db: Kysely<Database>, spec: TableSpec, ingestId: number): Promise<Omit<MergeCounts, "inserted">> {
  const { table, key, columns } = spec;
  const t = sql.table(table);
  // Rows this ingest just inserted carry its ingest_id; pre-existing ones an older one.
  await sql`create temp table continuum_existing on commit drop as
    select c.* from ${t} c where c.episode_id in (select g.episode_id from ${GOOD} g) and c.ingest_id <> ${ingestId}::int`.execute(db);
  const keyMatch = sql.join(key.map((k) => sql`c.${sql.ref(k)} = g.${sql.ref(k)}`), sql` and `);
  const naturalKey = sql.join(key.map((k) => sql`g.${sql.ref(k)}::text`), sql` || '|' || `);
  await sql`create temp table continuum_changes on commit drop as
    select g.episode_id, ${naturalKey} as natural_key, v.column_name, v.old_value, v.new_value
    from ${GOOD} g join continuum_existing c on ${keyMatch}
    cross join lateral (values ${sql.join(columns.map((name) => sql`(${name}, c.${sql.ref(name)}::text, g.${sql.ref(name)}::text)`))})
      as v(column_name, old_value, new_value)
    where v.old_value is distinct from v.new_value`.execute(db);
  await sql`insert into ingest_changes (episode_id, ingest_id, table_name, natural_key, column_name, old_value, new_value)
    select episode_id, ${ingestId}::int, ${table}::text, natural_key, column_name, old_value, new_value from continuum_changes`.execute(db);
  const { rows } = await sql<{ updated: number; matched: number }>`
    select (select count(distinct natural_key) from continuum_changes) as updated,
      (select count(*) from ${GOOD} g join continuum_existing c on ${keyMatch}) as matched`.execute(db);
  await sql`
    update ${t} c set ${sql.join(columns.map((name) => sql`${sql.ref(name)} = g.${sql.ref(name)}`))}, ingest_id = ${ingestId}
    from ${GOOD} g
    where ${keyMatch} and c.ingest_id <> ${ingestId}::int
      and (${sql.join(columns.map((name) => sql`c.${sql.ref(name)}`))}) is distinct from (${sql.join(columns.map((name) => sql`g.${sql.ref(name)}`))})`.execute(db);
  await sql`drop table continuum_existing, continuum_changes`.execute(db);
  const updated = Number(rows[0].updated);
  return { updated, unchanged: Number(rows[0].matched) - updated };
}

/**
 * Prepares an empty table for a first load in the embedded engine, as PostgreSQL's manual
 * advises for populating a database ("Populating a Database": remove indexes, build them after;
 * COPY into a table truncated in the same transaction under wal_level = minimal skips the WAL,
 * db/engine.ts): TRUNCATE gives the table a new file, and its primary key is dropped, to be
 * added back by the caller after the insert, built once from all rows (an assessments file of
 * 1.1M rows on PGlite, 2-core VM: merge 5.8–6.6 s → 3.8–4.1 s, the key's build included). Safe
 * only here: no other session can see the table (TRUNCATE is not MVCC-safe), and the rows are
 * unique by then — validation quarantined the file's repeated keys, and the table held none.
 * Were one to slip through, adding the key back fails and the file's transaction rolls back.
 * Returns the dropped key's name and definition.
 */
export async function emptyForFirstLoad(db: Kysely<Database>, table: TableSpec["table"]): Promise<PrimaryKey> {
  await sql`truncate ${sql.table(table)}`.execute(db);
  return dropPrimaryKey(db, table);
}

/** A dropped primary key: its name and definition, to add it back. */
export interface PrimaryKey {
  name: string;
  definition: string;
}

export async function dropPrimaryKey(db: Kysely<Database>, table: TableSpec["table"]): Promise<PrimaryKey> {
  const { rows } = await sql<PrimaryKey>`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = ${table}::regclass and contype = 'p'`.execute(db);
  await sql`alter table ${sql.table(table)} drop constraint ${sql.id(rows[0].name)}`.execute(db);
  return rows[0];
}

export async function addPrimaryKey(db: Kysely<Database>, table: TableSpec["table"], key: PrimaryKey): Promise<void> {
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(db);
}

export async function hasRows(db: Kysely<Database>, table: TableSpec["table"]): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(table)}) as any`.execute(db);
  return rows[0].any;
}

/** Turns row triggers (the per-row foreign-key checks) off for this transaction, if the role may. */
export async function rowTriggersOff(db: Kysely<Database>): Promise<boolean> {
  await sql`savepoint continuum_replica`.execute(db);
  try {
    await sql`set local session_replication_role = replica`.execute(db);
    await sql`release savepoint continuum_replica`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint continuum_replica`.execute(db);
    return false;
  }
}

/**
 * What a file's load does before validation: lockParents, and the keyed tables' statistics made
 * current where this transaction has grown them (db/table-statistics.ts), for validation and the
 * merge join them. Returns whether the parents are locked.
 */
export async function prepareKeyedTables(db: Kysely<Database>, spec: TableSpec): Promise<boolean> {
  const parentsLocked = await lockParents(db, spec);
  await refreshGrownStatistics(db, ["episodes", "assessments"]);
  return parentsLocked;
}

/**
 * Locks the tables the file's rows reference (episodes for assessments, sites for episodes) in
 * SHARE mode until commit, where the merge may check foreign keys set-wise (not on Citus) and
 * the role may lock them; returns whether it did. Taken before validation, it makes
 * validation's `unknown_episode` check the foreign-key check: no parent it found can be deleted
 * or re-keyed before commit — what the triggers' FOR KEY SHARE row locks guarantee, for the
 * whole table at once (locking 100k episode rows one by one cost 0.9 s of a 1.1M-row file).
 * Only ingests write these tables, one at a time (the ingest lock), so the wider lock delays
 * no one; readers take ACCESS SHARE, which SHARE does not block.
 */
async function lockParents(db: Kysely<Database>, spec: TableSpec): Promise<boolean> {
  if (await hasCitus(db)) return false;
  await sql`savepoint continuum_lock_parents`.execute(db);
  try {
    for (const [, parent] of spec.parents) await sql`lock table ${sql.table(parent)} in share mode`.execute(db);
    await sql`release savepoint continuum_lock_parents`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint continuum_lock_parents`.execute(db);
    return false;
  }
}
