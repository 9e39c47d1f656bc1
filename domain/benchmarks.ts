// Published pre → post effect sizes for comparable programs, so an effect-size row can say
// "within / above / below the range reported" (issue 6). Each benchmark names its metric,
// comparison, setting and source; bands are the published 95% intervals where given.
import type { InstrumentCode } from "./instruments.ts";

export interface Benchmark {
  instruments: InstrumentCode[];
  metric: "d_pre" | "d_z";
  comparison: "intake_discharge" | "intake_followup_6m";
  point: number;
  lower: number;
  upper: number;
  setting: string;
  source: string;
}

export const BENCHMARKS: readonly Benchmark[] = [
  {
    instruments: ["PHQ9"],
    metric: "d_pre",
    comparison: "intake_discharge",
    point: 0.96,
    lower: 0.88,
    upper: 1.04,
    setting: "routine-practice psychological care, depression measures (meta-analysis)",
    source: "Gaskell C et al. Adm Policy Ment Health 2023;50:43–57",
  },
  {
    instruments: ["PCL5"],
    metric: "d_z",
    comparison: "intake_discharge",
    point: 1.12,
    lower: 1.12,
    upper: 1.12,
    setting: "intensive PTSD treatment programme (single cohort; no interval reported to us)",
    source: "Zalta AK et al. BMC Psychiatry 2018;18:242",
  },
];

export type BenchmarkVerdict = "within" | "above" | "below";

/** Where an estimate's 95% CI sits against a benchmark band: overlapping counts as within. */
export function compareToBenchmark(ci: readonly [number, number], b: Pick<Benchmark, "lower" | "upper">): BenchmarkVerdict {
  if (ci[0] > b.upper) return "above";
  if (ci[1] < b.lower) return "below";
  return "within";
}

export const benchmarksFor = (instrument: InstrumentCode, comparison: Benchmark["comparison"]) =>
  BENCHMARKS.filter((b) => b.instruments.includes(instrument) && b.comparison === comparison);
