// What one instrument-catalog entry holds (DESIGN.md "instrument catalog"): ranges, scoring
// rule, proration, direction, bands, cutoff, reliable-change parameters, response/remission,
// LOINC code — each constant with its published source in the entry's file.
// Item columns (`item_1`…`item_n`) always hold the answer as given on the form; the scoring
// rule (domain/scoring.ts) turns answers into points, e.g. reversing DAST-10 item 3.

export const INSTRUMENT_CODES = ["PHQ9", "GAD7", "PCL5", "ISI", "PSQI", "SWLS", "BAM", "AUDITC", "DAST10", "DAYS_USE"] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export interface Range {
  min: number;
  max: number;
}

export interface SeverityBand extends Range {
  label: string;
}

export interface Instrument {
  code: InstrumentCode;
  name: string;
  /** Item-level answers accepted (`item_1`…`item_count`), or null when only a total exists. */
  items: (Range & { count: number }) | null;
  /** Range of the total score. */
  total: Range;
  /**
   * Set only for an instrument whose total may be a fraction (with the manual that says so).
   * Absent = the total is a whole number: every instrument in the catalog today sums whole
   * item points, so `12.5` on the PHQ-9 is `bad_number` (DESIGN.md "Ingest rules"), `7.0` is 7.
   * Item answers are always whole numbers.
   */
  fractionalTotal?: { source: string };
  /** "lower" = lower scores are better (symptoms); "higher" = higher is better (SWLS). */
  better: "lower" | "higher";
  /**
   * How answers become the total: the sum of item points, where a reversed item scores
   * items.min + items.max − answer. Null when the instrument has no items (a total only).
   */
  scoring: { rule: "sum"; reversedItems: readonly number[]; source: string } | null;
  /**
   * Proration where a published scoring instruction allows it: with at most `maxMissing`
   * unanswered items, total = round(sum of points · count / answered), halves rounded up
   * (the same as PostgreSQL's round(numeric) on the non-negative sums the ingest computes).
   * Absent = no proration: any missing item means no total.
   */
  proration?: { maxMissing: number; source: string };
  /** Severity bands covering the total range, lowest first, contiguous integer ranges. */
  bands: readonly SeverityBand[];
  /** Clinical cutoff: scores at or above it (or below it, when clinicalAtOrAbove is false) are the clinical range. */
  cutoff: { value: number; clinicalAtOrAbove: boolean; source: string } | null;
  /** Jacobson–Truax parameters: reliability r_xx and the reference SD; null where no source gives them. */
  reliableChange: { reliability: number; sdRef: number; source: string } | null;
  /** Response: post ≤ share · pre with pre > 0 (comparisons from intake only); null where not defined. */
  response: { atMostShareOfIntake: number; source: string } | null;
  /** Remission: post < remissionBelow (comparisons from intake only); null where not defined. */
  remissionBelow: number | null;
  /** LOINC code of the total score, or null where none was found. */
  loinc: string | null;
  /**
   * LOINC codes of the panel (the Observation or Questionnaire that holds the form) and of each
   * item in item order, where LOINC has them: a FHIR export's items are read by these codes.
   */
  loincForm?: { panel: string; items: readonly string[]; source: string };
  source: string;
}

/** DESIGN.md "Statistics": response = post ≤ 0.5 · pre with pre > 0, the ≥ 50 % reduction of NQF 1884/1885. */
export const HALF_OF_INTAKE = { atMostShareOfIntake: 0.5, source: "≥ 50 % reduction, NQF 1884/1885 logic (secondary); DESIGN.md" } as const;
