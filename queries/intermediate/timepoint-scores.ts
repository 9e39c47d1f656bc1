// int_timepoint_scores — grain: one row per episode × instrument × timepoint: the assessment
// closest to the timepoint's anchor date (DESIGN.md), a tie going to the earlier date.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { assessmentTimepoints } from "./assessment-timepoints.ts";

export function timepointScores(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS) {
  return db
    .selectFrom(assessmentTimepoints(db, windows).as("t"))
    .selectAll("t")
    .distinctOn(["t.episode_id", "t.instrument", "t.timepoint"])
    .orderBy("t.episode_id")
    .orderBy("t.instrument")
    .orderBy("t.timepoint")
    .orderBy("t.distance")
    .orderBy("t.assessed_on");
}
