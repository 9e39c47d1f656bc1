// `analyze` end to end on a generated cohort with known true effects, on both engines: the
// JSON rows carry DESIGN.md's fields, and each level's PHQ-9 d_z lies within 3 standard
// errors of the population value the generator drew from (fixtures/true-effects.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS } from "../../fixtures/parameters.ts";
import { populationDz } from "../../fixtures/true-effects.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const FIELDS = ["instrument", "comparison", "level_of_care", "n", "n_missing", "pre_mean", "pre_sd", "post_mean", "post_sd", "r", "mean_improvement", "d_z", "d_z_ci", "g_av", "g_av_ci", "d_pre", "d_pre_ci", "t", "df", "p", "p_wilcoxon", "pct_reliable_improvement", "pct_reliable_deterioration", "pct_recovered", "pct_response", "pct_remission"];
const dir = mkdtempSync(path.join(tmpdir(), "continuum-analyze-"));
let files: Awaited<ReturnType<typeof writeCohort>>;
beforeAll(async () => {
  files = await writeCohort(dir, { episodes: 3000, seed: 11 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`analyze on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await ingestFile(engine, files.episodesFile);
      await ingestFile(engine, files.assessmentsFile);
    });
    afterAll(() => engine.close());

    it("recovers the true intake→discharge PHQ-9 effect of every level of care", async () => {
      const rows = await effectSizeTable(engine.db, { comparisons: ["intake_discharge"], by: ["level_of_care"], dataCut: (await dataCut(engine.db))!, filter: { instrument: "PHQ9" } });
      expect(rows.map((r) => r.level_of_care)).toEqual(["IOP", "OP", "PHP", "RES"]);
      for (const row of rows) {
        for (const field of FIELDS) expect(row, field).toHaveProperty(field);
        const level = row.level_of_care as keyof typeof DEFAULT_PARAMETERS.effects;
        const truth = populationDz("PHQ9", DEFAULT_PARAMETERS.effects[level].PHQ9).dz;
        const se = (row.d_z_ci![1] - row.d_z_ci![0]) / (2 * 1.96);
        expect(Math.abs(row.d_z! - truth), `${level}: ${row.d_z} vs ${truth}`).toBeLessThan(3 * se);
        expect(row.pct_response).not.toBeNull();
        expect(row.followup_rate).toBeGreaterThan(0.5);
      }
    });

    it("shows the gain fading but holding at six months", async () => {
      const rows = await effectSizeTable(engine.db, { comparisons: ["intake_followup_6m"], by: [], dataCut: (await dataCut(engine.db))!, filter: { instrument: "GAD7" } });
      expect(rows).toHaveLength(1);
      expect(rows[0].d_z!).toBeGreaterThan(0.3);
      expect(rows[0].n_missing).toBeGreaterThan(rows[0].n * 0.5); // ~45 % follow-up response
      expect(rows[0].pct_remission).not.toBeNull();
    });

    it("takes a calendar year's cohort as its four quarters", async () => {
      const cut = (await dataCut(engine.db))!;
      const n = async (filter: { year?: number; quarter?: string }) =>
        (await effectSizeTable(engine.db, { comparisons: ["intake_discharge"], by: [], dataCut: cut, filter: { instrument: "PHQ9", ...filter } }))[0]?.n ?? 0;
      const quarters = await Promise.all([1, 2, 3, 4].map((q) => n({ quarter: `2025Q${q}` })));
      expect(quarters.every((q) => q > 0)).toBe(true);
      expect(await n({ year: 2025 })).toBe(quarters.reduce((a, b) => a + b, 0));
    });
  });
}
