// Validation of one assessments record in TypeScript, while the file streams in: the same
// checks, in the same order of precedence and with the same typed results, as the SQL of
// pipelines/validate-assessments.ts — which stays the definition, and which every file takes
// that this way cannot (padded values, repeated keys, code maps, anything not plain; see
// pipelines/stage-checked.ts). Only the unknown_episode check needs the database; it runs in
// SQL afterwards on the rows found good here. tests/ingest/checked-way.test.ts holds the two
// ways equal on random files, on every engine.
//
// Each rule mirrors its SQL form in pipelines/sql-checks.ts: Postgres' CSV reader and
// `nullif(value, '')` make an empty field null; `upper` under the "C" collation maps ASCII
// letters only; `\d` in a "C"-collated regex is an ASCII digit; a numeric `round` goes half
// away from zero.
import { INSTRUMENT_CODES, INSTRUMENTS } from "../domain/instruments.ts";
import { TIMEPOINTS } from "../domain/vocabulary.ts";
import { MAX_ITEMS } from "./validate-assessments.ts";

interface Spec {
  itemCount: number;
  itemMin: number;
  itemMax: number;
  totalMin: number;
  totalMax: number;
  maxMissing: number;
  wholeTotal: boolean;
  /** By item number: whether the item is scored reversed. */
  reversed: readonly boolean[];
}

const SPECS = new Map<string, Spec>(
  INSTRUMENT_CODES.map((code) => {
    const i = INSTRUMENTS[code];
    const spec: Spec = {
      itemCount: i.items?.count ?? 0,
      itemMin: i.items?.min ?? 0,
      itemMax: i.items?.max ?? 0,
      totalMin: i.total.min,
      totalMax: i.total.max,
      maxMissing: i.proration?.maxMissing ?? 0,
      wholeTotal: !i.fractionalTotal,
      reversed: Array.from({ length: MAX_ITEMS + 1 }, (_, k) => (i.scoring?.reversedItems ?? []).includes(k)),
    };
    return [code, spec];
  }),
);

const TIMEPOINT_SET = new Set<string>(TIMEPOINTS);
const DECIMAL = /^-?[0-9]{1,6}(\.[0-9]+)?$/;
const SMALL_INT = /^-?[0-9]{1,4}(\.0+)?$/;

/** upper() under the "C" collation: ASCII letters only. */
function upperAscii(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
  }
  return s;
}

/** The value of the ASCII digits of s from `start` to `end`, or -1 if any is not one. */
function digitsAt(s: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** isIsoDateGivenDigits: `YYYY-MM-DD`, a real calendar day between 1800 and 2099 (any other shape fails the pattern too). */
function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  if (y < 1800 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : m === 2 ? (leap ? 29 : 28) : 31);
}

/** safeNumber: a plain decimal with up to six whole digits, else null. */
function safeNumber(s: string): number | null {
  if (s.length <= 6) {
    const value = digitsAt(s, 0, s.length);
    if (value >= 0) return value;
  }
  return DECIMAL.test(s) ? Number(s) : null;
}

/** safeInt: a small whole number (`7`, `-7`, `7.0`), else null. */
function safeInt(s: string): number | null {
  if (s.length === 1) {
    const c = s.charCodeAt(0);
    if (c >= 48 && c <= 57) return c - 48;
  }
  return SMALL_INT.test(s) ? Number(s.split(".")[0]) : null;
}

/** round(n / d) of a numeric: half away from zero (d > 0). */
const roundHalfAway = (n: number, d: number) => (n >= 0 ? Math.floor((2 * n + d) / (2 * d)) : -Math.floor((-2 * n + d) / (2 * d)));

/** Where each checked column sits in a record of the file's header. */
export interface AssessmentLayout {
  episodeId: number;
  instrument: number;
  assessedOn: number;
  timepoint: number;
  totalScore: number;
  /** [item number, field index] of the item columns present, in item order. */
  items: readonly (readonly [number, number])[];
}

export function assessmentLayout(columns: readonly string[]): AssessmentLayout {
  const items: [number, number][] = [];
  for (let k = 1; k <= MAX_ITEMS; k++) if (columns.includes(`item_${k}`)) items.push([k, columns.indexOf(`item_${k}`)]);
  return {
    episodeId: columns.indexOf("episode_id"),
    instrument: columns.indexOf("instrument"),
    assessedOn: columns.indexOf("assessed_on"),
    timepoint: columns.indexOf("timepoint"),
    totalScore: columns.indexOf("total_score"),
    items,
  };
}

/** A record that passed every check but the episode's: its typed values. */
export interface GoodAssessment {
  episodeId: string;
  instrument: string;
  assessedOn: string;
  timepointLabel: string | null;
  totalScore: number;
  /** The answers by item (1…item count), or null when none was given. */
  items: (number | null)[] | null;
}

/** Checks one record's fields (null for an empty field): its problem as "reason:column", or its typed values. */
export function checkAssessment(fields: readonly (string | null)[], layout: AssessmentLayout): string | GoodAssessment {
  const episodeId = fields[layout.episodeId];
  const instrumentText = fields[layout.instrument];
  const assessedOn = fields[layout.assessedOn];
  if (episodeId === null) return "missing_required:episode_id";
  if (instrumentText === null) return "missing_required:instrument";
  if (assessedOn === null) return "missing_required:assessed_on";
  const instrument = upperAscii(instrumentText);
  const spec = SPECS.get(instrument);
  if (!spec) return "unknown_instrument:instrument";
  if (!isIsoDate(assessedOn)) return "bad_date:assessed_on";
  const timepoint = layout.timepoint < 0 ? null : fields[layout.timepoint];
  if (timepoint !== null && !TIMEPOINT_SET.has(timepoint)) return "bad_code:timepoint";
  const totalText = layout.totalScore < 0 ? null : fields[layout.totalScore];
  const givenTotal = totalText === null ? null : safeNumber(totalText);
  if (totalText !== null && givenTotal === null) return "bad_number:total_score";
  if (spec.wholeTotal && givenTotal !== null && givenTotal !== Math.trunc(givenTotal)) return "bad_number:total_score";
  const values: (number | null)[] = new Array(layout.items.length);
  for (let j = 0; j < layout.items.length; j++) {
    const text = fields[layout.items[j][1]];
    const value = text === null ? null : safeInt(text);
    if (text !== null && value === null) return `bad_number:item_${layout.items[j][0]}`;
    values[j] = value;
  }
  let answered = 0;
  let itemSum = 0;
  for (let j = 0; j < layout.items.length; j++) {
    const k = layout.items[j][0];
    const value = values[j];
    if (value === null) continue;
    if (k > spec.itemCount || value < spec.itemMin || value > spec.itemMax) return `item_out_of_range:item_${k}`;
    answered++;
    itemSum += spec.reversed[k] ? spec.itemMin + spec.itemMax - value : value;
  }
  const itemTotal =
    answered === 0 ? null : answered === spec.itemCount ? itemSum : answered >= spec.itemCount - spec.maxMissing ? roundHalfAway(itemSum * spec.itemCount, answered) : null;
  if (answered > 0 && itemTotal === null) return "items_incomplete:items";
  if (givenTotal === null && itemTotal === null) return "missing_required:total_score";
  if (givenTotal !== null && itemTotal !== null && givenTotal !== itemTotal) return "items_total_mismatch:total_score";
  const totalScore = (givenTotal ?? itemTotal) as number;
  if (totalScore < spec.totalMin || totalScore > spec.totalMax) return "score_out_of_range:total_score";
  let items: (number | null)[] | null = null;
  if (answered > 0) {
    items = new Array(spec.itemCount).fill(null);
    for (let j = 0; j < layout.items.length; j++) if (layout.items[j][0] <= spec.itemCount) items[layout.items[j][0] - 1] = values[j];
  }
  return { episodeId, instrument, assessedOn, timepointLabel: timepoint, totalScore, items };
}
