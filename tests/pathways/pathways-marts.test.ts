// The pathway marts on hand-made patients whose answers are worked out by hand
// (tests/pathways/fixture.ts): every numerator and denominator, the transition matrix and
// the per-episode rows, exact on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataCut } from "../../queries/data-cut.ts";
import { episodePathways } from "../../queries/intermediate/episode-pathways.ts";
import { dataQualityFindings } from "../../queries/marts/data-quality.ts";
import { pathwayMeasures } from "../../queries/marts/pathway-measures.ts";
import { pathwayTransitions } from "../../queries/marts/pathway-transitions.ts";
import { readmissionTimeCounts } from "../../queries/marts/readmission-time-counts.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { seedRows } from "../support/seed.ts";
import { EXPECTED_MEASURES, EXPECTED_TRANSITIONS, PATHWAY_CUT, PATHWAY_EPISODES } from "./fixture.ts";

for (const kind of ENGINES_WITH_CITUS) {
  describe(`pathway marts on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await seedRows(engine.db, PATHWAY_EPISODES);
    });
    afterAll(() => engine.close());

    it("takes the data cut from the data", async () => {
      expect(await dataCut(engine.db)).toBe(PATHWAY_CUT);
    });

    it("gives each discharged episode its next episode, gap and days observed", async () => {
      const rows = await engine.db
        .selectFrom(episodePathways(engine.db, { dataCut: PATHWAY_CUT }).as("p"))
        .select(["p.episode_id", "p.next_episode_id", "p.raw_gap", "p.gap", "p.days_observed", "p.level_rank", "p.next_level_rank"])
        .orderBy("p.episode_id")
        .execute();
      expect(rows.map((r) => r.episode_id)).toEqual(["A1", "A2", "A3", "A4", "A5", "A7", "B1", "B2", "B3", "B4", "B5", "B7", "C1", "E6a", "E6b"]);
      const byId = Object.fromEntries(rows.map((r) => [r.episode_id, r]));
      expect(byId.A1).toEqual({ episode_id: "A1", next_episode_id: "B1", raw_gap: 3, gap: 3, days_observed: 150, level_rank: 4, next_level_rank: 2 });
      expect(byId.A3).toMatchObject({ next_episode_id: "B3", raw_gap: -5, gap: 0 });
      expect(byId.E6a).toMatchObject({ next_episode_id: "E6b", raw_gap: -2, gap: 0, level_rank: 1, next_level_rank: 4 });
      expect(byId.B2).toMatchObject({ next_episode_id: "C2", raw_gap: 20, gap: 20 });
      expect(byId.C1).toEqual({ episode_id: "C1", next_episode_id: null, raw_gap: null, gap: null, days_observed: 41, level_rank: 1, next_level_rank: null });
      expect(byId.B4).toMatchObject({ days_observed: 0, next_episode_id: null });
    });

    it("counts every measure's numerator and denominator per level and for all (W = 14)", async () => {
      const rows = await pathwayMeasures(engine.db, { dataCut: PATHWAY_CUT, withinDays: 14, by: [] });
      const got: Record<string, Record<string, [number, number]>> = {};
      for (const r of rows) (got[r.level_of_care] ??= {})[r.measure] = [r.numerator, r.denominator];
      expect(got).toEqual(EXPECTED_MEASURES);
      // Levels in order of intensity, `all` last; measures in DESIGN.md's order.
      expect([...new Set(rows.map((r) => r.level_of_care))]).toEqual(["OP", "IOP", "PHP", "RES", "INP", "all"]);
      expect(rows.slice(0, 7).map((r) => r.measure)).toEqual(["step_down", "step_up", "continuing_care_7d", "continuing_care_30d", "readmission_30d", "readmission_90d", "readmission_180d"]);
    });

    it("moves the step window with --within", async () => {
      const rows = await pathwayMeasures(engine.db, { dataCut: PATHWAY_CUT, withinDays: 30, by: [] });
      const stepDown = Object.fromEntries(rows.filter((r) => r.measure === "step_down").map((r) => [r.level_of_care, [r.numerator, r.denominator]]));
      // B1 → C1 after 26 days is a step-down within 30; A4 (10 days observed) still not counted.
      expect(stepDown).toEqual({ OP: [0, 3], IOP: [1, 6], PHP: [1, 2], RES: [1, 2], INP: [0, 0], all: [3, 13] });
      const readmission = rows.find((r) => r.level_of_care === "all" && r.measure === "readmission_30d")!;
      expect([readmission.numerator, readmission.denominator]).toEqual(EXPECTED_MEASURES.all.readmission_30d);
    });

    it("groups by a key and filters the cohort of A", async () => {
      const rows = await pathwayMeasures(engine.db, { dataCut: PATHWAY_CUT, withinDays: 14, by: ["track"] });
      const sud = rows.filter((r) => r.group.track === "SUD" && r.measure === "step_down").map((r) => [r.level_of_care, r.numerator, r.denominator]);
      expect(sud).toEqual([["OP", 0, 1], ["IOP", 0, 1], ["RES", 1, 1], ["all", 1, 3]]);
      const mh = rows.find((r) => r.group.track === "MH" && r.level_of_care === "all" && r.measure === "step_down")!;
      expect([mh.numerator, mh.denominator]).toEqual([1, 10]);
      const filtered = await pathwayMeasures(engine.db, { dataCut: PATHWAY_CUT, withinDays: 14, by: [], filter: { where: { track: "SUD" } } });
      expect(filtered.filter((r) => r.measure === "step_down").map((r) => [r.level_of_care, r.numerator, r.denominator])).toEqual(sud);
    });

    it("narrows to the discharges of one year (reports)", async () => {
      const rows = await pathwayMeasures(engine.db, { dataCut: PATHWAY_CUT, withinDays: 14, by: [], filter: { dischargeYear: 2025 } });
      // Only A7 (IOP, discharged 2025-11-01, readmitted after 151 days) was discharged in 2025.
      expect(rows.filter((r) => r.level_of_care === "all" && r.denominator > 0).map((r) => [r.measure, r.numerator, r.denominator])).toEqual([
        ["step_down", 0, 1],
        ["step_up", 0, 1],
        ["continuing_care_7d", 0, 1],
        ["continuing_care_30d", 0, 1],
        ["readmission_30d", 0, 1],
        ["readmission_90d", 0, 1],
        ["readmission_180d", 1, 1],
      ]);
    });

    it("counts the transition matrix over episodes whose window has closed", async () => {
      const rows = await pathwayTransitions(engine.db, { dataCut: PATHWAY_CUT, withinDays: 14, by: [] });
      expect(rows.map(({ from, to, n }) => ({ from, to, n }))).toEqual(EXPECTED_TRANSITIONS);
      expect(rows.reduce((s, r) => s + r.n, 0)).toBe(EXPECTED_MEASURES.all.step_down[1]);
    });

    it("counts days to readmission: events at the gap, censored at a lower level's end or the cut", async () => {
      const rows = await readmissionTimeCounts(engine.db, { dataCut: PATHWAY_CUT, by: [] });
      const got = rows.map((r) => [r.level_of_care, r.day, r.events, r.censored]);
      expect(got).toEqual([
        ["OP", 0, 1, 0], // E6a → RES the same day (overlap)
        ["OP", 41, 0, 1], // C1: no next, censored at the cut
        ["OP", 71, 1, 0], // A5 → IOP after 71 days
        ["IOP", 46, 0, 1], // B7 at the cut
        ["IOP", 60, 0, 1], // B5 at the cut
        ["IOP", 66, 0, 1], // B1: censored when the step-down C1 ends (05-20)
        ["IOP", 76, 0, 1], // B3 at the cut
        ["IOP", 151, 1, 0], // A7 → IOP after 151 days (A2, a transfer, is not at risk)
        ["PHP", 20, 1, 0], // B2 → PHP (A3, a transfer, is not at risk)
        ["RES", 0, 0, 1], // B4 discharged on the cut
        ["RES", 43, 0, 1], // A1: censored when B1 ends (03-15)
        ["RES", 140, 0, 1], // E6b at the cut
        ["INP", 10, 0, 1], // A4: censored when B4 ends, on the cut
      ]);
    });

    it("reports overlapping stays as a check finding", async () => {
      const findings = await dataQualityFindings(engine.db, { dataCut: PATHWAY_CUT });
      expect(findings.find((f) => f.code === "overlapping_stays")).toMatchObject({ count: 3, examples: ["A3|B3", "E6a|E6b", "O8|O8b"] });
      expect(findings.find((f) => f.code === "episode_without_patient_key")).toMatchObject({ count: 0 });
    });
  });
}
