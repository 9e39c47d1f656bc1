// int_timepoint_scores — grain: one row per episode × instrument × timepoint: the assessment
// closest to the timepoint's anchor date (DESIGN.md), a tie going to the earlier date.
//
// With the default windows this reads the derived table `timepoint_scores`, which the ingest
// keeps equal to the derivation (db/derived-tables.ts; `continuum rebuild` checks it),
// so an analysis scans it instead of re-deriving it from every assessment. Any other window
// set is derived on the fly from the same SQL — never a mix of the two.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { deriveTimepointScores, isDefaultWindows } from "../../db/timepoint-derivation.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";

export function timepointScores(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS) {
  if (!isDefaultWindows(windows)) return deriveTimepointScores(db, windows);
  // Same columns as the derivation; the cast gives both paths one type for the callers.
  return db
    .selectFrom("timepoint_scores as t")
    .select(["t.episode_id", "t.instrument", "t.assessed_on", "t.total_score", "t.timepoint_label", "t.timepoint", "t.timepoint_order", "t.anchor_on", "t.distance"]) as unknown as ReturnType<
    typeof deriveTimepointScores
  >;
}
