// The timepoint derivation (DESIGN.md "Domain model": timepoints from dates) — the one SQL
// source of truth for both the on-the-fly path (queries/intermediate/, any window set) and the
// derived table `timepoint_scores` that the ingest maintains with the default windows
// (db/derived-tables.ts). It lives in db/ so the migration, the ingest (pipelines/)
// and the queries all build the same statement.
//
// int_assessment_timepoints — one row per assessment inside at least one window, with the
// timepoint its date assigns it to: an assessment inside two windows belongs to the nearer
// anchor date; a tie goes to the earlier timepoint. The site's label is carried along so
// `check` can count label/date disagreements; it never overrides the date.
// int_timepoint_scores — one row per episode × instrument × timepoint: the assessment closest
// to the timepoint's anchor date, a tie going to the earlier date.
import { type Expression, type Kysely, sql } from "kysely";
import { DEFAULT_WINDOWS, orderedWindows, type TimepointWindow } from "../domain/timepoints.ts";
import { inlineRelation } from "./inline-relation.ts";
import type { Database } from "./schema.ts";

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

/** A set of episode ids (a subquery selecting `episode_id`) the derivation is restricted to. */
export type EpisodeSet = Expression<string>;

/** Whether `windows` are the default windows (the derived table holds exactly those). */
export function isDefaultWindows(windows: readonly TimepointWindow[]): boolean {
  const key = (ws: readonly TimepointWindow[]) => JSON.stringify(orderedWindows(ws).map((w) => [w.timepoint, w.anchor, w.offsetDays, w.before, w.after]));
  return key(windows) === key(DEFAULT_WINDOWS);
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
function windowCandidates(db: Kysely<Database>, windows: readonly TimepointWindow[], episodes?: EpisodeSet) {
  const anchorOn = sql<string>`(case w.anchor when 'admission' then e.admitted_on else e.discharged_on end) + w.offset_days`;
  let candidates = db
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
  // The restriction is on both sides of the join, so either table's scan can use it.
  if (episodes) candidates = candidates.where("a.episode_id", "in", episodes).where("e.episode_id", "in", episodes);
  return candidates;
}

export function assessmentTimepoints(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS, episodes?: EpisodeSet) {
  return db
    .selectFrom(windowCandidates(db, windows, episodes).as("c"))
    .selectAll("c")
    .distinctOn(["c.episode_id", "c.instrument", "c.assessed_on"])
    .orderBy("c.episode_id")
    .orderBy("c.instrument")
    .orderBy("c.assessed_on")
    .orderBy("c.distance")
    .orderBy("c.timepoint_order");
}

/** The chosen assessment per episode × instrument × timepoint, derived from the raw tables. */
export function deriveTimepointScores(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS, episodes?: EpisodeSet) {
  return db
    .selectFrom(assessmentTimepoints(db, windows, episodes).as("t"))
    .selectAll("t")
    .distinctOn(["t.episode_id", "t.instrument", "t.timepoint"])
    .orderBy("t.episode_id")
    .orderBy("t.instrument")
    .orderBy("t.timepoint")
    .orderBy("t.distance")
    .orderBy("t.assessed_on");
}
