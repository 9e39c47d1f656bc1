// Migration 0007: the derived tables `timepoint_scores` and `comparison_pairs` find an
// episode's rows through a block-range (BRIN) index on episode_id instead of a B-tree (issue
// 20: what the derived tables add to an ingest). A B-tree entry per row cost more than writing
// the row itself: inserting the 1.1M timepoint rows of 100k episodes took 1.9 s with it and
// 0.8 s without, on the 2-core VM; a BRIN index keeps one summary per range of pages and
// costs 0.1–0.2 s of that.
//
// It finds rows well because the derivation writes them in episode order (the timepoints'
// DISTINCT ON and the pairs' pivot both sort by episode_id), so each range of pages covers a
// narrow span of ids; the ingest's delete of a few touched episodes reads only their ranges.
// Ranges of 32 pages (a few hundred episodes each) keep that read small. `autosummarize` has
// autovacuum summarise each range once filled; until then (and on PGlite, which has no
// autovacuum) an unsummarised range is simply read — the answer is the same, only slower, and
// never slower than the sequential scan of the derived table a missing index would cost.
import { type Kysely, sql } from "kysely";

const TABLES = ["timepoint_scores", "comparison_pairs"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`drop index ${sql.id(`${table}_episode_id`)}`.execute(db);
    await sql`create index ${sql.id(`${table}_episode_id`)} on ${sql.table(table)} using brin (episode_id) with (pages_per_range = 32, autosummarize = on)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`drop index ${sql.id(`${table}_episode_id`)}`.execute(db);
    await sql`create index ${sql.id(`${table}_episode_id`)} on ${sql.table(table)} (episode_id)`.execute(db);
  }
}
