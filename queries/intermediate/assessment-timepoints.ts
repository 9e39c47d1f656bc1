// int_assessment_timepoints — grain: one row per assessment that falls inside at least one
// timepoint window, with the timepoint its date assigns it to.
//
// Rule (DESIGN.md "Domain model"): an assessment inside two windows belongs to the nearer
// anchor date; a tie goes to the earlier timepoint. The site's label is carried along so
// `check` can count label/date disagreements; it never overrides the date.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, orderedWindows, type TimepointWindow } from "../../domain/timepoints.ts";
import { inlineRelation } from "../inline-relation.ts";

export interface AssessmentTimepointRow {
  episode_id: string;
  instrument: string;
  assessed_on: string;
  total_score: number;
  timepoint_label: string | null;
  timepoint: string;
  /** Position of the timepoint in chronological order (0 = first). */
  timepoint_order: number;
  anchor_on: string;
  /** Days between the assessment and the anchor date. */
  distance: number;
}

/** The windows as a typed inline relation, in chronological order. */
function windowsRelation(db: Kysely<Database>, windows: readonly TimepointWindow[]) {
  const rows = orderedWindows(windows).map((w, order) => ({
    timepoint: w.timepoint,
    timepoint_order: order,
    anchor: w.anchor,
    offset_days: w.offsetDays,
    before_days: w.before,
    after_days: w.after,
  }));
  const types = { timepoint: "text", timepoint_order: "int", anchor: "text", offset_days: "int", before_days: "int", after_days: "int" } as const;
  return inlineRelation(db, types, rows);
}

/** Every (assessment, window) pair where the date lies inside the window. */
function windowCandidates(db: Kysely<Database>, windows: readonly TimepointWindow[]) {
  const anchorOn = sql<string>`(case w.anchor when 'admission' then e.admitted_on else e.discharged_on end) + w.offset_days`;
  return db
    .selectFrom("assessments as a")
    .innerJoin("episodes as e", "e.episode_id", "a.episode_id")
    .crossJoin(windowsRelation(db, windows).as("w"))
    .select([
      "a.episode_id",
      "a.instrument",
      "a.assessed_on",
      "a.total_score",
      "a.timepoint_label",
      "w.timepoint",
      "w.timepoint_order",
      anchorOn.as("anchor_on"),
      sql<number>`abs(a.assessed_on - (${anchorOn}))`.as("distance"),
    ])
    .where(sql<boolean>`a.assessed_on between (${anchorOn}) - w.before_days and (${anchorOn}) + w.after_days`);
}

export function assessmentTimepoints(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS) {
  return db
    .selectFrom(windowCandidates(db, windows).as("c"))
    .selectAll("c")
    .distinctOn(["c.episode_id", "c.instrument", "c.assessed_on"])
    .orderBy("c.episode_id")
    .orderBy("c.instrument")
    .orderBy("c.assessed_on")
    .orderBy("c.distance")
    .orderBy("c.timepoint_order");
}
