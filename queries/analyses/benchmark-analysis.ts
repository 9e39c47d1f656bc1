// `continuum analyze benchmark` (DESIGN.md "Fair comparison across sites"): per group (any --by
// key) the severity-adjusted effect size with its 90% interval, the shrunken random-intercept
// estimate and its ACORN band, and the two funnels of reliable improvement (as a proportion,
// and observed / expected from the logistic case-mix model). One GROUP BY in the database
// (queries/marts/benchmark-cells.ts); the fits are pure functions of its cells.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Comparison } from "../../domain/timepoints.ts";
import { type Funnel, proportionFunnel, ratioFunnel } from "../../stats/funnel-limits.ts";
import { severityAdjusted } from "../../stats/severity-adjusted.ts";
import { shrunkenEstimates } from "../../stats/shrinkage.ts";
import type { CohortFilter } from "../intermediate/comparison-pairs.ts";
import type { GroupKey } from "../group-keys.ts";
import { benchmarkCells, caseMixKeys } from "../marts/benchmark-cells.ts";
import { changeRules } from "./effect-size-table.ts";

/** ACORN's bands on the shrunken SAES (psychoutcomes.org): > 0.8 highly effective, ≥ 0.5 effective. */
export type SaesBand = "highly_effective" | "effective" | "below";
export const bandOf = (saes: number): SaesBand => (saes > 0.8 ? "highly_effective" : saes >= 0.5 ? "effective" : "below");

export interface BenchmarkOptions {
  instrument?: string;
  comparison?: Comparison;
  by?: GroupKey;
  dataCut: string;
  filter?: Omit<CohortFilter, "instrument">;
}

export interface BenchmarkGroup {
  key: string;
  n: number;
  /** Raw means of the sample (intake score; change, positive = improvement): what the adjustment corrects. */
  mean_intake: number;
  mean_change: number;
  saes: number;
  saes_ci90: [number, number] | null;
  saes_shrunken: number | null;
  saes_shrunken_ci90: [number, number] | null;
  band: SaesBand | null;
  reliable_improvement: { observed: number; n: number; expected: number | null };
}

export interface BenchmarkDocument {
  instrument: string;
  by: GroupKey;
  comparison: Comparison;
  clinical_cutoff: number | null;
  data_cut: string;
  covariates: string[];
  reference: { n: number; mean_change: number; sd_intake: number } | null;
  variance: { group: number; residual: number } | null;
  groups: BenchmarkGroup[];
  funnel_proportion: Funnel | null;
  funnel_ratio: Funnel | null;
  /** Why there is nothing to compare, when there is not. */
  error?: string;
}

export async function benchmarkAnalysis(db: Kysely<Database>, options: BenchmarkOptions): Promise<BenchmarkDocument> {
  const { instrument = "PHQ9", comparison = "intake_discharge", by = "site_id", dataCut, filter } = options;
  // The catalog's change rules, as the effect-size table reads them: side of the cutoff, S_diff.
  const rule = changeRules().find((r) => r.instrument === instrument);
  const cutoff = rule && rule.cutoff !== null ? { value: rule.cutoff, clinicalAtOrAbove: rule.clinicalAtOrAbove } : null;
  const sDiff = rule?.sDiff ?? null;
  const cells = await benchmarkCells(db, { instrument, comparison, dataCut, by, better: rule?.better ?? "lower", cutoff, sDiff, filter });
  const head = { instrument, by, comparison, clinical_cutoff: cutoff?.value ?? null, data_cut: dataCut, covariates: ["intake", ...caseMixKeys(by)] };
  const fit = severityAdjusted(cells);
  if (!fit.ok) return { ...head, reference: null, variance: null, groups: [], funnel_proportion: null, funnel_ratio: null, error: fit.reason };
  const shrunk = shrunkenEstimates(fit.groups.map((g) => ({ group: g.group, n: g.n, sum: g.sum, sumSquares: g.sumSquares })));
  const shrunkOf = new Map(shrunk.ok ? shrunk.groups.map((g) => [g.group, g]) : []);
  const groups = fit.groups.map((g): BenchmarkGroup => {
    const s = shrunkOf.get(g.group);
    return {
      key: g.group,
      n: g.n,
      mean_intake: g.meanIntake,
      mean_change: g.meanChange,
      saes: g.saes,
      saes_ci90: g.ci90,
      saes_shrunken: s?.estimate ?? null,
      saes_shrunken_ci90: s?.interval ?? null,
      band: s ? bandOf(s.estimate) : null,
      reliable_improvement: g.reliable,
    };
  });
  const funnels = sDiff !== null && groups.length >= 2;
  const expected = groups.every((g) => g.reliable_improvement.expected !== null);
  return {
    ...head,
    reference: { n: fit.n, mean_change: fit.meanChange, sd_intake: fit.sdIntake },
    variance: shrunk.ok ? shrunk.variance : null,
    groups,
    funnel_proportion: funnels ? proportionFunnel(groups.map((g) => ({ key: g.key, numerator: g.reliable_improvement.observed, denominator: g.n }))) : null,
    funnel_ratio:
      funnels && expected ? ratioFunnel(groups.map((g) => ({ key: g.key, numerator: g.reliable_improvement.observed, denominator: g.reliable_improvement.expected! }))) : null,
  };
}
