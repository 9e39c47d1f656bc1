// int_comparison_pairs — grain: one row per episode × instrument × comparison where the
// episode is eligible for the comparison (pre → post) and has the pre score; `post_score` is
// null when the later score is missing (counted as `n_missing`, and used by the attrition check).
//
// Eligible (our rule, stated in README "Analysis"): intake → discharge needs a discharge;
// comparisons ending at the 6-month follow-up need the follow-up window to have closed by the
// data cut (discharge + 182 + 45 days ≤ cut), so an episode is never "missing" a score it
// could not yet have. `period_quarter` is the quarter a cohort filter uses: of discharge for
// intake → discharge, of the follow-up due date (discharge + 182 d) for 6-month comparisons.
//
// Several comparisons come out of one pass: one pivot of the timepoint scores (with the default
// windows, a scan of the derived table timepoint_scores) puts every timepoint the comparisons
// need side by side, and each pivot row is fanned out into the comparisons' pre and post, so an analysis of all comparisons reads the scores once, not once per comparison.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { COMPARISONS, type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import type { GroupKey } from "../group-keys.ts";
import { stagedEpisodes } from "../staging/episodes.ts";
import { timepointScores } from "./timepoint-scores.ts";

export interface PairOptions {
  /** One comparison, or several computed in the same pass (rows carry `comparison`). */
  comparison: Comparison | readonly Comparison[];
  /** Last date the data can speak for (`YYYY-MM-DD`). */
  dataCut: string;
  windows?: readonly TimepointWindow[];
}

export function comparisonPairs(db: Kysely<Database>, { comparison, dataCut, windows = DEFAULT_WINDOWS }: PairOptions) {
  const comparisons: readonly Comparison[] = typeof comparison === "string" ? [comparison] : comparison;
  const relation = comparisons.map((name) => {
    const { pre, post } = COMPARISONS[name];
    const postWindow = windows.find((w) => w.timepoint === post);
    if (!postWindow) throw new Error(`no window for timepoint ${post}`);
    return { comparison: name, pre, post, due_days: postWindow.offsetDays, after_days: postWindow.after };
  });
  const timepoints: string[] = [...new Set(relation.flatMap((c) => [c.pre, c.post]))];
  const dueOn = sql<string>`e.discharged_on + c.due_days`;
  // The timepoints side by side in one pass over the timepoint scores (a pivot, at most one
  // score per episode × instrument × timepoint, so max() picks it), rather than a self-join:
  // the planner cannot estimate the DISTINCT ON subquery and, joining it to itself, chose a
  // nested loop that grew with the square of the cohort (6.8 s for 2,000 episodes on PGlite).
  const at = (timepoint: string, column: "total_score" | "assessed_on") => sql`max(${sql.ref(`s.${column}`)}) filter (where s.timepoint = ${timepoint})`;
  const pivot = db
    .selectFrom(timepointScores(db, windows).as("s"))
    .where("s.timepoint", "in", timepoints)
    .select(["s.episode_id", "s.instrument", ...timepoints.flatMap((tp, i) => [at(tp, "total_score").as(`score_${i}`), at(tp, "assessed_on").as(`on_${i}`)])])
    .groupBy(["s.episode_id", "s.instrument"]);
  // Each pivot row fans out into its comparisons by set-returning unnest() calls in the select
  // list (zipped, one row per comparison), reading the row's own columns: the pivot is computed
  // once whatever the number of comparisons (a plain cross join with the comparisons let the
  // planner re-run the pivot for each one), and Citus pushes it down to the shards (it cannot
  // push down a LATERAL subquery of the pivot).
  const col = (kind: "score" | "on", timepoint: string) => sql.ref(`pv.${kind}_${timepoints.indexOf(timepoint)}`);
  const fan = (values: readonly ReturnType<typeof sql>[], type: string) => sql`unnest(array[${sql.join(values)}]::${sql.raw(type)}[])`;
  const fanned = db
    .selectFrom(pivot.as("pv"))
    .select([
      "pv.episode_id",
      "pv.instrument",
      fan(relation.map((c) => sql`${c.comparison}`), "text").$castTo<Comparison>().as("comparison"),
      fan(relation.map((c) => col("score", c.pre)), "float8").$castTo<number | null>().as("pre_score"),
      fan(relation.map((c) => col("score", c.post)), "float8").$castTo<number | null>().as("post_score"),
      fan(relation.map((c) => col("on", c.pre)), "date").$castTo<string | null>().as("pre_on"),
      fan(relation.map((c) => col("on", c.post)), "date").$castTo<string | null>().as("post_on"),
      fan(relation.map((c) => sql`${c.due_days}`), "int").$castTo<number>().as("due_days"),
      fan(relation.map((c) => sql`${c.after_days}`), "int").$castTo<number>().as("after_days"),
    ]);
  return db
    .selectFrom(stagedEpisodes(db).as("e"))
    .innerJoin(fanned.as("c"), "c.episode_id", "e.episode_id")
    .selectAll("e")
    .select([
      "c.instrument",
      "c.comparison",
      sql<number>`c.pre_score`.as("pre_score"),
      "c.post_score",
      sql<string>`c.pre_on`.as("pre_on"),
      "c.post_on",
      dueOn.as("due_on"),
      sql<string>`to_char(${dueOn}, 'YYYY"Q"Q')`.as("period_quarter"),
    ])
    .where("c.pre_score", "is not", null)
    .where("e.discharged_on", "is not", null)
    .where(sql<boolean>`${dueOn} + c.after_days <= ${dataCut}::date`);
}

/** Which episodes an analysis covers (DESIGN.md "Cohorts"). */
export interface CohortFilter {
  /** `YYYYQn` of discharge (intake → discharge) or of the follow-up due date (six-month comparisons). */
  quarter?: string;
  /** The same, a whole calendar year. */
  year?: number;
  instrument?: string;
  where?: Partial<Record<GroupKey, string>>;
}

/** The comparison's pairs (as `p`) of the episodes the filter keeps. */
export function cohortPairs(db: Kysely<Database>, { filter = {}, ...options }: PairOptions & { filter?: CohortFilter }) {
  let pairs = db.selectFrom(comparisonPairs(db, options).as("p"));
  if (filter.quarter) pairs = pairs.where("p.period_quarter", "=", filter.quarter);
  if (filter.year !== undefined) pairs = pairs.where("p.period_quarter", "like", `${filter.year}Q_`);
  if (filter.instrument) pairs = pairs.where("p.instrument", "=", filter.instrument as never);
  for (const [key, value] of Object.entries(filter.where ?? {})) pairs = pairs.where(sql.ref(`p.${key}`), "=", value);
  return pairs;
}
