// Migration 0006: the derived table `episode_pathways` (DESIGN.md "Care
// pathways" and "Data flow"): per episode, its own fields and the patient's next episode
// (db/pathway-derivation.ts) — what every pathway analysis used to sequence with a window
// function over all episodes. Distributed co-located with episodes on Citus (db/citus.ts); no
// foreign keys, since it is derived. db/migrate.ts fills it for existing data.
//
// Each column has the collation of the episodes' column it copies (the keys byte order,
// migration 0003), so grouping and ordering by them is unchanged.
//
// Like the other derived tables (0005) it has plain indexes, not a primary key: on episode_id,
// which finds the patient an updated episode belonged to, and on patient_id, by which the
// ingest deletes and re-derives a touched patient's rows.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table episode_pathways (
      episode_id text collate "C" not null,
      patient_id text collate "C" not null,
      site_id text collate "C" not null,
      level_of_care text not null,
      track text,
      modality text,
      age_band text,
      gender text,
      race_ethnicity text,
      payer text,
      admitted_on date not null,
      discharged_on date,
      discharge_reason text,
      next_episode_id text collate "C",
      next_level_of_care text,
      next_admitted_on date,
      next_discharged_on date
    )`.execute(db);
  await sql`create index episode_pathways_episode_id on episode_pathways (episode_id)`.execute(db);
  await sql`create index episode_pathways_patient_id on episode_pathways (patient_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table episode_pathways`.execute(db);
}
