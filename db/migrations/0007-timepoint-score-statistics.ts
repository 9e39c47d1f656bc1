// Migration 0007: extended statistics on `timepoint_scores`: how many distinct
// episode × instrument pairs it holds. The pair derivation (db/pair-derivation.ts) groups the
// table by exactly those two columns, and without this the planner multiplies what it knows
// of each column apart and expects about one group per episode: for a first load of 100k
// episodes it planned 110k groups where there were 540k, chose a hash aggregate that spilled
// to disk, and wrote the pairs in hash order. Told the truth, it reads the table in episode
// order through its index and groups as it goes, and the pairs come out in episode order, so
// their own index is then built from sorted rows: on PGlite (2-core VM) the pairs' insert and
// index 6.4–7.2 s → 5.7 s. Filled by every ANALYZE of the table (db/derived-tables.ts runs
// one after a bulk refresh); on Citus, CREATE STATISTICS reaches the shards.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create statistics timepoint_scores_episode_instrument (ndistinct) on episode_id, instrument from timepoint_scores`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop statistics timepoint_scores_episode_instrument`.execute(db);
}
