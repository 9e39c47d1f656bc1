// The effect-size mart aggregates exactly what hand arithmetic gives: paired sums, missing
// counts with follow-up eligibility, reliable change / recovery / response / remission counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeRule, effectSizeSums } from "../../queries/marts/effect-size-sums.ts";
import { signedRankSums } from "../../queries/marts/signed-rank-sums.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { type AssessmentSeed, seedRows } from "../support/seed.ts";

// PHQ-9-like rule with S_diff = 5 (so |change| > 9.8 is reliable), cutoff 10 (clinical ≥ 10).
const RULES: ChangeRule[] = [
  { instrument: "PHQ9", better: "lower", sDiff: 5, cutoff: 10, clinicalAtOrAbove: true, remissionBelow: 5 },
  { instrument: "SWLS", better: "higher", sDiff: 5, cutoff: 20, clinicalAtOrAbove: false, remissionBelow: null },
];

const pair = (id: string, pre: number, post: number | null, instrument: "PHQ9" | "SWLS" = "PHQ9"): AssessmentSeed[] => [
  { episode_id: id, instrument, assessed_on: "2026-01-05", total_score: pre },
  ...(post === null ? [] : [{ episode_id: id, instrument, assessed_on: "2026-02-16", total_score: post }]),
];

for (const kind of ENGINES_WITH_CITUS) {
  describe(`effect-size sums on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      const discharged = { admitted_on: "2026-01-05", discharged_on: "2026-02-16", discharge_reason: "completed" as const };
      await seedRows(
        engine.db,
        [
          { episode_id: "A1", ...discharged },
          { episode_id: "A2", ...discharged },
          { episode_id: "A3", ...discharged },
          { episode_id: "A4", ...discharged },
          { episode_id: "B1", ...discharged, level_of_care: "PHP" },
          { episode_id: "B2", ...discharged, level_of_care: "PHP" },
          { episode_id: "O1", admitted_on: "2026-01-05" }, // open: not eligible
        ],
        [
          ...pair("A1", 20, 4), // improvement 16 → reliable, recovered, response, remission
          ...pair("A2", 12, 8), // 4 → not reliable; response? 8 ≤ 6 no
          ...pair("A3", 8, 20), // −12 → reliable deterioration
          ...pair("A4", 15, null), // missing discharge
          ...pair("B1", 22, 10), // 12 → reliable, still clinical (10 ≥ 10): not recovered; response 10 ≤ 11
          ...pair("B2", 18, 18),
          ...pair("O1", 10, null),
          ...pair("A1", 10, 25, "SWLS"), // higher is better: +15 reliable improvement, 10 < 20 clinical → 25 not: recovered
          ...pair("A2", 30, 18, "SWLS"), // −12 reliable deterioration
        ],
      );
    });
    afterAll(() => engine.close());

    it("sums pairs and counts change per level of care", async () => {
      const rows = await effectSizeSums(engine.db, { comparison: "intake_discharge", dataCut: "2026-06-30", by: ["level_of_care"], rules: RULES });
      const phq = rows.filter((r) => r.instrument === "PHQ9");
      expect(phq.map((r) => r.group.level_of_care)).toEqual(["IOP", "PHP"]);
      expect(phq[0]).toMatchObject({
        n: 3,
        n_missing: 1,
        sx: 20 + 12 + 8,
        sy: 4 + 8 + 20,
        sxx: 400 + 144 + 64,
        syy: 16 + 64 + 400,
        sxy: 80 + 96 + 160,
        n_reliable_improvement: 1,
        n_reliable_deterioration: 1,
        n_recovered: 1,
        n_response: 1,
        n_remission: 1,
        missing_sx: 15,
        missing_sxx: 225,
      });
      expect(phq[1]).toMatchObject({ n: 2, n_missing: 0, n_reliable_improvement: 1, n_recovered: 0, n_response: 1, n_remission: 0 });
      const swls = rows.find((r) => r.instrument === "SWLS")!;
      expect(swls).toMatchObject({ n: 2, n_reliable_improvement: 1, n_reliable_deterioration: 1, n_recovered: 1, n_response: null, n_remission: null });
    });

    it("leaves out comparisons whose window has not closed, and filters by quarter", async () => {
      const early = await effectSizeSums(engine.db, { comparison: "intake_discharge", dataCut: "2026-02-20", by: [], rules: RULES });
      expect(early).toEqual([]);
      const q1 = await effectSizeSums(engine.db, { comparison: "intake_discharge", dataCut: "2026-06-30", by: [], rules: RULES, filter: { quarter: "2026Q1", instrument: "PHQ9" } });
      expect(q1).toHaveLength(1);
      expect(q1[0].n + q1[0].n_missing).toBe(6);
      const q2 = await effectSizeSums(engine.db, { comparison: "intake_discharge", dataCut: "2026-06-30", by: [], rules: RULES, filter: { quarter: "2026Q2" } });
      expect(q2).toEqual([]);
    });

    it("counts every eligible intake as missing its 6-month score once the window closed", async () => {
      const rows = await effectSizeSums(engine.db, { comparison: "intake_followup_6m", dataCut: "2026-12-31", by: [], rules: RULES, filter: { instrument: "PHQ9" } });
      expect(rows).toMatchObject([{ n: 0, n_missing: 6, sx: 0, missing_sx: 20 + 12 + 8 + 15 + 22 + 18 }]);
    });
  });
}

for (const kind of ENGINES_WITH_CITUS) {
  describe(`signed-rank sums on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      const d = { admitted_on: "2026-01-05", discharged_on: "2026-02-16", discharge_reason: "completed" as const };
      // Differences pre − post: 3, −3, 1, 0, 5, 3 → zeros dropped; |d| = 3,3,1,5,3 → ranks 3,3,1,5,3
      // (ties at |3| share (2+3+4)/3 = 3); V = 3 + 1 + 5 + 3 = 12 (positives: 3, 1, 5, 3);
      // tie groups: t = 3 (|3|) → Σ(t³ − t) = 24.
      const diffs = [3, -3, 1, 0, 5, 3];
      await seedRows(
        engine.db,
        diffs.map((_, i) => ({ episode_id: `W${i}`, ...d })),
        diffs.flatMap((diff, i) => pair(`W${i}`, 20, 20 - diff)),
      );
    });
    afterAll(() => engine.close());

    it("ranks |differences| in SQL as R's wilcox.test does", async () => {
      const rows = await signedRankSums(engine.db, { comparison: "intake_discharge", dataCut: "2026-06-30", by: ["level_of_care"] });
      expect(rows).toEqual([{ instrument: "PHQ9", group: { level_of_care: "IOP" }, n_nonzero: 5, v: 12, tie_sum: 24 }]);
    });
  });
}
