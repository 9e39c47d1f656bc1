// The research export's codebook: every column of every CSV it writes — name, type, meaning,
// values or units — as codebook.json (for code) and codebook.md (for people). A test checks
// that it covers every column actually written.
import { INSTRUMENT_CODES } from "../../domain/instruments.ts";
import { DEFAULT_WINDOWS } from "../../domain/timepoints.ts";
import { AGE_BANDS, DISCHARGE_REASONS, LEVELS_OF_CARE, MODALITIES, TRACKS } from "../../domain/vocabulary.ts";
import { RECODED } from "./dataset.ts";

export interface CodebookEntry {
  file: string;
  column: string;
  type: "string" | "integer" | "number";
  meaning: string;
}

const list = (values: readonly string[]) => values.join(", ");
const DATASET: [string, CodebookEntry["type"], string][] = [
  ["episode_key", "string", "pseudonymous episode key (R000001 …), stable for the same data; not derived from any source id"],
  ["patient_key", "string", "pseudonymous person key (RP000001 …): episodes of one person (step-downs) share it"],
  ["site_code", "string", "pseudonymous site code (SITE01 …)"],
  ["level_of_care", "string", `level of care: ${list(LEVELS_OF_CARE)}`],
  ["track", "string", `${list(TRACKS)} (mental health, substance use, co-occurring); "${RECODED}" = a category with fewer than the threshold of episodes`],
  ["modality", "string", `${list(MODALITIES)}; "${RECODED}" as above`],
  ["age_band", "string", `age band at admission: ${list(AGE_BANDS)}; "${RECODED}" as above`],
  ["gender", "string", `as exported by the site; "${RECODED}" as above`],
  ["race_ethnicity", "string", `as exported by the site; "${RECODED}" as above`],
  ["payer", "string", `as exported by the site; "${RECODED}" as above`],
  ["admission_year", "integer", "calendar year of admission (the only date kept)"],
  ["discharge_day", "integer", "days from admission to discharge (length of stay); empty while the episode is open at the data cut"],
  ["discharge_reason", "string", `${list(DISCHARGE_REASONS)}; empty while open`],
  ["hours_per_week", "number", "hours attended per week of the stay (a stay under a week counts as one week)"],
  ["sessions_attended", "integer", "sessions attended in the episode"],
  ["instrument", "string", `instrument code: ${list(INSTRUMENT_CODES)}`],
  ["timepoint", "string", `derived timepoint: ${DEFAULT_WINDOWS.map((w) => `${w.timepoint} (${w.anchor}${w.offsetDays ? ` + ${w.offsetDays}` : ""} days, −${w.before}/+${w.after})`).join("; ")}; one score per episode × instrument × timepoint, the closest to the anchor`],
  ["assessment_day", "integer", "days from admission to the assessment (negative = before admission)"],
  ["total_score", "number", "total score of the instrument (items scored by the catalog's rules)"],
];

const STAT: Record<string, [CodebookEntry["type"], string]> = {
  instrument: ["string", "instrument code"],
  comparison: ["string", "intake_discharge, intake_followup_6m or discharge_followup_6m"],
  level_of_care: ["string", "level of care"],
  reference: ["string", "reference group of the ANCOVA contrasts (a level of care; in comparable.csv also a modality or track)"],
  key: ["string", "the grouping key compared: level_of_care, modality or track"],
  within_level_of_care: ["string", "the level of care the comparison is restricted to, or all"],
  group: ["string", "the group compared with the reference"],
  adjustment: ["string", "ANCOVA (discharge score adjusted for intake; t) or weighted (inverse-probability-weighted difference in change on intake score, level of care, track, age band and payer; normal)"],
  n_group: ["string", "paired episodes in the group; `<11` when 1–10, `—` when hidden so another hidden count cannot be recovered"],
  n_reference: ["string", "paired episodes in the reference group; `<11` / `—` as n_group"],
  difference: ["number", "group − reference difference in points (negative = lower score; lower is better for symptom measures)"],
  margin: ["number", "equivalence and non-inferiority margin, points of the instrument"],
  margin_source: ["string", "where the margin comes from"],
  equivalence: ["string", "TOST verdict (Lakens 2017): equivalent, equivalent_but_different, not_equivalent, inconclusive"],
  noninferiority: ["string", "noninferior (the group is not worse than the reference by the margin or more, one-sided p < .05) or not_shown"],
  smallest_margin: ["number", "|difference| + t(.95)·SE: equivalence would be shown at any margin above it"],
  timepoint: ["string", "timepoint of the model mean"],
  n: ["string", "episodes (paired for effect sizes); `<11` when 1–10"],
  n_missing: ["string", "eligible episodes without the later score; `<11` when 1–10"],
  n_observed: ["string", "episodes with a score at that timepoint; `<11` when 1–10"],
  events: ["string", "episodes that left treatment early; `<11` when 1–10"],
  median_days: ["number", "median days in treatment (Kaplan–Meier); empty when not reached"],
  site_code: ["string", "pseudonymous site code, as in data/analysis-dataset.csv"],
  band: ["string", "ACORN band of the shrunken SAES: highly_effective (> 0.8), effective (≥ 0.5), below"],
  reliable_improved: ["string", "episodes with reliable improvement (change / S_diff > 1.96); `—` when it or its complement is 1–10"],
  reliable_expected: ["number", "expected reliable improvements from the logistic case-mix model (sum of fitted probabilities)"],
  proportion: ["number", "share of the site's episodes with reliable improvement"],
  ratio: ["number", "reliable improvements observed ÷ expected"],
  year: ["integer", "measurement year of the standard measure"],
  measure: ["string", "nqf0710 (remission at 12 months, CMS159), nqf0711 (remission at 6 months), nqf1884 (response at 6 months), nqf0712-* (PHQ-9 utilization per four-month period)"],
  specification: ["string", "the specification and version the measure follows"],
  window: ["string", "the measure's follow-up window, as its specification states it"],
  numerator: ["string", "patients meeting the measure; `<11` when 1–10, `—` when its complement is"],
  denominator: ["string", "patients whose window has closed by the data cut; `<11` when 1–10"],
  pct: ["number", "numerator / denominator × 100; empty when it would reveal a count of 1–10"],
  pending: ["string", "patients whose window has not closed by the data cut (not counted); `<11` when 1–10"],
};
const STAT_PATTERNS: [RegExp, CodebookEntry["type"], string][] = [
  [/^followup_rate$/, "number", "n / (n + n_missing); empty when n_missing is suppressed"],
  [/^(pre|post)_(mean|sd)$/, "number", "mean or SD of the earlier (pre) or later (post) score among the pairs"],
  [/^r$/, "number", "pre–post correlation"],
  [/^mean_improvement$/, "number", "mean change in the direction of improvement (points)"],
  [/^(d_z|g_av|d_pre)(_lower|_upper)?$/, "number", "standardized change: d_z = mean change / SD of change; g_av = Hedges' g on the average SD; d_pre = change / intake SD (Becker 1988); _lower/_upper = 95% CI"],
  [/^(t|df|p|p_wilcoxon)$/, "number", "paired t test (t, df, p) and Wilcoxon signed-rank p"],
  [/^pct_/, "number", "percentage (0–100) of the pairs: reliable improvement / deterioration (Jacobson & Truax), recovered, response, remission; empty when it would reveal a count of 1–10"],
  [/^benchmark_verdict$/, "string", "within / above / below the published range for comparable programs"],
  [/^(surv|lower|upper)_day_\d+$/, "number", "Kaplan–Meier share still in treatment at that day, with 95% CI (Greenwood, log scale)"],
  [/^(mean|se|lower|upper)$/, "number", "model estimate, its standard error and 95% CI"],
  [/^saes(_shrunken)?(_lower_90|_upper_90)?$/, "number", "severity-adjusted effect size (ACORN): (mean change + residual) / intake SD, site mean with 90% t interval; _shrunken = random-intercept (REML) estimate with 90% interval ± z·√conditional variance"],
  [/^(proportion|ratio)_(lower|upper)_998$/, "number", "99.8% funnel limits at the site's denominator, as FunnelPlotR computes them (overdispersion-adjusted when φ > 1)"],
  [/^(proportion|ratio)_outlier$/, "string", "yes when outside the 99.8% limits (on a limit is inside)"],
  [/^period_(from|to)$/, "string", "index-event period (outcome measures) or the four-month period (utilization), inclusive"],
  [/^pct_(lower|upper)$/, "number", "Wilson 95% interval of pct"],
  [/^adjusted_difference$/, "number", "ANCOVA difference from the reference level, adjusted for the intake score (points)"],
  [/^ci90_(lower|upper)$/, "number", "90% CI of the difference (the interval TOST reads)"],
  [/^p_(tost|noninferiority)$/, "number", "TOST p (the larger of the two one-sided p values; Schuirmann 1987) and the one-sided non-inferiority p"],
];

export function codebook(files: readonly { file: string; columns: readonly string[] }[]): CodebookEntry[] {
  return files.flatMap(({ file, columns }) =>
    columns.map((column) => {
      const dataset = DATASET.find(([c]) => c === column && file.startsWith("data/"));
      if (dataset) return { file, column, type: dataset[1], meaning: dataset[2] };
      const stat = STAT[column] ?? STAT_PATTERNS.find(([re]) => re.test(column))?.slice(1);
      if (!stat) throw new Error(`codebook: no entry for ${file} column ${column}`);
      return { file, column, type: stat[0] as CodebookEntry["type"], meaning: stat[1] as string };
    }),
  );
}

export function codebookMarkdown(entries: readonly CodebookEntry[]): string {
  const files = [...new Set(entries.map((e) => e.file))];
  return (
    `# Codebook\n\n` +
    files
      .map((f) => `## ${f}\n\n| column | type | meaning |\n|---|---|---|\n${entries.filter((e) => e.file === f).map((e) => `| ${e.column} | ${e.type} | ${e.meaning.replace(/\|/g, "\\|")} |`).join("\n")}\n`)
      .join("\n")
  );
}
