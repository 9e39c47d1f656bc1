// The research export's analysis tables — effect sizes, retention, ITT means, ANCOVA — with
// every count through reports/suppression.ts and every statistic of fewer than `threshold`
// episodes left empty. Rows are by level of care only: an overall row beside them would let a
// hidden level's n be recovered as the total minus the others.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { INSTRUMENT_CODES } from "../../domain/instruments.ts";
import { COMPARISONS, type Comparison } from "../../domain/timepoints.ts";
import { type EffectSizeRow, effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { compareAnalysis, ittAnalysis, retentionAnalysis } from "../../queries/analyses/other-analyses.ts";
import type { CsvCell } from "../csv.ts";
import { publishCount, publishShare } from "../suppression.ts";
import { comparableRows } from "./comparable.ts";
import { r7 } from "./precision.ts";
import { benchmarkRows, measureRows } from "./benchmark-tables.ts";
import { STANDARD_MEASURE_CAVEATS } from "../../domain/standard-measures.ts";

export interface Table {
  name: string;
  title: string;
  columns: string[];
  rows: Record<string, CsvCell>[];
}

const RETENTION_DAYS = [30, 60, 90];

export function effectSizeRows(rows: readonly EffectSizeRow[], threshold: number): Record<string, CsvCell>[] {
  return rows.map((r) => {
    const shown = r.n >= threshold;
    const stat = (x: number | null) => (shown ? r7(x) : null);
    // A percentage of the pairs is a share of n: hidden when its count or complement is small.
    const pct = (p: number | null) => (shown && p !== null && publishShare(Math.round((p * r.n) / 100), r.n, threshold) !== null ? r7(p) : null);
    const missing = publishCount(r.n_missing, threshold);
    return {
      instrument: r.instrument,
      comparison: r.comparison,
      level_of_care: String(r.level_of_care),
      n: publishCount(r.n, threshold).text,
      n_missing: missing.text,
      followup_rate: shown && !missing.suppressed ? r7(r.followup_rate) : null,
      pre_mean: stat(r.pre_mean),
      pre_sd: stat(r.pre_sd),
      post_mean: stat(r.post_mean),
      post_sd: stat(r.post_sd),
      r: stat(r.r),
      mean_improvement: stat(r.mean_improvement),
      d_z: stat(r.d_z),
      d_z_lower: stat(r.d_z_ci?.[0] ?? null),
      d_z_upper: stat(r.d_z_ci?.[1] ?? null),
      g_av: stat(r.g_av),
      d_pre: stat(r.d_pre),
      d_pre_lower: stat(r.d_pre_ci?.[0] ?? null),
      d_pre_upper: stat(r.d_pre_ci?.[1] ?? null),
      t: stat(r.t),
      df: stat(r.df),
      p: stat(r.p),
      p_wilcoxon: stat(r.p_wilcoxon),
      pct_reliable_improvement: pct(r.pct_reliable_improvement),
      pct_reliable_deterioration: pct(r.pct_reliable_deterioration),
      pct_recovered: pct(r.pct_recovered),
      pct_response: pct(r.pct_response),
      pct_remission: pct(r.pct_remission),
      benchmark_verdict: shown ? (r.benchmark?.verdict ?? null) : null,
    };
  });
}

const table = (name: string, title: string, rows: Record<string, CsvCell>[]): Table => ({ name, title, columns: rows.length ? Object.keys(rows[0]) : [], rows });

export async function researchTables(
  db: Kysely<Database>,
  { dataCut, threshold, siteCode }: { dataCut: string; threshold: number; siteCode: (siteId: string) => string },
): Promise<{ tables: Table[]; effects: EffectSizeRow[] }> {
  const effects = await effectSizeTable(db, { comparisons: Object.keys(COMPARISONS) as Comparison[], by: ["level_of_care"], dataCut });

  const km = await retentionAnalysis(db, { dataCut, by: "level_of_care", at: RETENTION_DAYS });
  const retention = km.groups.map((g) => {
    const shown = g.n >= threshold;
    const at = Object.fromEntries(
      RETENTION_DAYS.flatMap((day, i) => [
        [`surv_day_${day}`, shown ? r7(g.at[i]?.surv) : null],
        [`lower_day_${day}`, shown ? r7(g.at[i]?.lower) : null],
        [`upper_day_${day}`, shown ? r7(g.at[i]?.upper) : null],
      ]),
    );
    return { level_of_care: String(g.level_of_care), n: publishCount(g.n, threshold).text, events: publishCount(g.events, threshold).text, median_days: shown ? g.median : null, ...at };
  });

  const itt: Record<string, CsvCell>[] = [];
  const ancova: Record<string, CsvCell>[] = [];
  for (const instrument of INSTRUMENT_CODES) {
    if (!effects.some((e) => e.instrument === instrument)) continue;
    const fit = await ittAnalysis(db, { instrument, dataCut, by: "level_of_care" });
    if ("means" in fit && fit.means)
      for (const m of fit.means) {
        const shown = m.n >= threshold;
        itt.push({ instrument, level_of_care: String(m.level_of_care), timepoint: m.timepoint, n_observed: publishCount(m.n, threshold).text, mean: shown ? r7(m.mean) : null, se: shown ? r7(m.se) : null, lower: shown ? r7(m.ci[0]) : null, upper: shown ? r7(m.ci[1]) : null });
      }
    for (const comparison of ["intake_discharge", "intake_followup_6m"] as const) {
      const levelN = (level: string) => effects.find((e) => e.instrument === instrument && e.comparison === comparison && e.level_of_care === level)?.n ?? 0;
      const fit = await compareAnalysis(db, { instrument, comparison, dataCut, reference: "IOP" });
      if (!("differences" in fit) || !fit.differences || levelN("IOP") < threshold) continue;
      for (const d of fit.differences) {
        const shown = levelN(d.level_of_care) >= threshold;
        ancova.push({ instrument, comparison, level_of_care: d.level_of_care, reference: "IOP", n: publishCount(levelN(d.level_of_care), threshold).text, adjusted_difference: shown ? r7(d.estimate) : null, se: shown ? r7(d.se) : null, lower: shown ? r7(d.ci[0]) : null, upper: shown ? r7(d.ci[1]) : null, p: shown ? r7(d.p) : null });
      }
    }
  }

  return {
    effects,
    tables: [
      table("effect-sizes", "Effect sizes by instrument, comparison and level of care (DESIGN.md's effect-size row)", effectSizeRows(effects, threshold)),
      table("retention", `Kaplan–Meier retention by level of care: staying in treatment (not leaving early), S(t) at days ${RETENTION_DAYS.join(", ")}; log-rank in retention.json`, retention),
      table("itt-means", "Mixed-model (random intercept, REML) means per instrument, timepoint and level of care; n_observed = episodes with a score there", itt),
      table("ancova", "ANCOVA: discharge (or 6-month) score adjusted for the intake score, each level against IOP", ancova),
      table(
        "comparable",
        "Comparable outcomes: discharge score adjusted for intake (ANCOVA) and inverse-probability-weighted difference in change, group − reference, with TOST equivalence and non-inferiority at each instrument's cited margin and the smallest margin that would show equivalence",
        await comparableRows(db, { dataCut, threshold }),
      ),
      table(
        "benchmark",
        "Fair comparison across sites, PHQ-9 intake → discharge, intake ≥ 10: severity-adjusted effect size (ACORN; change ~ intake + level of care + track + age band + gender) with 90% t interval, shrunken random-intercept estimate (REML) with 90% interval and ACORN band, and reliable improvement as a proportion and as observed ÷ expected (logistic case-mix model) with FunnelPlotR's 99.8% limits",
        await benchmarkRows(db, { dataCut, threshold, siteCode }),
      ),
      table("measures", `Standard depression measures computed from program data, not a certified eCQM submission. ${STANDARD_MEASURE_CAVEATS.join(" ")}`, await measureRows(db, { dataCut, threshold })),
    ],
  };
}
