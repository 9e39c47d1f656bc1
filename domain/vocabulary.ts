// The controlled vocabulary of the domain model (DESIGN.md "Domain model"): every enum the
// CSV inputs, the database CHECK constraints and the reports share. Layer 0: imports nothing.

/** Levels of care, ordered by intensity (ASAM 1, 2.1, 2.5, 3.x, 4). */
export const LEVELS_OF_CARE = ["OP", "IOP", "PHP", "RES", "INP"] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

/**
 * Hours per week that define each ambulatory level (DESIGN.md; Medicare's 2024 IOP benefit
 * needs ≥ 9 h/week). Residential and inpatient care are 24-hour settings: no band.
 */
export const HOURS_PER_WEEK: Record<LevelOfCare, { min: number; max: number } | null> = {
  OP: { min: 0, max: 9 },
  IOP: { min: 9, max: 20 },
  PHP: { min: 20, max: Infinity },
  RES: null,
  INP: null,
};

export const TRACKS = ["MH", "SUD", "COD"] as const;
export type Track = (typeof TRACKS)[number];

export const MODALITIES = ["in_person", "virtual", "hybrid"] as const;
export type Modality = (typeof MODALITIES)[number];

export const DISCHARGE_REASONS = [
  "completed",
  "left_early",
  "transferred_up",
  "transferred_down",
  "administrative",
  "other",
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export const TIMEPOINTS = ["intake", "discharge", "followup_6m"] as const;
export type Timepoint = (typeof TIMEPOINTS)[number];

export const WOULD_RECOMMEND = ["yes", "no"] as const;
export type WouldRecommend = (typeof WOULD_RECOMMEND)[number];

/** Age bands as exported by sites (DESIGN.md: "age_band like 18-25"); never exact ages. */
export const AGE_BANDS = ["12-17", "18-25", "26-34", "35-44", "45-54", "55-64", "65+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Input kinds an ingest handles (DESIGN.md "Input formats"). */
export const INPUT_KINDS = ["episodes", "assessments", "redcap"] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** What the ledger records a file as: a CSV input kind, or a FHIR resource file (migration 0008). */
export const LEDGER_KINDS = [...INPUT_KINDS, "fhir"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Why a FHIR resource was read and not loaded (DESIGN.md "FHIR mapping"); never quarantined. */
export const FHIR_SKIP_REASONS = ["other_code", "status", "outside_episodes", "resource_type"] as const;
export type FhirSkipReason = (typeof FHIR_SKIP_REASONS)[number];

/**
 * Reason codes for a quarantined row (DESIGN.md "Ingest rules"). One code per bad
 * row; the quarantine table's CHECK holds exactly this list.
 */
export const ROW_REASON_CODES = [
  "missing_required",
  "bad_date",
  "bad_number",
  "bad_code",
  "unknown_instrument",
  "score_out_of_range",
  "item_out_of_range",
  "items_total_mismatch",
  "items_incomplete",
  "unknown_episode",
  "unknown_level_of_care",
  "date_order",
  "duplicate_in_file",
  "field_too_long",
  "wrong_column_count",
  "unparseable_resource",
] as const;
export type RowReasonCode = (typeof ROW_REASON_CODES)[number];

/** Status of one file in the ingest ledger. */
export const LEDGER_STATUSES = ["running", "loaded", "failed", "refused"] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
