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
  const scores = timepointScores(db, windows);
  const dueOn = sql<string>`e.discharged_on + ${postWindow.offsetDays}::int`;
  return db
    .selectFrom(stagedEpisodes(db).as("e"))
    .innerJoin(scores.as("pre"), (j) => j.onRef("pre.episode_id", "=", "e.episode_id").on("pre.timepoint", "=", pre))
    .leftJoin(scores.as("post"), (j) =>
      j.onRef("post.episode_id", "=", "e.episode_id").onRef("post.instrument", "=", "pre.instrument").on("post.timepoint", "=", post),
    )
    .selectAll("e")
    .select([
      "pre.instrument",
      sql<string>`${comparison}::text`.as("comparison"),
      "pre.total_score as pre_score",
      "post.total_score as post_score",
      "pre.assessed_on as pre_on",
      "post.assessed_on as post_on",
      dueOn.as("due_on"),
      sql<string>`to_char(${dueOn}, 'YYYY"Q"Q')`.as("period_quarter"),
    ])
    .where("e.discharged_on", "is not", null)
    .where(sql<boolean>`${dueOn} + ${postWindow.after}::int <= ${dataCut}::date`);
}
