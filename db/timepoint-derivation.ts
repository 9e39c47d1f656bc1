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

/**
 * What a derivation covers: some episodes only (the ingest's touched ones), one instrument only
 * (an analysis of one instrument under other windows). Each is applied to the raw assessments,
 * below the fence that keeps the window choice in its own level, where a filter on the result
 * could not reach: one PHQ-9 sensitivity analysis at 10M assessments joined all 11M rows to
 * their episodes before keeping a third.
 */
export interface DerivationScope {
  episodes?: EpisodeSet;
  instrument?: string;
}

/** Whether `windows` are the default windows (the derived table holds exactly those). */
export function isDefaultWindows(windows: readonly TimepointWindow[]): boolean {
  const key = (ws: readonly TimepointWindow[]) => JSON.stringify(orderedWindows(ws).map((w) => [w.timepoint, w.anchor, w.offsetDays, w.before, w.after]));
  return key(windows) === key(DEFAULT_WINDOWS);
}

/**
 * Every assessment inside at least one window, with the window its date assigns it to. The
 * choice is made per row by a CASE over the (few) windows rather than by crossing each
 * assessment with every window and keeping the nearest with DISTINCT ON: that cross join and
 * its sort cost 3.9 s of the 5 s the timepoints of 1.1M assessments took on the 2-core VM.
 * The assessments' primary key (episode, instrument, date) makes each row one assessment.
 */
export function assessmentTimepoints(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS, { episodes, instrument }: DerivationScope = {}) {
  const ordered = orderedWindows(windows);
  const anchorOf = (w: TimepointWindow, rel = "e") => sql<string>`(${sql.ref(`${rel}.${w.anchor === "admission" ? "admitted_on" : "discharged_on"}`)} + ${sql.lit(w.offsetDays)})`;
  // Null (never true) when the anchor date is missing: an open episode has no discharge window.
  const inside = (w: TimepointWindow) => sql`(a.assessed_on between ${anchorOf(w)} - ${sql.lit(w.before)} and ${anchorOf(w)} + ${sql.lit(w.after)})`;
  const distance = (w: TimepointWindow) => sql`abs(a.assessed_on - ${anchorOf(w)})`;
  // Window i wins when the date is inside it and it is nearer than every other window the date
  // is inside — strictly nearer than an earlier one, since a tie goes to the earlier timepoint.
  const wins = (w: TimepointWindow, i: number) =>
    sql.join(
      [
        sql`${inside(w)} is true`,
        ...ordered.flatMap((other, j) => (j === i ? [] : [sql`(${inside(other)} is not true or ${distance(w)} ${sql.raw(j < i ? "<" : "<=")} ${distance(other)})`])),
      ],
      sql` and `,
    );
  const chosen = sql<number>`case ${sql.join(ordered.map((w, i) => sql`when ${wins(w, i)} then ${sql.lit(i)}`), sql` `)} end`;
  let assessed = db
    .selectFrom("assessments as a")
    .innerJoin("episodes as e", "e.episode_id", "a.episode_id")
    .select(["a.episode_id", "a.instrument", "a.assessed_on", "a.total_score", "a.timepoint_label", "e.admitted_on", "e.discharged_on", chosen.as("timepoint_order")]);
  // Restricting the episodes is enough: the join carries it to their assessments (by a hash
  // join for a bulk load, by the assessments' key for a few episodes). Restricting both sides
  // made a bulk load pay for the second semi-join over every assessment.
  if (episodes) assessed = assessed.where("e.episode_id", "in", episodes);
  if (instrument !== undefined) assessed = assessed.where("a.instrument", "=", instrument as never);
  const pick = (value: (w: TimepointWindow) => ReturnType<typeof sql>) => sql`(case c.timepoint_order ${sql.join(ordered.map((w, i) => sql`when ${sql.lit(i)} then ${value(w)}`), sql` `)} end)`;
  const anchorOn = pick((w) => anchorOf(w, "c"));
  return (
    db
      // `offset 0` keeps the choice in its own subquery level, so the CASE runs once per row
      // instead of once per reference below.
      .selectFrom(assessed.offset(0).as("c"))
      .where("c.timepoint_order", "is not", null)
      .select([
        "c.episode_id",
        "c.instrument",
        "c.assessed_on",
        "c.total_score",
        "c.timepoint_label",
        pick((w) => sql.lit(w.timepoint)).$castTo<string>().as("timepoint"),
        "c.timepoint_order",
        sql<string>`${anchorOn}`.as("anchor_on"),
        sql<number>`abs(c.assessed_on - ${anchorOn})`.as("distance"),
      ])
  );
}

/** The chosen assessment per episode × instrument × timepoint, derived from the raw tables. */
export function deriveTimepointScores(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS, scope: DerivationScope = {}) {
  return db
    .selectFrom(assessmentTimepoints(db, windows, scope).as("t"))
    .selectAll("t")
    // By the timepoint's position, not its name: an int sorts faster than a CASE's text.
    .distinctOn(["t.episode_id", "t.instrument", "t.timepoint_order"])
    .orderBy("t.episode_id")
    .orderBy("t.instrument")
    .orderBy("t.timepoint_order")
    .orderBy("t.distance")
    .orderBy("t.assessed_on");
}
