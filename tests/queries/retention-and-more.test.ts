// Retention counts (events vs censoring), longitudinal scores for the mixed model, and
// satisfaction counts — each against rows whose answer is known, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarterlyVolumeCounts, quarterlyVolumes, volumesFromCounts } from "../../queries/marts/quarterly-volumes.ts";
import { longitudinalPatterns } from "../../queries/marts/longitudinal-patterns.ts";
import { longitudinalScores } from "../../queries/marts/longitudinal-scores.ts";
import { scorePatterns } from "../../stats/mixed-model.ts";
import { retentionCounts } from "../../queries/marts/retention-counts.ts";
import { satisfactionCounts } from "../../queries/marts/satisfaction-counts.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { seedRows } from "../support/seed.ts";

for (const kind of ENGINES_WITH_CITUS) {
  describe(`retention, longitudinal and satisfaction marts on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await seedRows(
        engine.db,
        [
          { episode_id: "R1", admitted_on: "2026-01-01", discharged_on: "2026-01-11", discharge_reason: "left_early", would_recommend: "no" },
          { episode_id: "R2", admitted_on: "2026-01-01", discharged_on: "2026-01-11", discharge_reason: "completed", would_recommend: "yes" },
          { episode_id: "R3", admitted_on: "2026-01-01", discharged_on: "2026-01-31", discharge_reason: "left_early" },
          { episode_id: "R4", admitted_on: "2026-01-01", discharged_on: "2026-02-15", discharge_reason: "transferred_up", would_recommend: "yes" },
          { episode_id: "R5", level_of_care: "PHP", admitted_on: "2026-03-01" }, // open at the cut → censored
        ],
        [
          { episode_id: "R2", assessed_on: "2026-01-01", total_score: 15 },
          { episode_id: "R2", assessed_on: "2026-01-11", total_score: 9 },
          { episode_id: "R2", assessed_on: "2026-07-12", total_score: 7 },
          { episode_id: "R4", assessed_on: "2026-01-02", total_score: 20 },
          { episode_id: "R4", instrument: "GAD7", assessed_on: "2026-01-02", total_score: 11 },
        ],
      );
    });
    afterAll(() => engine.close());

    it("counts dropouts as events and other endings as censored, per day", async () => {
      const rows = await retentionCounts(engine.db, { dataCut: "2026-03-21", by: ["level_of_care"] });
      expect(rows).toEqual([
        { group: { level_of_care: "IOP" }, day: 10, events: 1, censored: 1 },
        { group: { level_of_care: "IOP" }, day: 30, events: 1, censored: 0 },
        { group: { level_of_care: "IOP" }, day: 45, events: 0, censored: 1 },
        { group: { level_of_care: "PHP" }, day: 20, events: 0, censored: 1 },
      ]);
    });

    it("lists every available score of one instrument for episodes whose windows have closed", async () => {
      const rows = await longitudinalScores(engine.db, { instrument: "PHQ9", dataCut: "2026-12-31", by: "level_of_care" });
      expect(rows).toEqual([
        { episode_id: "R2", timepoint: "intake", group: "IOP", score: 15 },
        { episode_id: "R2", timepoint: "discharge", group: "IOP", score: 9 },
        { episode_id: "R2", timepoint: "followup_6m", group: "IOP", score: 7 },
        { episode_id: "R4", timepoint: "intake", group: "IOP", score: 20 },
      ]);
      expect(await longitudinalScores(engine.db, { instrument: "PHQ9", dataCut: "2026-06-30", by: "level_of_care" })).toEqual([]);
    });

    it("sums the same scores into patterns of measured timepoints: the mixed model's sufficient statistics", async () => {
      const patterns = await longitudinalPatterns(engine.db, { instrument: "PHQ9", dataCut: "2026-12-31", by: "level_of_care" });
      expect(patterns).toEqual([
        { group: "IOP", timepoints: ["discharge", "followup_6m", "intake"], episodes: 1, sums: { discharge: 9, followup_6m: 7, intake: 15 }, sumSquares: 81 + 49 + 225, squaredTotals: 31 * 31 },
        { group: "IOP", timepoints: ["intake"], episodes: 1, sums: { intake: 20 }, sumSquares: 400, squaredTotals: 400 },
      ]);
      const rows = await longitudinalScores(engine.db, { instrument: "PHQ9", dataCut: "2026-12-31", by: "level_of_care" });
      expect(scorePatterns(rows.map((r) => ({ episode: r.episode_id, timepoint: r.timepoint, group: r.group!, score: r.score })))).toEqual(patterns);
    });

    it("counts the quarter's volumes: admissions by admission quarter, the rest by discharge quarter", async () => {
      expect(await quarterlyVolumes(engine.db, { dataCut: "2026-03-21" })).toEqual([
        // R1..R4 discharged in 2026Q1; R2 completed; LOS 10, 10, 30, 45 → median 20; only R2 has
        // intake and discharge scores (R4 intake only); R1 no, R2 and R4 yes.
        { quarter: "2026Q1", admissions: 5, discharges: 4, completed: 1, median_los_days: 20, measured: 1, recommend_answered: 3, recommend_yes: 2 },
      ]);
      expect(await quarterlyVolumes(engine.db, { dataCut: "2026-03-21", where: { level_of_care: "PHP" } })).toEqual([
        { quarter: "2026Q1", admissions: 1, discharges: 0, completed: 0, median_los_days: null, measured: 0, recommend_answered: 0, recommend_yes: 0 },
      ]);
    });

    it("reads every group's volumes from one pass of counts: a group's are its filtered volumes, all groups' the unfiltered ones", async () => {
      // The report reads its sites so; the median comes from the summed histogram.
      const counts = await quarterlyVolumeCounts(engine.db, { dataCut: "2026-03-21", by: ["level_of_care"] });
      expect(volumesFromCounts(counts)).toEqual(await quarterlyVolumes(engine.db, { dataCut: "2026-03-21" }));
      for (const level of ["IOP", "PHP"]) {
        expect(volumesFromCounts(counts, (g) => g.level_of_care === level)).toEqual(await quarterlyVolumes(engine.db, { dataCut: "2026-03-21", where: { level_of_care: level } }));
      }
    });

    it("counts would-recommend answers among discharged episodes", async () => {
      expect(await satisfactionCounts(engine.db, { by: [] })).toEqual([{ group: {}, discharged: 4, answered: 3, yes: 2 }]);
    });
  });
}
