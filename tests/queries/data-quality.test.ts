// `check` findings on hand-made rows whose problems are known, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataQualityFindings } from "../../queries/marts/data-quality.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { seedRows } from "../support/seed.ts";

for (const kind of ENGINES_WITH_CITUS) {
  describe(`data-quality findings on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await seedRows(
        engine.db,
        [
          // 4 weeks, 40 h → 10 h/week: a proper IOP.
          { episode_id: "E1", admitted_on: "2026-01-01", discharged_on: "2026-01-28", discharge_reason: "completed", hours_attended: 40 },
          // 4 weeks, 20 h → 5 h/week billed as IOP.
          { episode_id: "E2", admitted_on: "2026-01-01", discharged_on: "2026-01-28", discharge_reason: "completed", hours_attended: 20 },
          // PHP at 4 weeks, 60 h → 15 h/week: below the PHP floor; no assessments at all.
          { episode_id: "E3", level_of_care: "PHP", admitted_on: "2026-01-01", discharged_on: "2026-01-28", discharge_reason: "completed", hours_attended: 60, sessions_scheduled: 10, sessions_attended: 12 },
          { episode_id: "E4", admitted_on: "2024-06-01" }, // open for > 1 year at the cut
        ],
        [
          { episode_id: "E1", assessed_on: "2026-01-01", timepoint_label: "intake" },
          { episode_id: "E1", assessed_on: "2026-01-28", timepoint_label: "intake" }, // label says intake, date says discharge
          { episode_id: "E1", assessed_on: "2026-04-15" }, // outside every window
          { episode_id: "E2", assessed_on: "2026-01-02" },
          { episode_id: "E4", assessed_on: "2024-06-01" },
        ],
      );
    });
    afterAll(() => engine.close());

    it("counts each finding and names example keys", async () => {
      const findings = await dataQualityFindings(engine.db, { dataCut: "2026-04-15" });
      const byCode = Object.fromEntries(findings.map((f) => [f.code, { count: f.count, examples: f.examples }]));
      expect(byCode).toEqual({
        assessment_outside_windows: { count: 1, examples: ["E1|PHQ9|2026-04-15"] },
        timepoint_label_mismatch: { count: 1, examples: ["E1|PHQ9|2026-01-28"] },
        missing_intake: { count: 1, examples: ["E3"] },
        missing_discharge_score: { count: 2, examples: ["E2", "E3"] },
        hours_inconsistent_with_level: { count: 2, examples: ["E2", "E3"] },
        sessions_attended_exceed_scheduled: { count: 1, examples: ["E3"] },
        open_episode_over_a_year: { count: 1, examples: ["E4"] },
        overlapping_stays: { count: 0, examples: [] },
        // Four patients of one episode each: no transition can be seen.
        no_linked_episodes: { count: 4, examples: ["E1", "E2", "E3", "E4"] },
        episode_without_patient_key: { count: 0, examples: [] },
        quarantined_rows: { count: 0, examples: [] },
      });
    });
  });
}
