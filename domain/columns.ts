// The canonical CSV layouts (DESIGN.md "Input formats" 1 and 2): the header names the
// fixtures generator writes, ingest accepts without a profile, and the research export reuses.

/** Canonical episodes CSV: one row per episode (one stay at one level of care). */
export const EPISODE_COLUMNS = [
  "episode_id",
  "patient_id",
  "site_id",
  "level_of_care",
  "asam_level",
  "track",
  "modality",
  "admitted_on",
  "discharged_on",
  "discharge_reason",
  "sessions_scheduled",
  "sessions_attended",
  "hours_attended",
  "age_band",
  "gender",
  "race_ethnicity",
  "payer",
  "would_recommend",
] as const;
export type EpisodeColumn = (typeof EPISODE_COLUMNS)[number];

/** Required episode fields; the rest may be empty. */
export const EPISODE_REQUIRED: readonly EpisodeColumn[] = [
  "episode_id",
  "patient_id",
  "site_id",
  "level_of_care",
  "admitted_on",
];

/**
 * Canonical long assessments CSV: one row per administration. Item columns `item_1`…
 * `item_n` follow the fixed columns; a file carries as many as its widest instrument needs.
 */
export const ASSESSMENT_FIXED_COLUMNS = [
  "episode_id",
  "instrument",
  "assessed_on",
  "timepoint",
  "total_score",
] as const;
export type AssessmentFixedColumn = (typeof ASSESSMENT_FIXED_COLUMNS)[number];

export const itemColumn = (i: number): string => `item_${i}`;
export const itemColumns = (n: number): string[] =>
  Array.from({ length: n }, (_, k) => itemColumn(k + 1));
