// Instrument catalog — SKELETON (issue 3): the ranges the schema, the generator and ingest
// need now. Issue 5 completes every entry (bands, cutoffs, reliability, LOINC, sources)
// keeping these field names.

export const INSTRUMENT_CODES = [
  "PHQ9",
  "GAD7",
  "PCL5",
  "ISI",
  "PSQI",
  "SWLS",
  "BAM",
  "AUDITC",
  "DAST10",
  "DAYS_USE",
] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export interface Range {
  min: number;
  max: number;
}

export interface Instrument {
  code: InstrumentCode;
  name: string;
  /** Item-level responses accepted (`item_1`…`item_count`), or null when only a total exists. */
  items: (Range & { count: number }) | null;
  /** Range of the total score. */
  total: Range;
  /** "lower" = lower scores are better (symptoms); "higher" = higher is better (SWLS). */
  better: "lower" | "higher";
  /**
   * Proration of missing items where the manual allows it: a total from at least
   * count − maxMissing answered items, scaled to the full count and rounded. Absent = none.
   */
  proration?: { maxMissing: number; source: string };
}

export const INSTRUMENTS: Record<InstrumentCode, Instrument> = {
  PHQ9: { code: "PHQ9", name: "Patient Health Questionnaire-9", items: { count: 9, min: 0, max: 3 }, total: { min: 0, max: 27 }, better: "lower" },
  GAD7: { code: "GAD7", name: "Generalized Anxiety Disorder-7", items: { count: 7, min: 0, max: 3 }, total: { min: 0, max: 21 }, better: "lower" },
  PCL5: { code: "PCL5", name: "PTSD Checklist for DSM-5", items: { count: 20, min: 0, max: 4 }, total: { min: 0, max: 80 }, better: "lower" },
  ISI: { code: "ISI", name: "Insomnia Severity Index", items: { count: 7, min: 0, max: 4 }, total: { min: 0, max: 28 }, better: "lower" },
  PSQI: { code: "PSQI", name: "Pittsburgh Sleep Quality Index (global)", items: { count: 7, min: 0, max: 3 }, total: { min: 0, max: 21 }, better: "lower" },
  SWLS: { code: "SWLS", name: "Satisfaction With Life Scale", items: { count: 5, min: 1, max: 7 }, total: { min: 5, max: 35 }, better: "higher" },
  BAM: { code: "BAM", name: "Brief Addiction Monitor (use items 4–6)", items: { count: 3, min: 0, max: 4 }, total: { min: 0, max: 12 }, better: "lower" },
  AUDITC: { code: "AUDITC", name: "AUDIT-C", items: { count: 3, min: 0, max: 4 }, total: { min: 0, max: 12 }, better: "lower" },
  DAST10: { code: "DAST10", name: "Drug Abuse Screening Test-10", items: { count: 10, min: 0, max: 1 }, total: { min: 0, max: 10 }, better: "lower" },
  DAYS_USE: { code: "DAYS_USE", name: "Days of any substance use, past 30", items: null, total: { min: 0, max: 30 }, better: "lower" },
};

export const isInstrumentCode = (s: string): s is InstrumentCode =>
  (INSTRUMENT_CODES as readonly string[]).includes(s);
