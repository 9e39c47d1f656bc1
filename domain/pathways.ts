// Care pathways (DESIGN.md "Care pathways"): the seven measures over a patient's episodes in
// order, each with its window in days, the levels of care it applies to and the discharge
// reasons that put an episode A in its denominator. Layer 0: the definitions, no SQL.
import { type DischargeReason, LEVELS_OF_CARE, type LevelOfCare } from "./vocabulary.ts";

/** The default window W of step-down / step-up and of the transition matrix (`--within`). */
export const DEFAULT_WITHIN_DAYS = 14;
/** The largest `--within` accepted: a year. */
export const MAX_WITHIN_DAYS = 365;

export const PATHWAY_MEASURES = ["step_down", "step_up", "continuing_care_7d", "continuing_care_30d", "readmission_30d", "readmission_90d", "readmission_180d"] as const;
export type PathwayMeasure = (typeof PATHWAY_MEASURES)[number];

/** Where B's level must lie relative to A's for A to count in the numerator. */
export type Direction = "lower" | "higher" | "same_or_higher";

export interface MeasureRule {
  measure: PathwayMeasure;
  /** Window in days; null = the `--within` W. */
  windowDays: number | null;
  direction: Direction;
  /** A's lowest level of care for the denominator (continuing care: IOP or above). */
  minLevel: LevelOfCare;
  /** A's discharge reason must be one of these (null = any, including none recorded). */
  reasons: readonly DischargeReason[] | null;
  /** A's discharge reason must not be one of these (a missing reason is not excluded). */
  excludedReasons: readonly DischargeReason[];
}

const TRANSFERS: readonly DischargeReason[] = ["transferred_up", "transferred_down"];

export const MEASURE_RULES: readonly MeasureRule[] = [
  { measure: "step_down", windowDays: null, direction: "lower", minLevel: "OP", reasons: null, excludedReasons: [] },
  { measure: "step_up", windowDays: null, direction: "higher", minLevel: "OP", reasons: null, excludedReasons: [] },
  { measure: "continuing_care_7d", windowDays: 7, direction: "lower", minLevel: "IOP", reasons: ["completed", "transferred_down"], excludedReasons: [] },
  { measure: "continuing_care_30d", windowDays: 30, direction: "lower", minLevel: "IOP", reasons: ["completed", "transferred_down"], excludedReasons: [] },
  { measure: "readmission_30d", windowDays: 30, direction: "same_or_higher", minLevel: "OP", reasons: null, excludedReasons: TRANSFERS },
  { measure: "readmission_90d", windowDays: 90, direction: "same_or_higher", minLevel: "OP", reasons: null, excludedReasons: TRANSFERS },
  { measure: "readmission_180d", windowDays: 180, direction: "same_or_higher", minLevel: "OP", reasons: null, excludedReasons: TRANSFERS },
];

/** 1 (OP) … 5 (INP): the order of intensity. */
export const levelRank = (level: LevelOfCare): number => LEVELS_OF_CARE.indexOf(level) + 1;

/** `to` of a transition: B's level, or `none` (no next episode within W). */
export const TRANSITION_TARGETS = [...LEVELS_OF_CARE, "none"] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

/** `--within` as given on the command line → days, or null when it is not a whole number 0…365. */
export function parseWithinDays(value: string): number | null {
  if (!/^\d{1,4}$/.test(value.trim())) return null;
  const days = Number(value.trim());
  return days <= MAX_WITHIN_DAYS ? days : null;
}
