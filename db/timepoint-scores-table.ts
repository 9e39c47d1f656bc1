// Upkeep of the derived table `timepoint_scores` (migration 0004), like a dbt incremental
// model: the ingest transaction, after its merge, deletes and re-derives the rows of exactly
// the episodes the file touched; `continuum rebuild` (and migrate, for data that predates the
// table) derives it all from scratch and says whether that equalled what was kept. Both use
// deriveTimepointScores with the default windows — the SQL the on-the-fly path runs.
//
// Every function here runs inside a transaction (its temporary tables are dropped at commit
// and, on a server, a pool would otherwise hand each statement a different session).
import { type Kysely, type RawBuilder, sql } from "kysely";
import { DEFAULT_WINDOWS } from "../domain/timepoints.ts";
import type { Database } from "./schema.ts";
import { deriveTimepointScores } from "./timepoint-derivation.ts";

/** The table's columns in the order the derivation selects them. */
const COLUMNS = ["episode_id", "instrument", "assessed_on", "total_score", "timepoint_label", "timepoint", "timepoint_order", "anchor_on", "distance"] as const;
const columnList = sql.join(COLUMNS.map((c) => sql.ref(c)));

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
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from continuum_touched`.execute(db);
  if (rows[0].n > 0) await refreshEpisodes(db, touched);
  await sql`drop table continuum_touched`.execute(db);
  return rows[0].n;
}

/** Deletes and re-derives the rows of the episodes in `episodes` (a parenthesised id subquery). */
export async function refreshEpisodes(db: Kysely<Database>, episodes: RawBuilder<string>): Promise<void> {
  await sql`delete from timepoint_scores where episode_id in ${episodes}`.execute(db);
  await sql`insert into timepoint_scores (${columnList}) ${deriveTimepointScores(db, DEFAULT_WINDOWS, episodes)}`.execute(db);
}

export interface RebuildOutcome {
  /** Rows of the from-scratch derivation. */
  rows: number;
  /** Rows kept before the rebuild. */
  kept: number;
  /** Rows in one and not the other (a multiset difference, both ways). */
  differences: number;
}

/** Derives the whole table from scratch, compares it with the kept rows, and replaces them. */
export async function rebuildTimepointScores(db: Kysely<Database>): Promise<RebuildOutcome> {
  // Both sides as local tables, so the comparison is a plain set operation on every engine
  // (on Citus, an EXCEPT between a distributed table and a subquery is not always plannable).
  await sql`create temp table continuum_rebuilt on commit drop as ${deriveTimepointScores(db, DEFAULT_WINDOWS)}`.execute(db);
  await sql`create temp table continuum_kept on commit drop as select ${columnList} from timepoint_scores`.execute(db);
  const { rows } = await sql<RebuildOutcome>`select
      (select count(*)::int from continuum_rebuilt) as rows,
      (select count(*)::int from continuum_kept) as kept,
      (select count(*)::int from (select ${columnList} from continuum_rebuilt except all select ${columnList} from continuum_kept) x)
      + (select count(*)::int from (select ${columnList} from continuum_kept except all select ${columnList} from continuum_rebuilt) y) as differences`.execute(db);
  await sql`delete from timepoint_scores`.execute(db);
  await sql`insert into timepoint_scores (${columnList}) select ${columnList} from continuum_rebuilt`.execute(db);
  await sql`drop table continuum_rebuilt, continuum_kept`.execute(db);
  return { rows: Number(rows[0].rows), kept: Number(rows[0].kept), differences: Number(rows[0].differences) };
}
