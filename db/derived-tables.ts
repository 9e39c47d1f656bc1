// Upkeep of the derived tables — `timepoint_scores` (migration 0004), `comparison_pairs`
// (0005) and `episode_pathways` (0006) — like dbt incremental models: the ingest transaction,
// after its merge, deletes and re-derives the rows of exactly the episodes the file touched
// (for the pathways, every episode of the touched episodes' patients, before and after the
// change); `continuum rebuild` (and migrate, for data that predates a table) derives them all
// from scratch and says whether that equalled what was kept. Each uses the live derivation SQL
// (db/timepoint-derivation.ts, db/pair-derivation.ts with the default windows,
// db/pathway-derivation.ts) — the SQL the on-the-fly path runs. The tables are listed in
// dependency order: the pairs are derived from the timepoint scores.
//
// Every function here runs inside a transaction (its temporary tables are dropped at commit
// and, on a server, a pool would otherwise hand each statement a different session).
import { type Compilable, type Kysely, type RawBuilder, sql } from "kysely";
import { DEFAULT_WINDOWS } from "../domain/timepoints.ts";
import { hasCitus } from "./citus.ts";
import { derivePairs, PAIR_COLUMNS } from "./pair-derivation.ts";
import { deriveEpisodePathways, PATHWAY_COLUMNS } from "./pathway-derivation.ts";
import type { Database } from "./schema.ts";
import { refreshGrownStatistics } from "./table-statistics.ts";
import { deriveTimepointScores, type EpisodeSet } from "./timepoint-derivation.ts";

/** The raw tables an ingest file loads. */
type SourceTable = "episodes" | "assessments";

interface DerivedTable {
  table: "timepoint_scores" | "comparison_pairs" | "episode_pathways";
  /** The columns in the order the derivation selects them. */
  columns: readonly string[];
  /** The raw tables whose changes can change the rows. */
  sources: readonly SourceTable[];
  /** What the derivation is restricted to: a set of episodes, or of patients (all their episodes). */
  scope: "episode" | "patient";
  derive: (db: Kysely<Database>, ids?: EpisodeSet) => Compilable;
}

export const DERIVED_TABLES: readonly DerivedTable[] = [
  {
    table: "timepoint_scores",
    columns: ["episode_id", "instrument", "assessed_on", "total_score", "timepoint_label", "timepoint", "timepoint_order", "anchor_on", "distance"],
    sources: ["episodes", "assessments"],
    scope: "episode",
    derive: (db, episodes) => deriveTimepointScores(db, DEFAULT_WINDOWS, { episodes }),
  },
  { table: "comparison_pairs", columns: PAIR_COLUMNS, sources: ["episodes", "assessments"], scope: "episode", derive: (db, episodes) => derivePairs(db, DEFAULT_WINDOWS, { episodes }) },
  { table: "episode_pathways", columns: PATHWAY_COLUMNS, sources: ["episodes"], scope: "patient", derive: (db, patients) => deriveEpisodePathways(db, patients) },
];

const columnList = (t: DerivedTable) => sql.join(t.columns.map((c) => sql.ref(c)));

/** A file's merge into a raw table, which stamped the rows it inserted or changed with its ingest id. */
export interface MergedLoad {
  table: SourceTable;
  ingestId: number;
}

/**
 * Re-derives the rows of the episodes that the loads inserted or changed (the merge stamps both
 * with the ingest's id): for an assessments file, the episodes whose assessments it added or
 * changed; for an episodes file, the episodes whose dates may have moved. A call that loads
 * several files in one transaction (a FHIR export) refreshes once, after the last merge, for
 * what all of them touched: the same rows as a refresh after each file, since a file changes
 * the derivation only of the episodes it stamps, without deriving the first files' episodes
 * again (the Observations and QuestionnaireResponses of a 1M-Observation export on the server:
 * two refreshes, 6.8 s).
 */
export async function refreshTouchedEpisodes(db: Kysely<Database>, loads: readonly MergedLoad[], { soleSession = false }: { soleSession?: boolean } = {}): Promise<number> {
  if (loads.length === 0) return 0;
  // A bulk refresh sorts and groups about a million rows per table: with the default 4 MB of
  // work_mem PGlite spills them through its virtual file system (deriving the timepoints and
  // pairs of 1.1M assessments alone: 15.8–16.4 s; with 32 MB, 9.9–10.0 s; collecting their
  // touched ids 1.4 s against 0.8 s). On the server the two were the same within the noise.
  // Local to the transaction, and put back after: the ingest's ledger update runs on in it.
  const { rows: setting } = await sql<{ work_mem: string }>`select current_setting('work_mem') as work_mem`.execute(db);
  await sql`set local work_mem = '32MB'`.execute(db);
  // The derivations join the tables the merge has just grown (table-statistics.ts).
  await refreshGrownStatistics(db, ["episodes", "assessments"]);
  // The touched ids once, in a local table, rather than a subquery re-run by each statement.
  const tables = [...new Set(loads.map((l) => l.table))];
  const stamped = tables.map((table) => {
    const ids = loads.filter((l) => l.table === table).map((l) => sql.lit(l.ingestId));
    return sql`select episode_id from ${sql.table(table)} where ingest_id in (${sql.join(ids)})`;
  });
  await sql`create temp table continuum_touched on commit drop as
    select distinct episode_id from (${sql.join(stamped, sql` union all `)}) s`.execute(db);
  const touched = sql<string>`(select episode_id from continuum_touched)`;
  // Statistics for the planner: without them it guesses a few hundred ids and, for a file
  // touching every episode, spills its aggregates to disk (6.4 s instead of 10.7 s for the
  // pairs of 100k episodes on the 2-core VM).
  await sql`analyze continuum_touched`.execute(db);
  const { rows } = await sql<{ n: number; total: number }>`select (select count(*)::int from continuum_touched) as n, (select count(*)::int from episodes) as total`.execute(db);
  const { n, total } = rows[0];
  // A file that touched at least half the episodes (a first load, say) re-derives the tables
  // whole (rederiveWhole): the same rows, since an untouched episode derives what the table
  // already holds, for less than restricting every derivation to the touched ids and adding
  // index entries row by row.
  if (n > 0) await refreshEpisodes(db, 2 * n >= total ? undefined : touched, { bulk: n >= BULK_REFRESH_EPISODES, source: tables.length === 1 ? tables[0] : undefined, soleSession });
  await sql`drop table continuum_touched`.execute(db);
  await sql`select set_config('work_mem', ${setting[0].work_mem}, true)`.execute(db);
  return n;
}

/**
 * From how many touched episodes a refresh is a bulk load, after which each re-derived table is
 * analysed before the next one is derived from it: its statistics would otherwise still
 * describe the table before this transaction (for a first load, an empty one), and the planner
 * would loop over an index half a million times (the pairs of 100k episodes: 4.6 s).
 */
const BULK_REFRESH_EPISODES = 5000;

/**
 * Deletes and re-derives the rows of the episodes in `episodes` (a parenthesised id subquery;
 * every episode when it is not given) in the tables that depend on `source` (all of them when
 * it is not given). `soleSession`: no other session can read the database (the embedded engine),
 * so a whole re-derivation may empty the tables by TRUNCATE (rederiveWhole).
 */
export async function refreshEpisodes(
  db: Kysely<Database>,
  episodes?: RawBuilder<string>,
  { bulk = false, source, soleSession = false }: { bulk?: boolean; source?: SourceTable; soleSession?: boolean } = {},
): Promise<void> {
  const tables = DERIVED_TABLES.filter((t) => !source || t.sources.includes(source));
  for (const [i, t] of tables.entries()) {
    if (!episodes) await rederiveWhole(db, t, soleSession);
    else if (t.scope === "patient") await refreshPatients(db, t, episodes);
    else {
      await sql`delete from ${sql.table(t.table)} where episode_id in ${episodes}`.execute(db);
      await sql`insert into ${sql.table(t.table)} (${columnList(t)}) ${t.derive(db, episodes)}`.execute(db);
    }
    if (bulk && i < tables.length - 1) await sql`analyze ${sql.table(t.table)}`.execute(db);
  }
}

/**
 * Re-derives every row of a table. Its indexes are dropped first and built again after the
 * insert: building a B-tree at once costs a fraction of adding one entry per inserted row (the
 * 1.1M timepoint rows of a first load: 0.4 s against 1.8 s on the 2-core VM). Dropping an index
 * needs the table's owner and holds an exclusive lock on the table until commit, so readers
 * wait for such a load instead of reading the tables before it. For another role, and on Citus
 * (where it was not measured: the coordinator would run the DDL on every shard), the indexes
 * stay and take each row as it comes. The rows are the same either way.
 *
 * In the embedded engine (`soleSession`) the table is emptied by TRUNCATE, which gives it a new
 * file in this transaction: with PGlite's `wal_level = minimal` (db/engine.ts) its rows and
 * indexes are then written without WAL and the file is flushed at commit (PostgreSQL docs,
 * "wal_level"; the first load's timepoints and pairs on PGlite: inserts 9.8 → 8.2 s, index
 * builds 6.7 → 2.3 s on the 2-core VM). A server keeps DELETE: TRUNCATE is not MVCC-safe, and
 * an analysis whose snapshot predates the commit would find the tables empty.
 */
async function rederiveWhole(db: Kysely<Database>, t: DerivedTable, soleSession: boolean): Promise<void> {
  await (soleSession ? sql`truncate ${sql.table(t.table)}` : sql`delete from ${sql.table(t.table)}`).execute(db);
  const indexes = await dropIndexes(db, t.table);
  await sql`insert into ${sql.table(t.table)} (${columnList(t)}) ${t.derive(db)}`.execute(db);
  for (const definition of indexes) await sql.raw(definition).execute(db);
}

/** Drops the table's indexes and returns their definitions, or drops none and returns [] when it may not. */
async function dropIndexes(db: Kysely<Database>, table: DerivedTable["table"]): Promise<string[]> {
  if (await hasCitus(db)) return [];
  await sql`savepoint continuum_drop_indexes`.execute(db);
  try {
    const { rows } = await sql<{ name: string; definition: string }>`
      select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(db);
    for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(db);
    await sql`release savepoint continuum_drop_indexes`.execute(db);
    return rows.map((r) => r.definition);
  } catch {
    await sql`rollback to savepoint continuum_drop_indexes`.execute(db);
    return [];
  }
}

/**
 * Re-derives a patient-scoped table for every patient of the episodes: the patient each has
 * now and the one its kept row names (an episode moved to another patient changes the old
 * patient's sequence too).
 */
async function refreshPatients(db: Kysely<Database>, t: DerivedTable, episodes: RawBuilder<string>): Promise<void> {
  await sql`create temp table continuum_touched_patients on commit drop as
    select patient_id from episodes where episode_id in ${episodes}
    union select patient_id from ${sql.table(t.table)} where episode_id in ${episodes}`.execute(db);
  const patients = sql<string>`(select patient_id from continuum_touched_patients)`;
  await sql`delete from ${sql.table(t.table)} where patient_id in ${patients}`.execute(db);
  await sql`insert into ${sql.table(t.table)} (${columnList(t)}) ${t.derive(db, patients)}`.execute(db);
  await sql`drop table continuum_touched_patients`.execute(db);
}

export interface RebuildOutcome {
  table: DerivedTable["table"];
  /** Rows of the from-scratch derivation. */
  rows: number;
  /** Rows kept before the rebuild. */
  kept: number;
  /** Rows in one and not the other (a multiset difference, both ways). */
  differences: number;
}

/**
 * Derives every derived table from scratch (in dependency order, each from the rebuilt one
 * before it), compares it with the kept rows, and replaces them.
 */
export async function rebuildDerivedTables(db: Kysely<Database>): Promise<RebuildOutcome[]> {
  const outcomes: RebuildOutcome[] = [];
  for (const t of DERIVED_TABLES) {
    const columns = columnList(t);
    // Both sides as local tables, so the comparison is a plain set operation on every engine
    // (on Citus, an EXCEPT between a distributed table and a subquery is not always plannable).
    await sql`create temp table continuum_rebuilt on commit drop as ${t.derive(db)}`.execute(db);
    await sql`create temp table continuum_kept on commit drop as select ${columns} from ${sql.table(t.table)}`.execute(db);
    const { rows } = await sql<Omit<RebuildOutcome, "table">>`select
        (select count(*)::int from continuum_rebuilt) as rows,
        (select count(*)::int from continuum_kept) as kept,
        (select count(*)::int from (select ${columns} from continuum_rebuilt except all select ${columns} from continuum_kept) x)
        + (select count(*)::int from (select ${columns} from continuum_kept except all select ${columns} from continuum_rebuilt) y) as differences`.execute(db);
    await sql`delete from ${sql.table(t.table)}`.execute(db);
    await sql`insert into ${sql.table(t.table)} (${columns}) select ${columns} from continuum_rebuilt`.execute(db);
    await sql`drop table continuum_rebuilt, continuum_kept`.execute(db);
    outcomes.push({ table: t.table, rows: Number(rows[0].rows), kept: Number(rows[0].kept), differences: Number(rows[0].differences) });
  }
  return outcomes;
}
