// Migration 0005: the derived table `comparison_pairs` (DESIGN.md "Data flow"): per
// discharged episode × instrument × comparison, the pre and post scores the default windows
// give (db/pair-derivation.ts) — what every analysis used to pivot out of timepoint_scores.
// Distributed co-located with episodes on Citus (db/citus.ts); no foreign keys, since it is
// derived. db/migrate.ts fills it for existing data.
//
// The derived tables get a plain index on episode_id — what the ingest's delete-and-re-derive
// of the touched episodes looks up — instead of a primary key on their grain. Their rows are
// only ever written by the derivation, whose DISTINCT ON / GROUP BY makes the grain unique,
// and `continuum rebuild` compares them with it row for row. A unique index cost the ingest
// most of its time: re-deriving 100k episodes' 1.4M pairs took 12.7 s with the primary key
// (each new row checked against the dead rows just deleted) and 5.7 s with this index.
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
      change double precision
    )`.execute(db);
  await sql`create index comparison_pairs_episode_id on comparison_pairs (episode_id)`.execute(db);
  await sql`alter table timepoint_scores drop constraint timepoint_scores_pkey`.execute(db);
  await sql`create index timepoint_scores_episode_id on timepoint_scores (episode_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index timepoint_scores_episode_id`.execute(db);
  await sql`alter table timepoint_scores add primary key (episode_id, instrument, timepoint)`.execute(db);
  await sql`drop table comparison_pairs`.execute(db);
}
