// Scoring one administration from its item answers by the catalog's rule (sum, reversed
// items, proration where allowed), and reading a total against the catalog: severity band,
// clinical range. The ingest's SQL scoring (pipelines/validate-assessments.ts) follows the
// same rule set-wise; these functions are the reference it is tested against.
import { INSTRUMENTS, type InstrumentCode, type SeverityBand } from "./instruments.ts";

export type ScoreError = "missing_items" | "item_out_of_range" | "wrong_item_count";
export type ScoreResult = { total: number; prorated: boolean } | { error: ScoreError };

/**
 * The total of one administration. `items` are the answers in item order (null = not
 * answered). Checks, in order: the item count, each answer an integer inside the item range,
 * then missing answers — prorated where the catalog allows it, else no total.
 */
export function scoreItems(code: InstrumentCode, items: readonly (number | null)[]): ScoreResult {
  const { items: spec, scoring, proration } = INSTRUMENTS[code];
  if (!spec || !scoring || items.length !== spec.count) return { error: "wrong_item_count" };
  let sum = 0;
  let answered = 0;
  for (const [index, answer] of items.entries()) {
    if (answer === null) continue;
    if (!Number.isInteger(answer) || answer < spec.min || answer > spec.max) return { error: "item_out_of_range" };
    sum += scoring.reversedItems.includes(index + 1) ? spec.min + spec.max - answer : answer;
    answered++;
  }
  const missing = spec.count - answered;
  if (missing === 0) return { total: sum, prorated: false };
  if (!proration || missing > proration.maxMissing || answered === 0) return { error: "missing_items" };
  // Round half up: "round to the nearest whole number" (APA's PHQ-9 instruction) leaves ties
  // open; half up equals PostgreSQL round(numeric) on these non-negative values.
  return { total: Math.floor((sum * spec.count) / answered + 0.5), prorated: true };
}

/**
 * The severity band a total falls in. Bands are integer ranges; a fractional total (a given
 * total may be decimal) belongs to the band whose range starts at or below it and before the
 * next band's start. Null outside the total range.
 */
export function severityBand(code: InstrumentCode, total: number): SeverityBand | null {
  const { bands, total: range } = INSTRUMENTS[code];
  if (!Number.isFinite(total) || total < range.min || total > range.max) return null;
  return [...bands].reverse().find((b) => b.min <= total) ?? null;
}

/** Whether a total is in the clinical range (null when the instrument has no cutoff or the total is out of range). */
export function isClinical(code: InstrumentCode, total: number): boolean | null {
  const { cutoff, total: range } = INSTRUMENTS[code];
  if (!cutoff || !Number.isFinite(total) || total < range.min || total > range.max) return null;
  return cutoff.clinicalAtOrAbove ? total >= cutoff.value : total < cutoff.value;
}

/**
 * BAM items 4–6 ask for days in the past 30; the BAM-R scoring codes them 0–4 for 0, 1–3,
 * 4–8, 9–15 and 16–30 days (DePhilippis et al. 2014 manual; secondary). For profiles whose
 * exports carry the day counts. Null for a count outside 0–30 or not an integer.
 */
export function bamUseItemFromDays(days: number): number | null {
  if (!Number.isInteger(days) || days < 0 || days > 30) return null;
  const upperBounds = [0, 3, 8, 15, 30];
  return upperBounds.findIndex((upper) => days <= upper);
}
