// mart_episode_pairs — grain: one row per episode with both scores of one instrument and
// comparison: the pre and post score and the episode's descriptors (subgroup keys, dose). For
// analyses that model episodes (subgroup heterogeneity, dose–response, weighting) rather than
// aggregate them; a notebook-sized cohort, not a stream.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Comparison } from "../../domain/timepoints.ts";
import { cohortPairs } from "../intermediate/comparison-pairs.ts";

export async function episodePairs(db: Kysely<Database>, { instrument, comparison, dataCut }: { instrument: string; comparison: Comparison; dataCut: string }) {
  const rows = await cohortPairs(db, { comparison, dataCut, filter: { instrument } })
    .where("p.post_score", "is not", null)
    .select([
      "p.episode_id",
      "p.pre_score",
      "p.post_score",
      "p.level_of_care",
      "p.track",
      "p.modality",
      "p.age_band",
      "p.gender",
      "p.race_ethnicity",
      "p.payer",
      "p.length_of_stay_days",
      "p.hours_per_week",
      "p.sessions_attended",
    ])
    .orderBy("p.episode_id")
    .execute();
  return rows.map((r) => ({ ...r, pre_score: Number(r.pre_score), post_score: Number(r.post_score), hours_per_week: r.hours_per_week === null ? null : Number(r.hours_per_week) }));
}
