// Upkeep of the derived tables — `timepoint_scores` (migration 0004) and `comparison_pairs`
// (0005) — like dbt incremental models: the ingest transaction, after its merge, deletes and
// re-derives the rows of exactly the episodes the file touched; `continuum rebuild` (and
// migrate, for data that predates a table) derives them all from scratch and says whether that
// equalled what was kept. Both use the live derivation SQL with the default windows
// (db/timepoint-derivation.ts, db/pair-derivation.ts) — the SQL the on-the-fly path runs.
// The tables are listed in dependency order: the pairs are derived from the timepoint scores.
//
// Every function here runs inside a transaction (its temporary tables are dropped at commit
// and, on a server, a pool would otherwise hand each statement a different session).
import { type Compilable, type Kysely, type RawBuilder, sql } from "kysely";
import { DEFAULT_WINDOWS } from "../domain/timepoints.ts";
import { derivePairs, PAIR_COLUMNS } from "./pair-derivation.ts";
import type { Database } from "./schema.ts";
import { deriveTimepointScores, type EpisodeSet } from "./timepoint-derivation.ts";

interface DerivedTable {
  table: "timepoint_scores" | "comparison_pairs";
  /** The columns in the order the derivation selects them. */
  columns: readonly string[];
  derive: (db: Kysely<Database>, episodes?: EpisodeSet) => Compilable;
}

export const DERIVED_TABLES: readonly DerivedTable[] = [
  {
    table: "timepoint_scores",
    columns: ["episode_id", "instrument", "assessed_on", "total_score", "timepoint_label", "timepoint", "timepoint_order", "anchor_on", "distance"],
    derive: (db, episodes) => deriveTimepointScores(db, DEFAULT_WINDOWS, episodes),
  },
  { table: "comparison_pairs", columns: PAIR_COLUMNS, derive: (db, episodes) => derivePairs(db, DEFAULT_WINDOWS, episodes) },
];

const columnList = (t: DerivedTable) => sql.join(t.columns.map((c) => sql.ref(c)));

/**
 * Re-derives the rows of the episodes that ingest `ingestId` inserted or changed in `table`
 * (the merge stamps both with the ingest's id): for an assessments file, the episodes whose
 * assessments it added or changed; for an episodes file, the episodes whose dates may have moved.
 */
export async function refreshTouchedEpisodes(db: Kysely<Database>, table: "episodes" | "assessments", ingestId: number): Promise<number> {
  // The touched ids once, in a local table, rather than a subquery re-run by each statement.
  await sql`create temp table continuum_touched on commit drop as
    select distinct episode_id from ${sql.table(table)} where ingest_id = ${ingestId}::int`.execute(db);
  const touched = sql<string>`(select episode_id from continuum_touched)`;
  // Statistics for the planner: without them it guesses a few hundred ids and, for a file
  // touching every episode, spills its aggregates to disk (6.4 s instead of 10.7 s for the
  // pairs of 100k episodes on the 2-core VM).
  await sql`analyze continuum_touched`.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from continuum_touched`.execute(db);
  if (rows[0].n > 0) await refreshEpisodes(db, touched, { bulk: rows[0].n >= BULK_REFRESH_EPISODES });
  await sql`drop table continuum_touched`.execute(db);
  return rows[0].n;
}

/**
 * From how many touched episodes a refresh is a bulk load, after which each re-derived table is
 * analysed before the next one is derived from it: its statistics would otherwise still
 * describe the table before this transaction (for a first load, an empty one), and the planner
 * would loop over an index half a million times (the pairs of 100k episodes: 4.6 s).
 */
const BULK_REFRESH_EPISODES = 5000;

/** Deletes and re-derives the rows of the episodes in `episodes` (a parenthesised id subquery). */
export async function refreshEpisodes(db: Kysely<Database>, episodes: RawBuilder<string>, { bulk = false } = {}): Promise<void> {
  for (const [i, t] of DERIVED_TABLES.entries()) {
    await sql`delete from ${sql.table(t.table)} where episode_id in ${episodes}`.execute(db);
    await sql`insert into ${sql.table(t.table)} (${columnList(t)}) ${t.derive(db, episodes)}`.execute(db);
    if (bulk && i < DERIVED_TABLES.length - 1) await sql`analyze ${sql.table(t.table)}`.execute(db);
  }
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
