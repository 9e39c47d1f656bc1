// Migration 0004: the derived table `timepoint_scores` (DESIGN.md "Data flow"): per
// episode × instrument × timepoint, the assessment today's derivation chooses with the default
// windows — what every analysis used to re-derive from the raw assessments. Keyed by
// (episode_id, …) like the core tables, so on Citus it is distributed co-located with episodes
// (db/citus.ts). No foreign keys: it is derived, rebuilt from the core tables at will.
// Filling it for existing data is db/migrate.ts's job once this migration is applied, with the
// live derivation SQL (db/timepoint-derivation.ts), so this file never needs to repeat it.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table timepoint_scores (
      episode_id text collate "C" not null,
      instrument text collate "C" not null,
      assessed_on date not null,
      total_score double precision not null,
      timepoint_label text,
      timepoint text not null,
      timepoint_order integer not null,
      anchor_on date not null,
      distance integer not null,
      primary key (episode_id, instrument, timepoint)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table timepoint_scores`.execute(db);
}
