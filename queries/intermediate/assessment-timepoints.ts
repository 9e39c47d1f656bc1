// int_assessment_timepoints — grain: one row per assessment that falls inside at least one
// timepoint window, with the timepoint its date assigns it to. The SQL is the derivation of
// db/timepoint-derivation.ts (one source of truth with the derived table the ingest keeps).
export { type AssessmentTimepointRow, assessmentTimepoints } from "../../db/timepoint-derivation.ts";
