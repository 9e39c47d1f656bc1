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
    .selectAll("e")
    .select(["s.instrument", "s.timepoint", "s.assessed_on", "s.total_score"])
    .orderBy("e.site_id")
    .orderBy("e.admitted_on")
    .orderBy("e.episode_id")
    .orderBy("s.instrument")
    .orderBy("s.timepoint")
    .execute();
}
