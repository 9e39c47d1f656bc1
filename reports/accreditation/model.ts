// Everything the accreditation pack shows for one calendar year, computed from the queries
// and statistics of `analyze` and already through reports/suppression.ts: which standardized
// instruments are used and when, how many eligible episodes were measured, what the
// aggregated results are, how they moved over the year, efficiency, access, satisfaction and
// data quality. Text cells are final; numbers kept for data.json are the published ones.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { INSTRUMENTS, type InstrumentCode, instrumentShortName } from "../../domain/instruments.ts";
import { quartersEnding } from "../../domain/quarters.ts";
import { DEFAULT_WINDOWS } from "../../domain/timepoints.ts";
import { LEVELS_OF_CARE } from "../../domain/vocabulary.ts";
import { type EffectSizeRow, effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { dataQualityFindings } from "../../queries/marts/data-quality.ts";
import { measurementCoverage } from "../../queries/marts/measurement-coverage.ts";
import { quarterlyVolumes } from "../../queries/marts/quarterly-volumes.ts";
import { standardMeasures } from "../../queries/analyses/standard-measures.ts";
import type { StandardMeasureId } from "../../domain/standard-measures.ts";
import { wilsonInterval } from "../../stats/rank-and-proportion.ts";
import { continuityOfCare, type PublishedContinuity } from "../pathways/continuity.ts";
import { quarterlyTrend, type QuarterlyTrend } from "../quarterly/trend.ts";
import { publishCount, publishShare, publishStatistic, shareText } from "../suppression.ts";

export type TextRow = Record<string, string>;

export interface AccreditationModel {
  year: number;
  dataCut: string;
  threshold: number;
  instruments: TextRow[];
  coverage: { eligible: TextRow; rows: TextRow[] };
  effectiveness: TextRow[];
  quarters: TextRow[];
  trend: QuarterlyTrend;
  satisfaction: TextRow;
  /** Transitions of care after the year's discharges. */
  continuity: PublishedContinuity;
  /** The standard depression measures of the year with what program data cannot apply. */
  measures: { rows: TextRow[]; source: string; caveats: readonly string[]; citations: string[] };
  dataQuality: TextRow[];
}

/** Short names for the pack's table; the specifications' titles are in the notes under it. */
const MEASURE_LABELS: Record<StandardMeasureId, string> = {
  nqf0710: "Remission at 12 months (PHQ-9 < 5, 12 months ± 60 days)",
  nqf0711: "Remission at 6 months (PHQ-9 < 5, 6 months ± 60 days)",
  nqf1884: "Response at 6 months (≥ 50 % lower, 6 months ± 60 days)",
  "nqf0712-jan-apr": "PHQ-9 given while in care, January–April",
  "nqf0712-may-aug": "PHQ-9 given while in care, May–August",
  "nqf0712-sep-dec": "PHQ-9 given while in care, September–December",
};

const fixed = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));
/** When instruments are given: each timepoint's anchor and window (domain/timepoints.ts). */
export const SCHEDULE = DEFAULT_WINDOWS.map((w) => `${w.timepoint.replace("followup_6m", "6 months after discharge")}: ${w.anchor}${w.offsetDays ? ` + ${w.offsetDays} days` : ""}, from ${w.before} days before to ${w.after} days after`);
const byLevel = (a: EffectSizeRow, b: EffectSizeRow) => a.instrument.localeCompare(b.instrument) || a.comparison.localeCompare(b.comparison) || LEVELS_OF_CARE.indexOf(a.level_of_care as never) - LEVELS_OF_CARE.indexOf(b.level_of_care as never);

export async function accreditationModel(db: Kysely<Database>, { year, dataCut, threshold }: { year: number; dataCut: string; threshold: number }): Promise<AccreditationModel> {
  const { coverage, administrations } = await measurementCoverage(db, { year, dataCut });
  const count = (n: number) => publishCount(n, threshold).text;
  const used = administrations.filter((a) => a.assessments > 0);

  const instruments = used.map((a) => {
    const i = INSTRUMENTS[a.instrument as InstrumentCode];
    return {
      instrument: instrumentShortName(a.instrument),
      name: i.name,
      score: `${i.total.min}–${i.total.max}, ${i.better} is better`,
      assessments: count(a.assessments),
      median_days_admission_to_intake: publishStatistic(a.median_days_to_intake, a.assessments, threshold) === null ? "—" : fixed(a.median_days_to_intake, 0),
    };
  });

  const eligible = (t: string) => coverage.find((c) => c.timepoint === t)?.eligible ?? 0;
  const coverageRows = [...new Set(coverage.map((c) => c.instrument))].map((instrument) => {
    const cell = (t: string) => {
      const c = coverage.find((x) => x.instrument === instrument && x.timepoint === t);
      const [measured, total] = [c?.measured ?? 0, eligible(t)];
      // The count beside a bounded share would give its small complement back: shown only with an exact share.
      return publishShare(measured, total, threshold) === null ? shareText(measured, total, threshold) : `${shareText(measured, total, threshold)} (${count(measured)})`;
    };
    return { instrument: instrumentShortName(instrument), intake: cell("intake"), discharge: cell("discharge"), "6 months": cell("followup_6m") };
  });

  const effects = (await effectSizeTable(db, { comparisons: ["intake_discharge", "intake_followup_6m"], by: ["level_of_care"], dataCut, filter: { year } }))
    .filter((r) => publishStatistic(r, r.n, threshold) !== null)
    .sort(byLevel);
  const effectiveness = effects.map((r) => ({
    instrument: instrumentShortName(r.instrument),
    comparison: r.comparison === "intake_discharge" ? "intake → discharge" : "intake → 6 months",
    level_of_care: String(r.level_of_care),
    n: count(r.n),
    mean: `${fixed(r.pre_mean, 1)} → ${fixed(r.post_mean, 1)}`,
    "d [95% CI]": r.d_pre_ci ? `${fixed(r.d_pre)} [${fixed(r.d_pre_ci[0])}, ${fixed(r.d_pre_ci[1])}]` : "—",
    "reliably improved": r.pct_reliable_improvement === null ? "—" : shareText(Math.round((r.pct_reliable_improvement * r.n) / 100), r.n, threshold),
    "published range": r.benchmark ? `${r.benchmark.verdict} (${r.benchmark.lower === r.benchmark.upper ? fixed(r.benchmark.lower) : `${fixed(r.benchmark.lower)}–${fixed(r.benchmark.upper)}`})` : "none published",
  }));

  const volumes = await quarterlyVolumes(db, { dataCut });
  const yearQuarters = [1, 2, 3, 4].map((q) => `${year}Q${q}`);
  const overall = new Map<string, EffectSizeRow[]>();
  const trendQuarters = quartersEnding(`${year}Q4`, 8);
  for (const q of trendQuarters) overall.set(q, await effectSizeTable(db, { comparisons: ["intake_discharge"], by: [], dataCut, filter: { quarter: q, instrument: "PHQ9" } }));
  const quarters = yearQuarters.map((quarter) => {
    const v = volumes.find((x) => x.quarter === quarter);
    return {
      quarter,
      admissions: count(v?.admissions ?? 0),
      discharges: count(v?.discharges ?? 0),
      completion: shareText(v?.completed ?? 0, v?.discharges ?? 0, threshold),
      "measured at intake and discharge": shareText(v?.measured ?? 0, v?.discharges ?? 0, threshold),
      "median length of stay": publishStatistic(v?.median_los_days ?? null, v?.discharges ?? 0, threshold) === null ? "—" : `${fixed(v!.median_los_days, 0)} days`,
    };
  });

  const answered = volumes.filter((v) => yearQuarters.includes(v.quarter)).reduce((a, v) => a + v.recommend_answered, 0);
  const yes = volumes.filter((v) => yearQuarters.includes(v.quarter)).reduce((a, v) => a + v.recommend_yes, 0);
  const share = publishShare(yes, answered, threshold);
  const wilson = share === null ? null : wilsonInterval(yes, answered);
  const satisfaction = {
    "would recommend": shareText(yes, answered, threshold),
    "95% CI": wilson ? `${(100 * wilson[0]).toFixed(0)}–${(100 * wilson[1]).toFixed(0)} %` : "—",
    "discharges who answered": count(answered),
  };

  const continuity = await continuityOfCare(db, { dataCut, threshold, filter: { dischargeYear: year } });

  const standard = await standardMeasures(db, { year, dataCut });
  const measures = {
    source: standard.source,
    caveats: standard.caveats,
    citations: [...new Set(standard.measures.map((m) => m.citation))],
    rows: standard.measures.map((m) => {
      const shown = publishShare(m.numerator, m.denominator, threshold) !== null;
      return {
        Measure: MEASURE_LABELS[m.id],
        Specification: m.specification.replace(/ \(endorsement removed 2022\)/, ""),
        "Index PHQ-9 dated, or period": `${m.period.from} to ${m.period.to}`,
        Patients: count(m.denominator),
        Rate: shareText(m.numerator, m.denominator, threshold),
        "95% CI": shown && m.ci ? `${m.ci[0].toFixed(0)}–${m.ci[1].toFixed(0)} %` : "—",
        // The specifications count a patient without a PHQ-9 in the window as not met: shown so a low rate can be read.
        "No PHQ-9 in window": m.id.startsWith("nqf0712") ? "—" : shareText(m.no_followup, m.denominator, threshold),
        "Window still open": count(m.pending),
      };
    }),
  };

  const dataQuality = (await dataQualityFindings(db, { dataCut })).map((f) => ({ finding: f.description, severity: f.severity, count: count(f.count) }));

  return {
    year,
    dataCut,
    threshold,
    instruments,
    coverage: { eligible: { "intake and discharge": count(eligible("intake")), "6 months": count(eligible("followup_6m")) }, rows: coverageRows },
    effectiveness,
    quarters,
    trend: quarterlyTrend({ quarters: trendQuarters, volumes, overall, threshold }),
    satisfaction,
    continuity,
    measures,
    dataQuality,
  };
}
