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
/** Whether the default six-month window overlaps no other default window (an admission-anchored one ends no later than its discharge-anchored twin would). */
const FOLLOWUP_APART = DEFAULT_WINDOWS.every((o) => o === FOLLOWUP || o.offsetDays + o.after < FOLLOWUP.offsetDays - FOLLOWUP.before);
/** The comparisons whose later score is the six-month one. */
const FOLLOWUP_COMPARISONS = sql.join((Object.keys(COMPARISONS) as Comparison[]).filter((c) => COMPARISONS[c].post === "followup_6m").map((c) => sql.lit(c)));

/**
 * The half-width w when `windows` are the default ones but for a six-month window narrowed to
 * ±w days around the same anchor, else null. Such pairs follow from the derived table
 * (narrowedPairs), as the six-month window overlaps no other window: the default choice is the
 * assessment nearest the anchor (an earlier one on a tie); if it lies within ±w it is also the
 * nearest within ±w, and if it does not, nothing within ±w is nearer, so the window holds none.
 */
export function narrowedFollowup(windows: readonly TimepointWindow[]): number | null {
  const mine = windows.find((w) => w.timepoint === "followup_6m");
  if (!FOLLOWUP_APART || !mine || mine.before !== mine.after) return null;
  const w = mine.before;
  const widened = windows.map((x) => (x === mine ? { ...x, before: FOLLOWUP.before, after: FOLLOWUP.after } : x));
  return w >= 0 && w < FOLLOWUP.before && w <= FOLLOWUP.after && isDefaultWindows(widened) ? w : null;
}

/** The pairs under the default windows with the six-month window narrowed to ±w days (narrowedFollowup), from the derived table. */
export function narrowedPairs(db: Kysely<Database>, w: number, instrument?: string) {
  // Kept only when the six-month score lies within ±w of its due date (the window's anchor).
  const kept = sql<boolean>`(c.comparison not in (${FOLLOWUP_COMPARISONS}) or abs(c.post_on - c.due_on) <= ${sql.lit(w)})`;
  const pairs = db
    .selectFrom("comparison_pairs as c")
    .select([
      "c.episode_id",
      "c.instrument",
      "c.comparison",
      "c.pre_score",
      sql<number | null>`case when ${kept} then c.post_score end`.as("post_score"),
      "c.pre_on",
      sql<string | null>`case when ${kept} then c.post_on end`.as("post_on"),
      "c.due_on",
      sql<string>`case when c.comparison in (${FOLLOWUP_COMPARISONS}) then c.due_on + ${sql.lit(w)} else c.closes_on end`.as("closes_on"),
      sql<number | null>`case when ${kept} then c.change end`.as("change"),
    ]);
  return instrument === undefined ? pairs : pairs.where("c.instrument", "=", instrument);
}
