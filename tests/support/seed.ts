// Hand-written rows for query tests: a ledger entry, sites, episodes and assessments inserted
// straight into the core tables (ingest has its own tests), with defaults for every field.
// Like the ingest, it then re-derives the seeded episodes' rows of the derived table
// timepoint_scores, which the analyses read (db/derived-tables.ts).
import { type Kysely, sql } from "kysely";
import type { Database, NewAssessment, NewEpisode } from "../../db/schema.ts";
import { refreshEpisodes } from "../../db/derived-tables.ts";

export type EpisodeSeed = Partial<NewEpisode> & Pick<NewEpisode, "episode_id">;
export type AssessmentSeed = Partial<NewAssessment> & Pick<NewAssessment, "episode_id" | "assessed_on">;

export async function seedRows(db: Kysely<Database>, episodes: EpisodeSeed[], assessments: AssessmentSeed[] = []): Promise<void> {
  const ledger = await db
    .insertInto("ingest_ledger")
    .values({ file_name: "seed", sha256: "0".repeat(64), kind: "episodes", profile: null, status: "loaded", finished_at: null, message: null })
    .returning("ingest_id")
    .executeTakeFirstOrThrow();
  const sites = [...new Set(episodes.map((e) => e.site_id ?? "S01"))];
  await db.insertInto("sites").values(sites.map((site_id) => ({ site_id, name: null }))).onConflict((oc) => oc.doNothing()).execute();
  await db
    .insertInto("episodes")
    .values(
      episodes.map((e) => ({
        patient_id: `P-${e.episode_id}`,
        site_id: "S01",
        level_of_care: "IOP" as const,
        asam_level: null,
        track: "MH" as const,
        modality: "in_person" as const,
        admitted_on: "2026-01-10",
        discharged_on: null,
        discharge_reason: null,
        sessions_scheduled: null,
        sessions_attended: null,
        hours_attended: null,
        age_band: null,
        gender: null,
        race_ethnicity: null,
        payer: null,
        would_recommend: null,
        ingest_id: ledger.ingest_id,
        ...e,
      })),
    )
    .execute();
  if (assessments.length) {
    await db
      .insertInto("assessments")
      .values(
        assessments.map((a) => ({
          instrument: "PHQ9" as const,
          timepoint_label: null,
          total_score: 10,
          items: null,
          ingest_id: ledger.ingest_id,
          ...a,
        })),
      )
      .execute();
  }
  const ids = [...new Set([...episodes, ...assessments].map((r) => r.episode_id))];
  // In a transaction, as in the ingest: the refresh keeps its working sets in temporary tables
  // dropped at commit (and a server's pool would hand each statement another session).
  await db.transaction().execute((tx) => refreshEpisodes(tx, sql<string>`(${sql.join(ids)})`));
}
