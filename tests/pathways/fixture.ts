// Hand-made multi-episode patients whose pathways are worked out by hand (tests/pathways/
// pathways-marts.test.ts holds the answers): one row of DESIGN.md's "Care pathways" table per
// patient at least, with overlaps, transfers, windows not yet closed, ties in admission date,
// a missing discharge reason and last episodes with no next one. Data cut 2026-06-30 (B4).
import type { EpisodeSeed } from "../support/seed.ts";

export const PATHWAY_CUT = "2026-06-30";

export const PATHWAY_EPISODES: EpisodeSeed[] = [
  // P1 step-down RES → IOP (gap 3), then IOP → OP after 26 days (continuing care at 30 d, not
  // 7 d nor W = 14), and OP is the last episode.
  { episode_id: "A1", patient_id: "P1", level_of_care: "RES", admitted_on: "2026-01-01", discharged_on: "2026-01-31", discharge_reason: "completed", track: "SUD" },
  { episode_id: "B1", patient_id: "P1", level_of_care: "IOP", admitted_on: "2026-02-03", discharged_on: "2026-03-15", discharge_reason: "completed", track: "SUD" },
  { episode_id: "C1", patient_id: "P1", level_of_care: "OP", admitted_on: "2026-04-10", discharged_on: "2026-05-20", discharge_reason: "completed", track: "SUD" },
  // P2 transferred up IOP → PHP the same day (a step-up, not a readmission), then readmitted
  // to PHP 20 days after completing it (still open).
  { episode_id: "A2", patient_id: "P2", level_of_care: "IOP", admitted_on: "2026-01-05", discharged_on: "2026-02-01", discharge_reason: "transferred_up" },
  { episode_id: "B2", patient_id: "P2", level_of_care: "PHP", admitted_on: "2026-02-01", discharged_on: "2026-03-01", discharge_reason: "completed" },
  { episode_id: "C2", patient_id: "P2", level_of_care: "PHP", admitted_on: "2026-03-21" },
  // P3 overlapping stays: IOP admitted 5 days before PHP's transfer-down discharge (gap −5 → 0).
  { episode_id: "A3", patient_id: "P3", level_of_care: "PHP", admitted_on: "2026-02-01", discharged_on: "2026-03-10", discharge_reason: "transferred_down" },
  { episode_id: "B3", patient_id: "P3", level_of_care: "IOP", admitted_on: "2026-03-05", discharged_on: "2026-04-15", discharge_reason: "left_early" },
  // P4 windows not yet closed: INP discharged 10 days before the cut (only the 7-day window has
  // closed), RES discharged on the cut (none has).
  { episode_id: "A4", patient_id: "P4", level_of_care: "INP", admitted_on: "2026-06-01", discharged_on: "2026-06-20", discharge_reason: "completed" },
  { episode_id: "B4", patient_id: "P4", level_of_care: "RES", admitted_on: "2026-06-25", discharged_on: "2026-06-30", discharge_reason: "completed" },
  // P5 readmission OP → IOP after 71 days: within 90, not within 30.
  { episode_id: "A5", patient_id: "P5", level_of_care: "OP", admitted_on: "2026-01-02", discharged_on: "2026-01-20", discharge_reason: "administrative" },
  { episode_id: "B5", patient_id: "P5", level_of_care: "IOP", admitted_on: "2026-04-01", discharged_on: "2026-05-01", discharge_reason: "other" },
  // P6 two admissions the same day, ordered by episode_id: OP (no discharge reason recorded)
  // then RES, which overlaps it (gap −2 → 0): a step-up and a readmission.
  { episode_id: "E6a", patient_id: "P6", level_of_care: "OP", admitted_on: "2026-01-10", discharged_on: "2026-01-12", discharge_reason: null },
  { episode_id: "E6b", patient_id: "P6", level_of_care: "RES", admitted_on: "2026-01-10", discharged_on: "2026-02-10", discharge_reason: "completed" },
  // P7 readmitted to IOP 151 days after completing IOP: within 180 only.
  { episode_id: "A7", patient_id: "P7", level_of_care: "IOP", admitted_on: "2025-10-01", discharged_on: "2025-11-01", discharge_reason: "completed" },
  { episode_id: "B7", patient_id: "P7", level_of_care: "IOP", admitted_on: "2026-04-01", discharged_on: "2026-05-15", discharge_reason: "completed" },
  // P8 two open episodes: the second admitted while the first is open (an overlap), no pathway.
  { episode_id: "O8", patient_id: "P8", level_of_care: "OP", admitted_on: "2026-06-01" },
  { episode_id: "O8b", patient_id: "P8", level_of_care: "IOP", admitted_on: "2026-06-10" },
];

type Counts = [numerator: number, denominator: number];
type Row = Record<"step_down" | "step_up" | "continuing_care_7d" | "continuing_care_30d" | "readmission_30d" | "readmission_90d" | "readmission_180d", Counts>;

/** Per level of A and `all`, [numerator, denominator] of each measure at W = 14 (worked by hand). */
export const EXPECTED_MEASURES: Record<"OP" | "IOP" | "PHP" | "RES" | "INP" | "all", Row> = {
  // C1, A5, E6a
  OP: { step_down: [0, 3], step_up: [1, 3], continuing_care_7d: [0, 0], continuing_care_30d: [0, 0], readmission_30d: [1, 3], readmission_90d: [2, 2], readmission_180d: [0, 0] },
  // B1, A2, B3, B5, A7, B7
  IOP: { step_down: [0, 6], step_up: [1, 6], continuing_care_7d: [0, 3], continuing_care_30d: [1, 3], readmission_30d: [0, 5], readmission_90d: [0, 2], readmission_180d: [1, 1] },
  // B2, A3
  PHP: { step_down: [1, 2], step_up: [0, 2], continuing_care_7d: [1, 2], continuing_care_30d: [1, 2], readmission_30d: [1, 1], readmission_90d: [1, 1], readmission_180d: [0, 0] },
  // A1, E6b, B4
  RES: { step_down: [1, 2], step_up: [0, 2], continuing_care_7d: [1, 2], continuing_care_30d: [1, 2], readmission_30d: [0, 2], readmission_90d: [0, 2], readmission_180d: [0, 0] },
  // A4
  INP: { step_down: [0, 0], step_up: [0, 0], continuing_care_7d: [1, 1], continuing_care_30d: [0, 0], readmission_30d: [0, 0], readmission_90d: [0, 0], readmission_180d: [0, 0] },
  all: { step_down: [2, 13], step_up: [2, 13], continuing_care_7d: [3, 8], continuing_care_30d: [3, 7], readmission_30d: [2, 11], readmission_90d: [3, 7], readmission_180d: [1, 1] },
};

/** The transition matrix at W = 14: every A whose 14 days have closed (A4, B4 have not). */
export const EXPECTED_TRANSITIONS = [
  { from: "OP", to: "RES", n: 1 }, // E6a
  { from: "OP", to: "none", n: 2 }, // C1, A5
  { from: "IOP", to: "PHP", n: 1 }, // A2
  { from: "IOP", to: "none", n: 5 }, // B1 (gap 26), B3, B5, A7, B7
  { from: "PHP", to: "IOP", n: 1 }, // A3 (overlap)
  { from: "PHP", to: "none", n: 1 }, // B2 (gap 20)
  { from: "RES", to: "IOP", n: 1 }, // A1
  { from: "RES", to: "none", n: 1 }, // E6b
];
