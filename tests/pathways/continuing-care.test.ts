// mart_continuing_care_outcomes on hand-made episodes, both engines: who is compared (IOP or
// above, completed, scores at intake and six months) and who counts as exposed (a lower level
// within 30 days of discharge — not later, and not a same-level readmission).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { continuingCareOutcomes } from "../../queries/marts/continuing-care-outcomes.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { type AssessmentSeed, type EpisodeSeed, seedRows } from "../support/seed.ts";

const CUT = "2026-06-30";
const episodes: EpisodeSeed[] = [
  // K1 → OP 10 days after: exposed.
  { episode_id: "K1", patient_id: "Q1", level_of_care: "IOP", admitted_on: "2025-05-01", discharged_on: "2025-06-30", discharge_reason: "completed", track: "MH" },
  { episode_id: "K1b", patient_id: "Q1", level_of_care: "OP", admitted_on: "2025-07-10", discharged_on: "2025-09-10", discharge_reason: "completed", track: "MH" },
  // K2 → OP 46 days after: too late, not exposed.
  { episode_id: "K2", patient_id: "Q2", level_of_care: "PHP", admitted_on: "2025-05-01", discharged_on: "2025-06-30", discharge_reason: "completed", track: "SUD" },
  { episode_id: "K2b", patient_id: "Q2", level_of_care: "OP", admitted_on: "2025-08-15", discharged_on: "2025-10-10", discharge_reason: "completed", track: "SUD" },
  // K3 readmitted to RES 5 days after: not continuing care.
  { episode_id: "K3", patient_id: "Q3", level_of_care: "RES", admitted_on: "2025-05-01", discharged_on: "2025-06-30", discharge_reason: "completed", track: "COD" },
  { episode_id: "K3b", patient_id: "Q3", level_of_care: "RES", admitted_on: "2025-07-05", discharged_on: "2025-08-05", discharge_reason: "completed", track: "COD" },
  // K4 left early, K5 at OP: not in the comparison.
  { episode_id: "K4", patient_id: "Q4", level_of_care: "IOP", admitted_on: "2025-05-01", discharged_on: "2025-06-30", discharge_reason: "left_early" },
  { episode_id: "K5", patient_id: "Q5", level_of_care: "OP", admitted_on: "2025-05-01", discharged_on: "2025-06-30", discharge_reason: "completed" },
  // K6 discharged 2026-06-10: its 30 days have not closed (nor its six months).
  { episode_id: "K6", patient_id: "Q6", level_of_care: "IOP", admitted_on: "2026-05-01", discharged_on: "2026-06-10", discharge_reason: "completed" },
  { episode_id: "K7", patient_id: "Q7", level_of_care: "OP", admitted_on: CUT },
];
const scores = (id: string, admitted: string, discharged: string, pre: number, post: number): AssessmentSeed[] => {
  const followup = new Date(Date.parse(`${discharged}T00:00:00Z`) + 182 * 86_400_000).toISOString().slice(0, 10);
  return [
    { episode_id: id, assessed_on: admitted, total_score: pre },
    { episode_id: id, assessed_on: followup, total_score: post },
  ];
};
const assessments = [
  ...scores("K1", "2025-05-01", "2025-06-30", 18, 8),
  ...scores("K2", "2025-05-01", "2025-06-30", 16, 10),
  ...scores("K3", "2025-05-01", "2025-06-30", 20, 15),
  ...scores("K4", "2025-05-01", "2025-06-30", 14, 12),
  ...scores("K5", "2025-05-01", "2025-06-30", 12, 6),
  { episode_id: "K6", assessed_on: "2026-05-01", total_score: 19 },
];

for (const kind of ENGINES_WITH_CITUS) {
  describe(`continuing-care outcomes on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await seedRows(engine.db, episodes, assessments);
    });
    afterAll(() => engine.close());

    it("compares completed stays at IOP or above, exposed only to a lower level within 30 days", async () => {
      expect(await continuingCareOutcomes(engine.db, { dataCut: CUT, instrument: "PHQ9" })).toEqual([
        { episode_id: "K1", level_of_care: "IOP", track: "MH", pre_score: 18, post_score: 8, continuing_care: true },
        { episode_id: "K2", level_of_care: "PHP", track: "SUD", pre_score: 16, post_score: 10, continuing_care: false },
        { episode_id: "K3", level_of_care: "RES", track: "COD", pre_score: 20, post_score: 15, continuing_care: false },
      ]);
    });
  });
}
