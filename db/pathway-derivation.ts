// The pathway derivation (DESIGN.md "Care pathways") — the one SQL source of truth for the
// derived table `episode_pathways` (migration 0006), which the ingest keeps and which
// queries/intermediate/episode-pathways.ts reads. Like db/timepoint-derivation.ts it lives in
// db/ so the migration, the ingest and the queries build the same statement.
//
// Grain: one row per episode (open ones too: B may still be open) with the patient's next
// episode B in the order (admitted_on, episode_id), and the episode's own fields the pathway
// marts count and group by, so an analysis scans this one table instead of joining it back to
// the episodes (a hash join that was a third of its time). A row depends on the patient's other
// episodes, so it is re-derived per patient: a new, moved or re-dated episode changes its
// neighbours' rows too, and any change to an episode re-derives its patient, so the copied
// fields cannot go stale.
//
// Nothing here depends on the data cut. An analysis at an earlier cut treats B as absent when
// B was admitted after it — exactly what sequencing only the episodes admitted by the cut
// gives, since every episode after B in the order was admitted no earlier than B.
import { type Expression, type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/** The episode's own fields kept beside its next episode's. */
export const PATHWAY_EPISODE_FIELDS = [
  "site_id",
  "level_of_care",
  "track",
  "modality",
  "age_band",
  "gender",
  "race_ethnicity",
  "payer",
  "admitted_on",
  "discharged_on",
  "discharge_reason",
] as const;

export const PATHWAY_COLUMNS = ["episode_id", "patient_id", ...PATHWAY_EPISODE_FIELDS, "next_episode_id", "next_level_of_care", "next_admitted_on", "next_discharged_on"] as const;

/** A set of patient ids (a subquery selecting `patient_id`) the derivation is restricted to. */
export type PatientSet = Expression<string>;

/** The patient's next episode's value of a column (ties in admitted_on broken by episode_id). */
const nextOf = (column: string) => sql`lead(${sql.ref(`e.${column}`)}) over (partition by e.patient_id order by e.admitted_on, e.episode_id)`;

export function deriveEpisodePathways(db: Kysely<Database>, patients?: PatientSet) {
  let pathways = db
    .selectFrom("episodes as e")
    .select([
      "e.episode_id",
      "e.patient_id",
      ...PATHWAY_EPISODE_FIELDS.map((field) => `e.${field}` as const),
      nextOf("episode_id").$castTo<string | null>().as("next_episode_id"),
      nextOf("level_of_care").$castTo<string | null>().as("next_level_of_care"),
      nextOf("admitted_on").$castTo<string | null>().as("next_admitted_on"),
      nextOf("discharged_on").$castTo<string | null>().as("next_discharged_on"),
    ]);
  if (patients) pathways = pathways.where("e.patient_id", "in", patients);
  return pathways;
}
