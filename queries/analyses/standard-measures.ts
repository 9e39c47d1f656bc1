// `continuum analyze measures` (DESIGN.md "Standard measures"): depression remission at twelve
// (CMS159 / NQF 0710) and six months (NQF 0711), response at six months (NQF 1884) and PHQ-9
// utilization per four-month period (NQF 0712), computed from program data as the
// specifications in domain/standard-measures.ts say, with Wilson 95% intervals.
//
// int_standard_measure_patients — grain: one row per measure × patient. The patient is
// `patient_id`, which links a person's episodes (an episode without one would count as its own
// patient, `episode:<id>`: ingest refuses such rows as missing_required, so this is a guard,
// not a case the data holds). PHQ-9 totals are the stored `assessments.total_score` (checked
// against the items at ingest), dated by `assessed_on`, from every episode of the patient.
//   outcome measures   index = the patient's first PHQ-9 > 9 dated in the index-event period
//                      of the year (ties on a date: the lower episode_id); window = [index +
//                      N months − 60 days, index + N months + 60 days] with Postgres calendar
//                      months (end-of-month clamped, as CQL's Date + months); the outcome is the
//                      last PHQ-9 in the window (ties: the higher episode_id); none = not met.
//   utilization        one row per patient in care during the period (an episode admitted
//                      before its end and not discharged before its start; open episodes run
//                      to the data cut); met = a PHQ-9 dated in the period.
// `closed` = the window (period) ended on or before the data cut: only closed rows are in the
// denominator; open ones are `pending`, never "not in remission".
// mart_standard_measures — grain: one row per measure, the counts of those rows, computed in
// the database (the patients never leave it).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  dayBeforeMonthStart,
  indexEventPeriod,
  type OutcomeMeasure,
  STANDARD_MEASURE_CAVEATS,
  STANDARD_MEASURES,
  STANDARD_MEASURES_SOURCE,
  type StandardMeasureId,
  type UtilizationMeasure,
  utilizationPeriod,
} from "../../domain/standard-measures.ts";
import { rateOf } from "./pathways-analysis.ts";

export interface StandardMeasurePatientRow {
  measure_id: StandardMeasureId;
  patient_key: string;
  /** Outcome measures: the index PHQ-9's date and total; null for utilization. */
  index_on: string | null;
  index_score: number | null;
  /** The window (outcome) or the period (utilization), both ends inclusive. */
  window_start: string;
  window_end: string;
  /** The window ended on or before the data cut. */
  closed: boolean;
  /** The last PHQ-9 in the window, if any. */
  last_on: string | null;
  last_score: number | null;
  /** In the numerator once closed: remission / response / a PHQ-9 administered. */
  met: boolean;
}

export interface StandardMeasureResult {
  id: StandardMeasureId;
  title: string;
  specification: string;
  window: string;
  /** Outcome measures: the index-event period of the year; utilization: the period (inclusive). */
  period: { from: string; to: string };
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100; null when the denominator is 0. */
  pct: number | null;
  /** Wilson 95% interval in percent; null when the denominator is 0. */
  ci: [number, number] | null;
  /** Patients in the index-event period (or in care) whose window has not closed by the data cut. */
  pending: number;
  /** Of the denominator: patients with no PHQ-9 in the window (counted as not met). */
  no_followup: number;
  citation: string;
}

export interface StandardMeasuresDocument {
  year: number;
  data_cut: string;
  source: string;
  caveats: readonly string[];
  measures: StandardMeasureResult[];
}

const OUTCOMES = STANDARD_MEASURES.filter((m): m is OutcomeMeasure => m.kind !== "utilization");
const UTILIZATION = STANDARD_MEASURES.filter((m): m is UtilizationMeasure => m.kind === "utilization");

/** `select …` over the rows of int_standard_measure_patients (named `r`), with its CTEs in front. */
function withPatientRows(year: number, dataCut: string, select: ReturnType<typeof sql>) {
  const cut = sql`${dataCut}::date`;
  const patientKey = sql`coalesce(nullif(e.patient_id, ''), 'episode:' || e.episode_id)`;
  const outcomeSpecs = sql.join(
    OUTCOMES.map((m) => {
      const { start, end } = indexEventPeriod(m, year);
      return sql`(${m.id}::text, ${m.kind}::text, ${start}::date, ${end}::date, ${m.windowMonths}::int, ${m.windowDays}::int, ${m.indexAbove}::numeric, ${m.remissionBelow}::numeric, ${m.responseAtMost}::numeric)`;
    }),
  );
  const utilizationSpecs = sql.join(
    UTILIZATION.map((m) => {
      const { start, end } = utilizationPeriod(m, year);
      return sql`(${m.id}::text, ${start}::date, ${end}::date)`;
    }),
  );
  return sql`
    with phq as (
      select ${patientKey} as patient_key, a.episode_id, a.assessed_on, a.total_score
      from assessments a join episodes e on e.episode_id = a.episode_id
      where a.instrument = 'PHQ9' and a.assessed_on <= ${cut}
    ),
    outcome_spec (measure_id, kind, period_start, period_end, months, days, index_above, remission_below, response_at_most) as (values ${outcomeSpecs}),
    indexed as (
      select distinct on (s.measure_id, p.patient_key) s.*, p.patient_key, p.assessed_on as index_on, p.total_score as index_score
      from outcome_spec s
      join phq p on p.assessed_on >= s.period_start and p.assessed_on < s.period_end and p.total_score > s.index_above
      order by s.measure_id, p.patient_key, p.assessed_on, p.episode_id
    ),
    windows as (
      select i.*, (i.index_on + make_interval(months => i.months))::date - i.days as window_start,
        (i.index_on + make_interval(months => i.months))::date + i.days as window_end
      from indexed i
    ),
    -- The last PHQ-9 in each window, by a join on the patient rather than a lookup per window:
    -- phq is a materialised CTE without an index, so a lateral lookup scanned every score for
    -- every patient (26 minutes at 1.1M assessments).
    outcome_last as (
      select distinct on (w.measure_id, w.patient_key) w.measure_id, w.patient_key, p.assessed_on, p.total_score
      from windows w join phq p on p.patient_key = w.patient_key and p.assessed_on between w.window_start and w.window_end
      order by w.measure_id, w.patient_key, p.assessed_on desc, p.episode_id desc
    ),
    outcome_rows as (
      select w.measure_id, w.patient_key, w.index_on, w.index_score, w.window_start, w.window_end,
        w.window_end <= ${cut} as closed, l.assessed_on as last_on, l.total_score as last_score,
        case when w.kind = 'remission' then coalesce(l.total_score < w.remission_below, false)
          else coalesce(l.total_score <= w.response_at_most * w.index_score, false) end as met
      from windows w
      left join outcome_last l on l.measure_id = w.measure_id and l.patient_key = w.patient_key
    ),
    utilization_spec (measure_id, period_start, period_end) as (values ${utilizationSpecs}),
    in_care as (
      select distinct u.measure_id, u.period_start, u.period_end, ${patientKey} as patient_key
      from utilization_spec u
      join episodes e on e.admitted_on < u.period_end and e.admitted_on <= ${cut} and coalesce(e.discharged_on, ${cut}) >= u.period_start
    ),
    utilization_last as (
      select distinct on (c.measure_id, c.patient_key) c.measure_id, c.patient_key, p.assessed_on, p.total_score
      from in_care c join phq p on p.patient_key = c.patient_key and p.assessed_on >= c.period_start and p.assessed_on < c.period_end
      order by c.measure_id, c.patient_key, p.assessed_on desc, p.episode_id desc
    ),
    utilization_rows as (
      select c.measure_id, c.patient_key, null::date as index_on, null::numeric as index_score,
        c.period_start as window_start, c.period_end - 1 as window_end, c.period_end - 1 <= ${cut} as closed,
        l.assessed_on as last_on, l.total_score as last_score, l.assessed_on is not null as met
      from in_care c
      left join utilization_last l on l.measure_id = c.measure_id and l.patient_key = c.patient_key
    ),
    r as (
      select measure_id, patient_key, index_on, index_score::numeric as index_score, window_start, window_end, closed, last_on, last_score::numeric as last_score, met from outcome_rows
      union all
      select measure_id, patient_key, index_on, index_score, window_start, window_end, closed, last_on, last_score::numeric, met from utilization_rows
    )
    ${select}`;
}

/** int_standard_measure_patients for one year (tests and audits; the CLI reads only the counts). */
export async function standardMeasurePatients(db: Kysely<Database>, { year, dataCut }: { year: number; dataCut: string }): Promise<StandardMeasurePatientRow[]> {
  const { rows } = await withPatientRows(year, dataCut, sql`select * from r order by measure_id, patient_key`).execute(db);
  return (rows as Record<string, unknown>[]).map((row) => ({
    measure_id: row.measure_id as StandardMeasureId,
    patient_key: String(row.patient_key),
    index_on: (row.index_on as string | null) ?? null,
    index_score: row.index_score === null ? null : Number(row.index_score),
    window_start: String(row.window_start),
    window_end: String(row.window_end),
    closed: Boolean(row.closed),
    last_on: (row.last_on as string | null) ?? null,
    last_score: row.last_score === null ? null : Number(row.last_score),
    met: Boolean(row.met),
  }));
}

/** The standard measures of one measurement year, as of the data cut. */
export async function standardMeasures(db: Kysely<Database>, { year, dataCut }: { year: number; dataCut: string }): Promise<StandardMeasuresDocument> {
  const { rows } = await withPatientRows(
    year,
    dataCut,
    sql`select measure_id,
        count(*) filter (where closed) as denominator,
        count(*) filter (where closed and met) as numerator,
        count(*) filter (where not closed) as pending,
        count(*) filter (where closed and last_on is null) as no_followup
      from r group by measure_id`,
  ).execute(db);
  const counts = new Map((rows as Record<string, unknown>[]).map((row) => [row.measure_id as string, row]));
  const measures = STANDARD_MEASURES.map((m): StandardMeasureResult => {
    const row = counts.get(m.id);
    const [numerator, denominator] = [Number(row?.numerator ?? 0), Number(row?.denominator ?? 0)];
    const period = m.kind === "utilization" ? utilizationPeriod(m, year) : indexEventPeriod(m, year);
    return {
      id: m.id,
      title: m.title,
      specification: m.specification,
      window: m.window,
      period: { from: period.start, to: dayBeforeMonthStart(period.end) },
      numerator,
      denominator,
      ...rateOf(numerator, denominator),
      pending: Number(row?.pending ?? 0),
      no_followup: Number(row?.no_followup ?? 0),
      citation: m.citation,
    };
  });
  return { year, data_cut: dataCut, source: STANDARD_MEASURES_SOURCE, caveats: STANDARD_MEASURE_CAVEATS, measures };
}
