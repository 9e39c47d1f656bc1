// The pair derivation (DESIGN.md "Statistics": pre → post pairs) — the one SQL source of truth
// for the on-the-fly path (queries/intermediate/comparison-pairs.ts, any window set) and the
// derived table `comparison_pairs` the ingest keeps with the default windows (migration 0005,
// db/derived-tables.ts). Like db/timepoint-derivation.ts it lives in db/ so the migration, the
// ingest and the queries build the same statement.
//
// int_comparison_pairs_candidates — grain: one row per discharged episode × instrument ×
// comparison (every comparison of domain/timepoints.ts) that has the pre score. `post_score`
// is null when the later score is missing. `due_on` is when the later score is due and
// `closes_on` when its window closes (due + the window's after-days): whether the data cut has
// reached `closes_on` is the query's business, since the cut moves with every load.
// `change` = pre − post, stored so the planner knows its distribution (the analyses group on it:
// the signed-rank test is computed from a histogram of changes, queries/marts/paired-change-counts.ts).
import { type Kysely, sql } from "kysely";
import { COMPARISONS, type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../domain/timepoints.ts";
import type { Database } from "./schema.ts";
import { type DerivationScope, deriveTimepointScores, isDefaultWindows } from "./timepoint-derivation.ts";

export const PAIR_COLUMNS = ["episode_id", "instrument", "comparison", "pre_score", "post_score", "pre_on", "post_on", "due_on", "closes_on", "change"] as const;

/** Each comparison's timepoints and the due date of its later score, under `windows`. */
function comparisonRelation(windows: readonly TimepointWindow[]) {
  return (Object.keys(COMPARISONS) as Comparison[]).map((name) => {
    const { pre, post } = COMPARISONS[name];
    const postWindow = windows.find((w) => w.timepoint === post);
    if (!postWindow) throw new Error(`no window for timepoint ${post}`);
    return { comparison: name, pre, post, due_days: postWindow.offsetDays, after_days: postWindow.after };
  });
}

/**
 * The pairs of every comparison under `windows`, optionally for a set of episodes only. The
 * timepoint scores come from the derived table `timepoint_scores` when the windows are the
 * default ones (it must be current for those episodes), else from the derivation itself.
 */
export function derivePairs(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS, scope: DerivationScope = {}) {
  const { episodes, instrument } = scope;
  const relation = comparisonRelation(windows);
  const timepoints: string[] = [...new Set(relation.flatMap((c) => [c.pre, c.post]))];
  let scores = isDefaultWindows(windows)
    ? db.selectFrom("timepoint_scores as t").select(["t.episode_id", "t.instrument", "t.timepoint", "t.total_score", "t.assessed_on"])
    : db.selectFrom(deriveTimepointScores(db, windows, scope).as("t")).select(["t.episode_id", "t.instrument", "t.timepoint", "t.total_score", "t.assessed_on"]);
  if (episodes) scores = scores.where("t.episode_id", "in", episodes);
  if (instrument !== undefined) scores = scores.where("t.instrument", "=", instrument);
  // The timepoints side by side in one pass (a pivot: at most one score per episode ×
  // instrument × timepoint, so max() picks it) rather than a self-join, whose estimate misled
  // the planner into a nested loop that grew with the square of the cohort.
  const at = (timepoint: string, column: "total_score" | "assessed_on") => sql`max(${sql.ref(`s.${column}`)}) filter (where s.timepoint = ${timepoint})`;
  const pivot = db
    .selectFrom(scores.as("s"))
    .where("s.timepoint", "in", timepoints)
    .select(["s.episode_id", "s.instrument", ...timepoints.flatMap((tp, i) => [at(tp, "total_score").as(`score_${i}`), at(tp, "assessed_on").as(`on_${i}`)])])
    .groupBy(["s.episode_id", "s.instrument"]);
  // Each pivot row fans out into the comparisons by a cross join with a VALUES list of them
  // (k.i picks each comparison's columns): the pivot is computed once, on the outer side. This
  // costs 2.3 s for 100k episodes where zipped unnest() arrays in the select list took 3.8 s.
  const col = (kind: "score" | "on", timepoint: string) => sql.ref(`pv.${kind}_${timepoints.indexOf(timepoint)}`);
  const pick = (value: (c: (typeof relation)[number]) => ReturnType<typeof sql>) => sql`(case k.i ${sql.join(relation.map((c, i) => sql`when ${sql.lit(i)} then ${value(c)}`), sql` `)} end)`;
  const comparisons = sql`(values ${sql.join(relation.map((c, i) => sql`(${sql.lit(i)}, ${sql.lit(c.comparison)}, ${sql.lit(c.due_days)}, ${sql.lit(c.after_days)})`))})`;
  const fanned = db
    .selectFrom(pivot.as("pv"))
    .crossJoin(sql`(select * from ${comparisons} as v(i, comparison, due_days, after_days))`.as("k"))
    .select([
      "pv.episode_id",
      "pv.instrument",
      sql<Comparison>`k.comparison`.as("comparison"),
      pick((c) => col("score", c.pre)).$castTo<number | null>().as("pre_score"),
      pick((c) => col("score", c.post)).$castTo<number | null>().as("post_score"),
      pick((c) => col("on", c.pre)).$castTo<string | null>().as("pre_on"),
      pick((c) => col("on", c.post)).$castTo<string | null>().as("post_on"),
      sql<number>`k.due_days`.as("due_days"),
      sql<number>`k.after_days`.as("after_days"),
    ]);
  let pairs = db
    .selectFrom("episodes as e")
    .innerJoin(fanned.as("c"), "c.episode_id", "e.episode_id")
    .select([
      "c.episode_id",
      "c.instrument",
      "c.comparison",
      sql<number>`c.pre_score`.as("pre_score"),
      "c.post_score",
      sql<string>`c.pre_on`.as("pre_on"),
      "c.post_on",
      sql<string>`e.discharged_on + c.due_days`.as("due_on"),
      sql<string>`e.discharged_on + c.due_days + c.after_days`.as("closes_on"),
      sql<number | null>`c.pre_score - c.post_score`.as("change"),
    ])
    .where("c.pre_score", "is not", null)
    .where("e.discharged_on", "is not", null);
  return pairs;
}

const FOLLOWUP = DEFAULT_WINDOWS.find((w) => w.timepoint === "followup_6m")!;
/** Whether a six-month window of ±w days overlaps no other default window (an admission-anchored one ends no later than its discharge-anchored twin would). */
const apartAt = (w: number) => DEFAULT_WINDOWS.every((o) => o === FOLLOWUP || o.offsetDays + o.after < FOLLOWUP.offsetDays - w);
/** The comparisons whose later score is the six-month one. */
const FOLLOWUP_COMPARISONS = sql.join((Object.keys(COMPARISONS) as Comparison[]).filter((c) => COMPARISONS[c].post === "followup_6m").map((c) => sql.lit(c)));

/**
 * The half-width w when `windows` are the default ones but for a six-month window resized to
 * ±w days around the same anchor, else null. Such pairs follow from the derived table
 * (resizedPairs) while the window overlaps no other, so that an assessment in it competes for
 * the six-month timepoint alone, whose choice is the assessment nearest the anchor (an earlier
 * one on a tie).
 * - Narrowed: if the default choice lies within ±w it is also the nearest within ±w, and if it
 *   does not, nothing within ±w is nearer, so the window holds none.
 * - Widened (from a symmetric default): the default choice, when there is one, is nearer than
 *   anything the wider window adds; when there is none, the choice is the nearest assessment
 *   in the added band.
 */
export function resizedFollowup(windows: readonly TimepointWindow[]): number | null {
  const mine = windows.find((w) => w.timepoint === "followup_6m");
  if (!mine || mine.before !== mine.after) return null;
  const w = mine.before;
  const asDefault = windows.map((x) => (x === mine ? { ...x, before: FOLLOWUP.before, after: FOLLOWUP.after } : x));
  if (w < 0 || !isDefaultWindows(asDefault)) return null;
  const narrowed = w < FOLLOWUP.before && w <= FOLLOWUP.after && apartAt(FOLLOWUP.before);
  const widened = FOLLOWUP.before === FOLLOWUP.after && w > FOLLOWUP.before && apartAt(w);
  return narrowed || widened ? w : null;
}

/**
 * The pairs under the default windows with the six-month window resized to ±w days
 * (resizedFollowup), from the derived table. Narrowed, a six-month score is kept only within
 * ±w of its due date (the window's anchor); widened, a missing one is filled from the band the
 * wider window adds, read from `assessments` (at 10M assessments on the 2-core VM: 1.3 s, where
 * deriving the pairs again took 7–9 s).
 */
export function resizedPairs(db: Kysely<Database>, w: number, instrument?: string) {
  const followup = sql<boolean>`c.comparison in (${FOLLOWUP_COMPARISONS})`;
  const narrowed = w < FOLLOWUP.before;
  const kept = sql<boolean>`(not ${followup} or abs(c.post_on - c.due_on) <= ${sql.lit(w)})`;
  const post = (column: "post_score" | "post_on", band: "total_score" | "assessed_on") =>
    narrowed ? sql`case when ${kept} then ${sql.ref(`c.${column}`)} end` : sql`coalesce(${sql.ref(`c.${column}`)}, ${sql.ref(`b.${band}`)})`;
  const pairs = db
    .selectFrom("comparison_pairs as c")
    .$if(!narrowed, (q) =>
      q.leftJoin(addedBand(db, w, instrument).as("b"), (j) => j.onRef("b.episode_id", "=", "c.episode_id").onRef("b.instrument", "=", "c.instrument").on(sql<boolean>`${followup} and c.post_score is null`)),
    )
    .select([
      "c.episode_id",
      "c.instrument",
      "c.comparison",
      "c.pre_score",
      sql<number | null>`${post("post_score", "total_score")}`.as("post_score"),
      "c.pre_on",
      sql<string | null>`${post("post_on", "assessed_on")}`.as("post_on"),
      "c.due_on",
      sql<string>`case when ${followup} then c.due_on + ${sql.lit(w)} else c.closes_on end`.as("closes_on"),
      sql<number | null>`c.pre_score - ${post("post_score", "total_score")}`.as("change"),
    ]);
  return instrument === undefined ? pairs : pairs.where("c.instrument", "=", instrument);
}

/**
 * Per episode and instrument, the nearest assessment within ±w of the six-month due date but
 * outside the default window (w wider than it); the derivation's order breaks ties (the earlier date).
 */
function addedBand(db: Kysely<Database>, w: number, instrument?: string) {
  const due = sql`(e.discharged_on + ${sql.lit(FOLLOWUP.offsetDays)})`;
  const band = db
    .selectFrom("assessments as a")
    .innerJoin("episodes as e", "e.episode_id", "a.episode_id")
    .distinctOn(["a.episode_id", "a.instrument"])
    .select(["a.episode_id", "a.instrument", "a.total_score", "a.assessed_on"])
    .where(sql<boolean>`a.assessed_on between ${due} - ${sql.lit(w)} and ${due} + ${sql.lit(w)}`)
    .where(sql<boolean>`abs(a.assessed_on - ${due}) > ${sql.lit(FOLLOWUP.before)}`)
    .orderBy("a.episode_id")
    .orderBy("a.instrument")
    .orderBy(sql`abs(a.assessed_on - ${due})`)
    .orderBy("a.assessed_on");
  return instrument === undefined ? band : band.where(sql<boolean>`a.instrument = ${instrument}`);
}
