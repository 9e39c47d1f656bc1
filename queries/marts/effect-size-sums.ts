// mart_effect_size_sums — grain: one row per group (the --by keys) × instrument × comparison.
// Everything an effect-size row needs: the paired sums (n, Σx, Σy, Σx², Σy², Σxy; x = pre,
// y = post), the counts of reliable change, recovery, response and remission, and the
// pre-score sums of episodes missing the later score (the attrition check). stats/ turns these
// into effects. It is a roll-up of the change histogram (paired-change-counts.ts, one GROUP BY
// in the database for every comparison), so the same pass also serves the signed-rank test;
// rows come back comparison by comparison, in the order asked.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Comparison } from "../../domain/timepoints.ts";
import type { CohortFilter } from "../intermediate/comparison-pairs.ts";
import type { Group } from "../group-keys.ts";
import { type PairedChangeCount, pairedChangeCounts, type PairedChangeOptions } from "./paired-change-counts.ts";

export { GROUP_KEYS, type GroupKey } from "../group-keys.ts";

/** How one instrument's change is judged (built from the instrument catalog by the caller). */
export interface ChangeRule {
  instrument: string;
  better: "lower" | "higher";
  /** Jacobson–Truax S_diff = SD_ref · √2 · √(1 − r_xx); null when the catalog has none. */
  sDiff: number | null;
  /** Clinical cutoff and which side of it is "clinical"; null when none. */
  cutoff: number | null;
  clinicalAtOrAbove: boolean;
  /** Response (post ≤ ½·pre, pre > 0) and remission (post < remissionBelow) apply. */
  remissionBelow: number | null;
}

export type { CohortFilter };

export interface EffectSizeSumsRow {
  instrument: string;
  comparison: Comparison;
  /** The --by keys' values, by key name. */
  group: Group;
  n: number;
  n_missing: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  n_reliable_improvement: number | null;
  n_reliable_deterioration: number | null;
  n_recovered: number | null;
  n_response: number | null;
  n_remission: number | null;
  missing_sx: number;
  missing_sxx: number;
}

/** The histogram's options, with the catalog's change rules in place of its thresholds. */
export type EffectSizeSumsOptions = Omit<PairedChangeOptions, "thresholds"> & { rules: readonly ChangeRule[] };

export async function effectSizeSums(db: Kysely<Database>, options: EffectSizeSumsOptions): Promise<EffectSizeSumsRow[]> {
  return rollUpChangeCounts(await pairedChangeCounts(db, { ...options, thresholds: options.rules }), options);
}

/** The key of a histogram's group × instrument × comparison. */
export const changeGroupKey = (row: { comparison: string; instrument: string; group: Group }) => JSON.stringify([row.comparison, row.instrument, row.group]);

/**
 * The effect-size sums from the change histogram. The histogram arrives ordered by instrument,
 * group and comparison, so groups appear in that order; a stable sort then puts them
 * comparison by comparison, in the order asked.
 */
export function rollUpChangeCounts(histogram: readonly PairedChangeCount[], { comparison, rules }: Pick<EffectSizeSumsOptions, "comparison" | "rules">): EffectSizeSumsRow[] {
  const comparisons: readonly Comparison[] = typeof comparison === "string" ? [comparison] : comparison;
  const rulesOf = new Map(rules.map((r) => [r.instrument, r]));
  const sums = new Map<string, EffectSizeSumsRow>();
  for (const bar of histogram) {
    const rule = rulesOf.get(bar.instrument);
    if (!rule) continue; // an instrument without a rule is not analysed (as the SQL join did)
    const key = changeGroupKey(bar);
    let row = sums.get(key);
    if (!row) {
      // Response and remission apply to comparisons from intake only (DESIGN.md "Statistics").
      const fromIntake = bar.comparison.startsWith("intake_") && rule.remissionBelow !== null;
      row = {
        instrument: bar.instrument,
        comparison: bar.comparison,
        group: bar.group,
        ...{ n: 0, n_missing: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0, missing_sx: 0, missing_sxx: 0 },
        n_reliable_improvement: rule.sDiff === null ? null : 0,
        n_reliable_deterioration: rule.sDiff === null ? null : 0,
        n_recovered: rule.sDiff === null || rule.cutoff === null ? null : 0,
        n_response: fromIntake ? 0 : null,
        n_remission: fromIntake ? 0 : null,
      };
      sums.set(key, row);
    }
    if (bar.change === null) {
      row.n_missing += bar.n;
      row.missing_sx += bar.sx;
      row.missing_sxx += bar.sxx;
      continue;
    }
    row.n += bar.n;
    row.sx += bar.sx;
    row.sy += bar.sy;
    row.sxx += bar.sxx;
    row.syy += bar.syy;
    row.sxy += bar.sxy;
    // Jacobson & Truax (1991): reliable when the improvement exceeds 1.96 · S_diff.
    const improvement = rule.better === "higher" ? -bar.change : bar.change;
    const reliableIndex = rule.sDiff === null ? 0 : improvement / rule.sDiff;
    if (row.n_reliable_improvement !== null && reliableIndex > 1.96) row.n_reliable_improvement += bar.n;
    if (row.n_reliable_deterioration !== null && reliableIndex < -1.96) row.n_reliable_deterioration += bar.n;
    if (row.n_recovered !== null && reliableIndex > 1.96) row.n_recovered += bar.n_left_clinical_range;
    if (row.n_response !== null) row.n_response += bar.n_halved;
    if (row.n_remission !== null) row.n_remission += bar.n_below_remission;
  }
  return [...sums.values()].sort((a, b) => comparisons.indexOf(a.comparison) - comparisons.indexOf(b.comparison));
}
