// int_comparison_pairs — grain: one row per episode × instrument that is eligible for a
// comparison (pre → post) and has the pre score; `post_score` is null when the later score is
// missing (counted as `n_missing`, and used by the attrition check).
//
// Eligible (our rule, stated in README "Analysis"): intake → discharge needs a discharge;
// comparisons ending at the 6-month follow-up need the follow-up window to have closed by the
// data cut (discharge + 182 + 45 days ≤ cut), so an episode is never "missing" a score it
// could not yet have. `period_quarter` is the quarter a cohort filter uses: of discharge for
// intake → discharge, of the follow-up due date (discharge + 182 d) for 6-month comparisons.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { COMPARISONS, type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import type { GroupKey } from "../group-keys.ts";
import { stagedEpisodes } from "../staging/episodes.ts";
import { timepointScores } from "./timepoint-scores.ts";

export interface PairOptions {
  comparison: Comparison;
  /** Last date the data can speak for (`YYYY-MM-DD`). */
  dataCut: string;
  windows?: readonly TimepointWindow[];
}

export function comparisonPairs(db: Kysely<Database>, { comparison, dataCut, windows = DEFAULT_WINDOWS }: PairOptions) {
  const { pre, post } = COMPARISONS[comparison];
  const postWindow = windows.find((w) => w.timepoint === post);
  if (!postWindow) throw new Error(`no window for timepoint ${post}`);
  const dueOn = sql<string>`e.discharged_on + ${postWindow.offsetDays}::int`;
  // Pre and post side by side in one pass over the timepoint scores (a pivot, at most one
  // score per episode × instrument × timepoint, so max() picks it), rather than a self-join:
  // the planner cannot estimate the DISTINCT ON subquery and, joining it to itself, chose a
  // nested loop that grew with the square of the cohort (6.8 s for 2,000 episodes on PGlite).
  const at = (timepoint: string, column: "total_score" | "assessed_on") => sql`max(${sql.ref(`s.${column}`)}) filter (where s.timepoint = ${timepoint})`;
  const pairs = db
    .selectFrom(timepointScores(db, windows).as("s"))
    .where("s.timepoint", "in", [pre, post])
    .select([
      "s.episode_id",
      "s.instrument",
      at(pre, "total_score").$castTo<number>().as("pre_score"),
      at(post, "total_score").$castTo<number | null>().as("post_score"),
      at(pre, "assessed_on").$castTo<string>().as("pre_on"),
      at(post, "assessed_on").$castTo<string | null>().as("post_on"),
    ])
    .groupBy(["s.episode_id", "s.instrument"])
    .having(sql<boolean>`count(*) filter (where s.timepoint = ${pre}) > 0`);
  return db
    .selectFrom(stagedEpisodes(db).as("e"))
    .innerJoin(pairs.as("pair"), "pair.episode_id", "e.episode_id")
    .selectAll("e")
    .select([
      "pair.instrument",
      sql<string>`${comparison}::text`.as("comparison"),
      "pair.pre_score",
      "pair.post_score",
      "pair.pre_on",
      "pair.post_on",
      dueOn.as("due_on"),
      sql<string>`to_char(${dueOn}, 'YYYY"Q"Q')`.as("period_quarter"),
    ])
    .where("e.discharged_on", "is not", null)
    .where(sql<boolean>`${dueOn} + ${postWindow.after}::int <= ${dataCut}::date`);
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
