// int_comparison_pairs — grain: one row per episode × instrument × comparison where the
// episode is eligible for the comparison (pre → post) and has the pre score; `post_score` is
// null when the later score is missing (counted as `n_missing`, and used by the attrition check).
//
// Eligible (our rule, stated in docs/architecture.md "Statistics"): intake → discharge needs a discharge;
// comparisons ending at the 6-month follow-up need the follow-up window to have closed by the
// data cut (discharge + 182 + 45 days ≤ cut), so an episode is never "missing" a score it
// could not yet have. `period_quarter` is the quarter a cohort filter uses: of discharge for
// intake → discharge, of the follow-up due date (discharge + 182 d) for 6-month comparisons.
//
// The pairs come from the derived table comparison_pairs with the default windows (kept by the
// ingest, db/derived-tables.ts), or from it resized (a six-month window narrowed or widened
// around its due date: resizedPairs), else from the same derivation on the fly
// (db/pair-derivation.ts) — never a mix. What stays here is what depends on the analysis: the
// comparisons asked for, the data cut, and the episode's own fields for grouping and filtering.
import { type Kysely, sql } from "kysely";
import { derivePairs, resizedFollowup, resizedPairs } from "../../db/pair-derivation.ts";
import type { Database } from "../../db/schema.ts";
import { isDefaultWindows } from "../../db/timepoint-derivation.ts";
import { type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import type { GroupKey } from "../group-keys.ts";
import { inQuarters, quarterOf, stagedEpisodes } from "../staging/episodes.ts";

export interface PairOptions {
  /** One comparison, or several computed in the same pass (rows carry `comparison`). */
  comparison: Comparison | readonly Comparison[];
  /** Last date the data can speak for (`YYYY-MM-DD`). */
  dataCut: string;
  windows?: readonly TimepointWindow[];
  /** One instrument's pairs only (derived for it alone under other windows). */
  instrument?: string;
}

/** Every pair under `windows` (of one instrument, when given), whatever the data cut: the derived table, or the derivation. */
export function pairRows(db: Kysely<Database>, windows: readonly TimepointWindow[] = DEFAULT_WINDOWS, instrument?: string) {
  // A resized six-month window needs no derivation: its pairs follow from the derived table.
  const resized = resizedFollowup(windows);
  if (resized !== null) return db.selectFrom(resizedPairs(db, resized, instrument).as("c")).selectAll("c");
  if (!isDefaultWindows(windows)) return db.selectFrom(derivePairs(db, windows, { instrument }).as("c")).selectAll("c");
  const pairs = db.selectFrom("comparison_pairs as c").selectAll("c");
  return instrument === undefined ? pairs : pairs.where("c.instrument", "=", instrument);
}

export function comparisonPairs(db: Kysely<Database>, { comparison, dataCut, windows = DEFAULT_WINDOWS, instrument }: PairOptions) {
  const comparisons: readonly Comparison[] = typeof comparison === "string" ? [comparison] : comparison;
  const pairs = pairRows(db, windows, instrument);
  return db
    .selectFrom(stagedEpisodes(db).as("e"))
    .innerJoin(pairs.as("c"), "c.episode_id", "e.episode_id")
    .selectAll("e")
    .select([
      "c.instrument",
      sql<Comparison>`c.comparison`.as("comparison"),
      "c.pre_score",
      "c.post_score",
      "c.pre_on",
      "c.post_on",
      "c.due_on",
      "c.change",
      quarterOf(sql`c.due_on`).as("period_quarter"),
    ])
    .where("c.comparison", "in", comparisons)
    .where("c.closes_on", "<=", sql<string>`${dataCut}::date`);
}

/** Which episodes an analysis covers (DESIGN.md "Cohorts"). */
export interface CohortFilter {
  /** `YYYYQn` of discharge (intake → discharge) or of the follow-up due date (six-month comparisons). */
  quarter?: string;
  /** The same, a whole calendar year. */
  year?: number;
  /** The same, any of these quarters (a trend's; group by `period_quarter` to tell them apart). */
  quarters?: readonly string[];
  instrument?: string;
  where?: Partial<Record<GroupKey, string>>;
}

/** The comparison's pairs (as `p`) of the episodes the filter keeps. */
export function cohortPairs(db: Kysely<Database>, { filter = {}, ...options }: PairOptions & { filter?: CohortFilter }) {
  let pairs = db.selectFrom(comparisonPairs(db, { ...options, instrument: filter.instrument }).as("p"));
  const due = sql`p.due_on`;
  if (filter.quarter) pairs = pairs.where(inQuarters(due, [filter.quarter]));
  if (filter.quarters) pairs = pairs.where(inQuarters(due, filter.quarters));
  if (filter.year !== undefined) pairs = pairs.where(inQuarters(due, [1, 2, 3, 4].map((q) => `${filter.year}Q${q}`)));
  for (const [key, value] of Object.entries(filter.where ?? {})) pairs = pairs.where(sql.ref(`p.${key}`), "=", value);
  return pairs;
}
