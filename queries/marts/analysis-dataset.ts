// mart_analysis_dataset — grain: one row per episode × instrument × derived timepoint (the
// score kept for that timepoint, DESIGN.md), with the episode's descriptors: the research
// export's tidy dataset before de-identification (reports/research/dataset.ts replaces keys
// and dates). Ordered by site, admission date and episode so pseudonymous keys are stable.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { timepointScores } from "../intermediate/timepoint-scores.ts";
import { stagedEpisodes } from "../staging/episodes.ts";

export async function analysisDataset(db: Kysely<Database>, { dataCut, windows = DEFAULT_WINDOWS }: { dataCut: string; windows?: readonly TimepointWindow[] }) {
  return db
    .selectFrom(stagedEpisodes(db).as("e"))
    .innerJoin(timepointScores(db, windows).as("s"), "s.episode_id", "e.episode_id")
    .where("e.admitted_on", "<=", dataCut)
    .where("s.assessed_on", "<=", dataCut)
    .select([
      "e.episode_id",
      "e.patient_id",
      "e.site_id",
      "e.level_of_care",
      "e.track",
      "e.modality",
      "e.age_band",
      "e.gender",
      "e.race_ethnicity",
      "e.payer",
      "e.admitted_on",
      "e.discharged_on",
      "e.discharge_reason",
      "e.length_of_stay_days",
      "e.hours_per_week",
      "e.sessions_attended",
      "s.instrument",
      "s.timepoint",
      "s.assessed_on",
      "s.total_score",
    ])
    .orderBy("e.site_id")
    .orderBy("e.admitted_on")
    .orderBy("e.episode_id")
    .orderBy("s.instrument")
    .orderBy("s.timepoint")
    .execute();
}
