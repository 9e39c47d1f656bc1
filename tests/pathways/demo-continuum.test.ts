// The demo shows the continuum (fixtures/network.ts DEMO_PATHWAYS): on the demo's own cohort,
// the quarterly report's continuity of care publishes non-zero step-down, continuing-care and
// readmission rates for all levels — exact rates with intervals, not bounds or zeros.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCompleteQuarter } from "../../domain/quarters.ts";
import { DEMO_NETWORK } from "../../fixtures/network.ts";
import { measureGrid } from "../../reports/pathways/continuity.ts";
import { continuityCounts, publishQuarterlyContinuity } from "../../reports/quarterly/continuity.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { loadCohort } from "../support/cohort.ts";

for (const kind of ENGINES) {
  describe(`the demo's continuity of care on ${kind}`, () => {
    let engine: TestEngine;
    let cut: string;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      ({ dataCut: cut } = await loadCohort(engine, { episodes: 2000, seed: 1, ...DEMO_NETWORK }));
    }, 180_000);
    afterAll(() => engine.close());

    it("publishes non-zero step-down, continuing-care and readmission rates for all levels", async () => {
      const counts = await continuityCounts(engine.db, { quarter: lastCompleteQuarter(cut), dataCut: cut });
      const { continuity } = publishQuarterlyContinuity(counts, 11);
      const all = measureGrid(continuity).find((row) => row[0] === "All levels")!;
      // Columns: stepped down, continuing care 7 d, 30 d, readmitted 30 d, 90 d, 180 d.
      for (const [i, name] of [[1, "stepped down"], [3, "continuing care by 30 days"], [5, "readmitted by 90 days"], [6, "readmitted by 180 days"]] as const) {
        expect(all[i], name).toMatch(/^[1-9]\d* % \(\d/);
      }
    });
  });
}
