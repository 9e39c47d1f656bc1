// Standard depression measures payers and accreditors use (DESIGN.md "Fair comparison across
// sites" → "Standard measures"), as data: the windows, thresholds and citations of each
// specification, and what program data cannot apply. Layer 0: no SQL, no clock. The reading of
// each specification is cited on its measure below (id, version or year, address).
//
// Window arithmetic, as CMS159's CQL does it ("Measure Assessment Period"):
//   Y = index date + N calendar months (a day the target month lacks becomes its last day:
//   2024-02-29 + 12 months = 2025-02-28), window = [Y − 60 days, Y + 60 days], both ends in.
// Index-event period of measurement year Y: CMS159's "Denominator Identification Period",
// [start of MP − 14 months, start of MP − 2 months), i.e. [Nov 1 of Y−2, Nov 1 of Y−1) for the
// 12-month measure: every counted window closes by the end of year Y. The six-month measures
// use the same construction with N = 6: [May 1 of Y−1, May 1 of Y).

/** Program outcome data is not the clinical record these specifications are written for. */
export const STANDARD_MEASURES_SOURCE = "program data (continuum assessments and episodes), not a certified eCQM submission";

/** What every standard-measures output must say it did not apply (DESIGN.md: "say so"). */
export const STANDARD_MEASURE_CAVEATS: readonly string[] = [
  "Computed from program data, not a certified eCQM submission: the numbers are not reportable to CMS/MIPS or MNCM as these measures.",
  "The initial population's diagnosis of major depression or dysthymia cannot be applied from outcome data: every patient with a qualifying PHQ-9 counts.",
  "The denominator exclusions cannot be applied: death, hospice or palliative care, permanent nursing-home residence, bipolar disorder, personality disorder (emotionally labile), schizophrenia or psychotic disorder, pervasive developmental disorder.",
  "Age 12 or over at the index assessment cannot be checked (only age bands are kept); the index encounter's type (a depression contact or office visit) is taken to be the program episode.",
  "Patients are linked across episodes by patient_id; assessments and care elsewhere are not in the data, so a follow-up PHQ-9 taken outside the program looks like none (not in remission).",
  "A patient whose window has not closed by the data cut is counted as pending, never as not in remission.",
];

export type OutcomeMeasureId = "nqf0710" | "nqf0711" | "nqf1884";
export type UtilizationMeasureId = "nqf0712-jan-apr" | "nqf0712-may-aug" | "nqf0712-sep-dec";
export type StandardMeasureId = OutcomeMeasureId | UtilizationMeasureId;

interface MeasureBase {
  title: string;
  /** The specification's ids and version, e.g. "CMS159v14 / NQF 0710". */
  specification: string;
  nqf: string;
  cms: string | null;
  /** The window in words, as the output prints it. */
  window: string;
  /** Measure id, version or year, and URL of the text read. */
  citation: string;
}

/** A PHQ-9 outcome at N months ± D days after the index PHQ-9 (> threshold). */
export interface OutcomeMeasure extends MeasureBase {
  kind: "remission" | "response";
  id: OutcomeMeasureId;
  /** Index event: the first PHQ-9 total greater than this in the index-event period. */
  indexAbove: number;
  windowMonths: number;
  windowDays: number;
  /** Remission: the last PHQ-9 in the window is below this. */
  remissionBelow: number;
  /** Response: the last PHQ-9 in the window is at most this share of the index score. */
  responseAtMost: number;
}

/** PHQ-9 administered during each four-month period in which the patient was in care. */
export interface UtilizationMeasure extends MeasureBase {
  kind: "utilization";
  id: UtilizationMeasureId;
  /** First month (1–12) and length in months of the period within the calendar year. */
  startMonth: number;
  months: number;
}

export type StandardMeasure = OutcomeMeasure | UtilizationMeasure;

export const PHQ9_INDEX_ABOVE = 9;
export const PHQ9_REMISSION_BELOW = 5;
export const PHQ9_RESPONSE_AT_MOST = 0.5;
export const WINDOW_DAYS = 60;

const CMS159 =
  "CMS159v14 (2026 performance period), Depression Remission at Twelve Months, MN Community Measurement, https://ecqi.healthit.gov/ecqm/ec/2026/cms0159v14; window logic from its CQL library CMS159FHIRDepressionRemissionatTwelveMonths 0.3.000 (\"Measure Assessment Period\"), https://build.fhir.org/ig/cqframework/ecqm-content-qicore-2025/Library-CMS159FHIRDepressionRemissionatTwelveMonths.html";
const NQF0711 =
  "NQF 0711 Depression Remission at Six Months, MN Community Measurement (MIPS 411 in earlier years), https://www.acponline.org/clinical-information/performance-measures/depression-remission-at-six-months (2017 text: ± 30 days); ± 60 days as MNCM's suite since 2019 and SAMHSA CCBHC DEP-REM-6, https://www.samhsa.gov/sites/default/files/ccbhc-quality-measures-technical-specifications-manual.pdf";
const NQF1884 =
  "NQF/CBE 1884 Depression Response at Six Months – Progress Towards Remission, MN Community Measurement, endorsed spring 2022, https://p4qm.org/measures/1884; window \"six months (+/- 60 days) after an index visit\", https://www.acponline.org/depression-response-at-six-months-progress-towards-remission";
const NQF0712 =
  "NQF 0712 Depression Utilization of the PHQ-9 Tool (CMS160v8, MIPS 371), MN Community Measurement, http://ecqi.healthit.gov/sites/default/files/ecqm/measures/CMS160v8.html; endorsement removed 2022 (\"Depression Assessment with PHQ-9/PHQ-9M\"), https://p4qm.org/measures/0712";

const outcome = (m: Omit<OutcomeMeasure, "indexAbove" | "windowDays" | "remissionBelow" | "responseAtMost" | "window">): OutcomeMeasure => ({
  ...m,
  indexAbove: PHQ9_INDEX_ABOVE,
  windowDays: WINDOW_DAYS,
  remissionBelow: PHQ9_REMISSION_BELOW,
  responseAtMost: PHQ9_RESPONSE_AT_MOST,
  window: `${m.windowMonths} months ± ${WINDOW_DAYS} days of the index PHQ-9`,
});

const utilization = (id: UtilizationMeasureId, startMonth: number, label: string, population: number): UtilizationMeasure => ({
  kind: "utilization",
  id,
  title: `Depression Utilization of the PHQ-9 Tool, ${label}`,
  specification: `CMS160v8 population ${population} / NQF 0712 (endorsement removed 2022)`,
  nqf: "0712",
  cms: "CMS160v8",
  window: `PHQ-9 administered during ${label} while in care`,
  citation: NQF0712,
  startMonth,
  months: 4,
});

export const STANDARD_MEASURES: readonly StandardMeasure[] = [
  outcome({
    kind: "remission",
    id: "nqf0710",
    title: "Depression Remission at Twelve Months",
    specification: "CMS159v14 / NQF 0710",
    nqf: "0710",
    cms: "CMS159v14",
    windowMonths: 12,
    citation: CMS159,
  }),
  outcome({
    kind: "remission",
    id: "nqf0711",
    title: "Depression Remission at Six Months",
    specification: "NQF 0711",
    nqf: "0711",
    cms: null,
    windowMonths: 6,
    citation: NQF0711,
  }),
  outcome({
    kind: "response",
    id: "nqf1884",
    title: "Depression Response at Six Months – Progress Towards Remission",
    specification: "NQF 1884",
    nqf: "1884",
    cms: null,
    windowMonths: 6,
    citation: NQF1884,
  }),
  utilization("nqf0712-jan-apr", 1, "January–April", 1),
  utilization("nqf0712-may-aug", 5, "May–August", 2),
  utilization("nqf0712-sep-dec", 9, "September–December", 3),
];

/** `YYYY-MM-01` of the month `offset` months after January of `year` (negative = before). */
export function monthStart(year: number, offset: number): string {
  const index = year * 12 + offset;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
}

/**
 * The index-event period of measurement year `year`, half open [start, end): the twelve months
 * whose windows (N months + 60 days) close within the year — CMS159's Denominator
 * Identification Period [MP start − 14 months, MP start − 2 months) for N = 12.
 */
export function indexEventPeriod(measure: OutcomeMeasure, year: number): { start: string; end: string } {
  const back = measure.windowMonths + 2;
  return { start: monthStart(year, -back), end: monthStart(year, 12 - back) };
}

/** A utilization period of `year`, half open [start, end). */
export function utilizationPeriod(measure: UtilizationMeasure, year: number): { start: string; end: string } {
  return { start: monthStart(year, measure.startMonth - 1), end: monthStart(year, measure.startMonth - 1 + measure.months) };
}

/** The day before a `YYYY-MM-01` (the last day of the previous month): a half-open end as an inclusive one. */
export function dayBeforeMonthStart(monthStartIso: string): string {
  return new Date(Date.parse(`${monthStartIso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
