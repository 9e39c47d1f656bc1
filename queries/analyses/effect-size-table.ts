// The effect-size table of `continuum analyze` (DESIGN.md "Command line"): one row per group ×
// instrument × comparison, assembled from one mart aggregated in SQL (the histogram of changes,
// one query for all the comparisons, rolled up into paired sums, change counts and signed-rank
// sums) and the pure statistics of stats/. Rows carry n, missing, follow-up rate, the
// attrition check, and the literature benchmark where one exists.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { benchmarksFor, compareToBenchmark, type BenchmarkVerdict } from "../../domain/benchmarks.ts";
import { INSTRUMENTS, INSTRUMENT_CODES, type InstrumentCode } from "../../domain/instruments.ts";
import type { Comparison, TimepointWindow } from "../../domain/timepoints.ts";
import type { LevelOfCare } from "../../domain/vocabulary.ts";
import { standardErrorOfDifference } from "../../stats/clinical-change.ts";
import { type PairedEffect, pairedEffectSize } from "../../stats/paired-effect-size.ts";
import { signedRankP } from "../../stats/rank-and-proportion.ts";
import { compareGroups } from "../../stats/two-sample.ts";
import type { PairGroupKey } from "../group-keys.ts";
import { type ChangeRule, changeGroupKey, type CohortFilter, rollUpChangeCounts } from "../marts/effect-size-sums.ts";
import { type PairedChangeCount, pairedChangeCounts, pairedChangeCountsForEach } from "../marts/paired-change-counts.ts";
import { signedRanksFromChangeCounts } from "../marts/signed-rank-sums.ts";

/** DESIGN.md's row: the paired effect (stats/) plus counts, rates, checks and a benchmark. */
export type EffectSizeRow = Omit<PairedEffect, "reason" | "sd_improvement"> & {
  instrument: string;
  comparison: Comparison;
  [groupKey: string]: unknown;
  n_missing: number;
  followup_rate: number | null;
  p_wilcoxon: number | null;
  pct_reliable_improvement: number | null;
  pct_reliable_deterioration: number | null;
  pct_recovered: number | null;
  pct_response: number | null;
  pct_remission: number | null;
  attrition: { d: number; p: number } | null;
  benchmark: { source: string; metric: string; lower: number; upper: number; verdict: BenchmarkVerdict } | null;
};

/** Change rules for the SQL mart, from the instrument catalog. */
export function changeRules(): ChangeRule[] {
  return INSTRUMENT_CODES.map((code) => {
    const i = INSTRUMENTS[code];
    return {
      instrument: code,
      better: i.better,
      sDiff: i.reliableChange ? standardErrorOfDifference(i.reliableChange.sdRef, i.reliableChange.reliability) : null,
      cutoff: i.cutoff?.value ?? null,
      clinicalAtOrAbove: i.cutoff?.clinicalAtOrAbove ?? true,
      remissionBelow: i.remissionBelow,
    };
  });
}

const pct = (count: number | null, n: number) => (count === null || n === 0 ? null : (100 * count) / n);

export async function effectSizeTable(
  db: Kysely<Database>,
  options: { comparisons: readonly Comparison[]; by: readonly PairGroupKey[]; dataCut: string; filter?: CohortFilter; windows?: readonly TimepointWindow[] },
): Promise<EffectSizeRow[]> {
  if (options.comparisons.length === 0) return [];
  // One GROUP BY in the database (the change histogram) serves the sums and the rank test.
  const histogram = await pairedChangeCounts(db, { comparison: options.comparisons, by: options.by, dataCut: options.dataCut, filter: options.filter, windows: options.windows, thresholds: changeRules() });
  return effectSizeRows(histogram, options.comparisons);
}

/** effectSizeTable by each of several keys in turn (`by: [key]` for every key of `each`), all from one scan of the pairs. */
export async function effectSizeTablesForEach(
  db: Kysely<Database>,
  options: { comparisons: readonly Comparison[]; dataCut: string; filter?: CohortFilter },
  each: readonly PairGroupKey[],
): Promise<Map<PairGroupKey, EffectSizeRow[]>> {
  if (options.comparisons.length === 0) return new Map(each.map((key) => [key, []]));
  const histograms = await pairedChangeCountsForEach(db, { comparison: options.comparisons, by: [], dataCut: options.dataCut, filter: options.filter, thresholds: changeRules() }, each);
  return new Map(each.map((key) => [key, effectSizeRows(histograms.get(key)!, options.comparisons)]));
}

/** The effect-size rows of a change histogram (pairedChangeCounts, or sums of its bars). */
export function effectSizeRows(histogram: readonly PairedChangeCount[], comparisons: readonly Comparison[]): EffectSizeRow[] {
  const rows: EffectSizeRow[] = [];
  const rules = changeRules();
  const options = { comparisons };
  const allSums = rollUpChangeCounts(histogram, { comparison: options.comparisons, rules });
  const ranks = new Map(signedRanksFromChangeCounts(histogram).map((r) => [changeGroupKey(r), r]));
  for (const comparison of options.comparisons) {
    for (const s of allSums.filter((row) => row.comparison === comparison)) {
      const instrument = s.instrument as InstrumentCode;
      const effect = pairedEffectSize(s, INSTRUMENTS[instrument].better);
      const rank = ranks.get(changeGroupKey(s));
      const attrition = compareGroups({ n: s.n, sum: s.sx, sumSquares: s.sxx }, { n: s.n_missing, sum: s.missing_sx, sumSquares: s.missing_sxx });
      const level = (s.group.level_of_care ?? undefined) as LevelOfCare | undefined;
      const bench = comparison === "intake_followup_6m" || comparison === "intake_discharge" ? benchmarksFor(instrument, comparison, level)[0] : undefined;
      const estimate = bench?.metric === "d_pre" ? effect.d_pre_ci : effect.d_z_ci;
      const point = bench?.metric === "d_pre" ? effect.d_pre : effect.d_z;
      const { reason: _reason, sd_improvement: _sd, ...measures } = effect;
      rows.push({
        instrument,
        comparison,
        ...s.group,
        ...measures,
        n_missing: s.n_missing,
        followup_rate: s.n + s.n_missing > 0 ? s.n / (s.n + s.n_missing) : null,
        p_wilcoxon: rank ? signedRankP({ n: rank.n_nonzero, v: rank.v, tieSum: rank.tie_sum }) : null,
        pct_reliable_improvement: pct(s.n_reliable_improvement, s.n),
        pct_reliable_deterioration: pct(s.n_reliable_deterioration, s.n),
        pct_recovered: pct(s.n_recovered, s.n),
        pct_response: pct(s.n_response, s.n),
        pct_remission: pct(s.n_remission, s.n),
        attrition: attrition.ok ? { d: attrition.d, p: attrition.p } : null,
        benchmark: bench && estimate ? { source: bench.source, metric: bench.metric, lower: bench.lower, upper: bench.upper, verdict: compareToBenchmark(point!, estimate, bench) } : null,
      });
    }
  }
  return rows;
}
