// `analyze --by level_of_care` for every instrument and comparison against an independent R
// computation from the same exported CSVs (tests/golden/analyze.R → analyze.json): the same
// row set, and every number within 1e-6 — on both engines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPARISONS, type Comparison } from "../../domain/timepoints.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { type EffectSizeRow, effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const GOLDEN = path.resolve(import.meta.dirname, "../golden");
const golden: { data_cut: string; rows: Record<string, unknown>[] } = JSON.parse(readFileSync(path.join(GOLDEN, "analyze.json"), "utf8"));
const FIELDS = ["n", "n_missing", "pre_mean", "pre_sd", "post_mean", "post_sd", "r", "mean_improvement", "d_z", "d_z_ci", "g_av", "g_av_ci", "d_pre", "d_pre_ci", "t", "df", "p", "p_wilcoxon", "pct_reliable_improvement", "pct_reliable_deterioration", "pct_recovered", "pct_response", "pct_remission"];
const key = (r: object) => { const { instrument, comparison, level_of_care } = r as Record<string, unknown>; return `${instrument}|${comparison}|${level_of_care}`; };

for (const kind of ENGINES_WITH_CITUS) {
  describe(`analyze against R on ${kind}`, () => {
    let engine: TestEngine;
    let rows: EffectSizeRow[];
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(GOLDEN, "data", file));
      const cut = (await dataCut(engine.db))!;
      expect(cut).toBe(golden.data_cut);
      rows = await effectSizeTable(engine.db, { comparisons: Object.keys(COMPARISONS) as Comparison[], by: ["level_of_care"], dataCut: cut });
    }, 120_000);
    afterAll(() => engine.close());

    it("has R's rows: every instrument × comparison × level of care", () => {
      expect(rows.map(key).sort()).toEqual(golden.rows.map(key).sort());
    });

    it("equals R's numbers to 1e-6", () => {
      const byKey = new Map(rows.map((r) => [key(r), r as unknown as Record<string, unknown>]));
      for (const expected of golden.rows) {
        const actual = byKey.get(key(expected))!;
        for (const field of FIELDS) {
          const [a, e] = [actual[field] ?? null, expected[field] ?? null];
          const where = `${key(expected)} ${field}`;
          if (e === null || a === null) expect(a, where).toBe(e);
          else if (Array.isArray(e)) (a as number[]).forEach((v, i) => expect(Math.abs(v - (e as number[])[i]), where).toBeLessThan(1e-6));
          else expect(Math.abs((a as number) - (e as number)), where).toBeLessThan(1e-6);
        }
      }
    });
  });
}
