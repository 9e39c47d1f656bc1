// Published pre → post effect sizes of comparable programs, so an effect-size row can say
// "within / above / below the range reported". Each benchmark names the construct,
// which of our instruments it is compared with, the effect metric, the comparison, the point
// and band (the published 95 % CI, or the point alone where no interval was read), the
// population and setting, and the full citation.
//
// Read but not used as a numeric benchmark:
//  • Zimmerman et al. 2021, J Clin Psychiatry 82(2):20m13815 (PHP by telehealth vs in person):
//    only "d > 0.8 in both" was read — a floor, not a band;
//  • Minami et al. 2007, J Consult Clin Psychol 75:232 (depression benchmarks for completers,
//    intent-to-treat and wait-list, by BDI / HRSD / other measures) and Stewart & Chambless
//    2009, J Consult Clin Psychol 77:595 (CBT for adult anxiety disorders in clinical
//    practice, pre–post d by disorder): only the abstracts could be read, not the values.
import type { InstrumentCode } from "./instruments.ts";
import type { LevelOfCare } from "./vocabulary.ts";

export interface Benchmark {
  construct: "depression" | "anxiety" | "ptsd" | "other";
  /** Our instruments this benchmark is compared with. */
  instruments: readonly InstrumentCode[];
  /** Which of our estimates is compared: d_pre = mean change / intake SD (Becker 1988). */
  metric: "d_pre" | "d_z";
  /** The effect size as the source defines it. */
  metricInSource: string;
  comparison: "intake_discharge" | "intake_followup_6m" | "intake_followup_12m";
  point: number;
  /** The published 95 % CI; both equal the point where no interval was read. */
  lower: number;
  upper: number;
  interval: "ci95" | "point_only";
  population: string;
  setting: string;
  /** Levels of care the setting corresponds to; null = not specific to one. */
  levelsOfCare: readonly LevelOfCare[] | null;
  source: string;
}

const GASKELL =
  "Gaskell C, Simmonds-Buckley M, Kellett S, et al. The effectiveness of psychological interventions delivered in routine practice: systematic review and meta-analysis. Adm Policy Ment Health 2023;50:43–57";
const GASKELL_COMMON = {
  metric: "d_pre",
  metricInSource: "pre–post standardized mean change with the pretreatment SD (random-effects pooled)",
  comparison: "intake_discharge",
  population: "adults in routine-practice psychological care (practice-based studies, meta-analysis)",
  setting: "routine practice, mostly outpatient",
  levelsOfCare: null,
  source: GASKELL,
} as const;
const ZALTA = "Zalta AK, Held P, Smith DL, et al. Evaluating patterns and predictors of symptom change during a three-week intensive outpatient treatment for veterans with PTSD. BMC Psychiatry 2018;18:242";
const HELD = "Held P, Zalta AK, Smith DL, et al. Maintenance of treatment gains up to 12-months following a three-week cognitive processing therapy-based intensive PTSD treatment programme for veterans. Eur J Psychotraumatol 2020;11:1789324";
const INTENSIVE_PTSD = {
  metric: "d_pre",
  metricInSource: "Cohen's d as published (computation not read; compared with our d_pre)",
  population: "veterans and service members with PTSD",
  setting: "three-week intensive outpatient PTSD programme (daily, full-day treatment)",
  levelsOfCare: ["IOP", "PHP"],
  interval: "point_only",
} as const;

export const BENCHMARKS: readonly Benchmark[] = [
  { ...GASKELL_COMMON, construct: "depression", instruments: ["PHQ9"], point: 0.96, lower: 0.88, upper: 1.04, interval: "ci95" },
  // The anxiety and "other outcomes" intervals were not read: point only.
  { ...GASKELL_COMMON, construct: "anxiety", instruments: ["GAD7"], point: 0.8, lower: 0.8, upper: 0.8, interval: "point_only" },
  // Pooled over outcomes other than depression and anxiety: a coarse reference for ours.
  { ...GASKELL_COMMON, construct: "other", instruments: ["PCL5", "ISI", "PSQI", "SWLS"], point: 1.01, lower: 1.01, upper: 1.01, interval: "point_only" },
  { ...INTENSIVE_PTSD, construct: "ptsd", instruments: ["PCL5"], comparison: "intake_discharge", point: 1.12, lower: 1.12, upper: 1.12, source: ZALTA },
  { ...INTENSIVE_PTSD, construct: "depression", instruments: ["PHQ9"], comparison: "intake_discharge", point: 1.04, lower: 1.04, upper: 1.04, source: ZALTA },
  { ...INTENSIVE_PTSD, construct: "ptsd", instruments: ["PCL5"], comparison: "intake_followup_12m", point: 1.28, lower: 1.28, upper: 1.28, source: HELD },
  { ...INTENSIVE_PTSD, construct: "depression", instruments: ["PHQ9"], comparison: "intake_followup_12m", point: 1.18, lower: 1.18, upper: 1.18, source: HELD },
];

export type BenchmarkVerdict = "within" | "above" | "below";

/**
 * Where an estimate sits against a benchmark band. With a CI: "above" when the whole CI lies
 * above the band, "below" when it lies wholly below, else "within" (the data cannot tell it
 * apart from the published range). Without a CI (too few pairs for one): the point alone.
 */
export function compareToBenchmark(
  value: number,
  ci: readonly [number, number] | null,
  benchmark: Pick<Benchmark, "lower" | "upper">,
): BenchmarkVerdict {
  const [low, high] = ci ?? [value, value];
  if (low > benchmark.upper) return "above";
  if (high < benchmark.lower) return "below";
  return "within";
}

/**
 * Benchmarks for one instrument and comparison, the most comparable first: with a level of
 * care, those whose setting matches it come before the general ones, and those of other
 * settings are left out; without one, the general ones come first.
 */
export function benchmarksFor(instrument: InstrumentCode, comparison: Benchmark["comparison"], levelOfCare?: LevelOfCare): Benchmark[] {
  const candidates = BENCHMARKS.filter((b) => b.instruments.includes(instrument) && b.comparison === comparison);
  const general = candidates.filter((b) => b.levelsOfCare === null);
  if (levelOfCare === undefined) return [...general, ...candidates.filter((b) => b.levelsOfCare !== null)];
  return [...candidates.filter((b) => b.levelsOfCare?.includes(levelOfCare)), ...general];
}
