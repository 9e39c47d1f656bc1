// Migration 0005: the derived table `comparison_pairs` (issue 20, DESIGN.md "Data flow"): per
// discharged episode × instrument × comparison, the pre and post scores the default windows
// give (db/pair-derivation.ts) — what every analysis used to pivot out of timepoint_scores.
// Keyed by (episode_id, …), distributed co-located with episodes on Citus (db/citus.ts); no
// foreign keys, since it is derived. db/migrate.ts fills it for existing data.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table comparison_pairs (
      episode_id text collate "C" not null,
      instrument text collate "C" not null,
      comparison text collate "C" not null,
      pre_score double precision not null,
      post_score double precision,
      pre_on date not null,
      post_on date,
      due_on date not null,
      closes_on date not null,
      change double precision,
      primary key (episode_id, instrument, comparison)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table comparison_pairs`.execute(db);
}
