// `analyze benchmark --by site_id` against an independent R computation from the same exported
// CSVs (tests/golden/benchmark.R → benchmark.json: lm, glm, lme4 and FunnelPlotR's own code):
// SAES, intervals and expected counts to 1e-6, the shrunken estimate to 1e-4, the funnels'
// target, φ, τ², limits and outlier flags to 1e-6 — on every engine.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { type BenchmarkDocument, benchmarkAnalysis } from "../../queries/analyses/benchmark-analysis.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const GOLDEN = path.resolve(import.meta.dirname, "../golden");
const golden = JSON.parse(readFileSync(path.join(GOLDEN, "benchmark.json"), "utf8")) as BenchmarkDocument;
const close = (actual: number | null, expected: number | null, tolerance: number, where: string) => {
  expect(actual === null, where).toBe(expected === null);
  if (actual !== null && expected !== null) expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThan(tolerance);
};
const closePair = (a: [number, number] | null, e: [number, number] | null, tolerance: number, where: string) => {
  expect(a === null, where).toBe(e === null);
  if (a && e) a.forEach((v, i) => close(v, e[i], tolerance, `${where}[${i}]`));
};

for (const kind of ENGINES_WITH_CITUS) {
  describe(`analyze benchmark against R on ${kind}`, () => {
    let engine: TestEngine;
    let doc: BenchmarkDocument;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(GOLDEN, "data", "benchmark", file));
      const cut = (await dataCut(engine.db))!;
      expect(cut).toBe(golden.data_cut);
      doc = await benchmarkAnalysis(engine.db, { instrument: "PHQ9", comparison: "intake_discharge", by: "site_id", dataCut: cut });
    }, 120_000);
    afterAll(() => engine.close());

    it("has R's sample and reference", () => {
      expect(doc.groups.map((g) => g.key)).toEqual(golden.groups.map((g) => g.key));
      expect(doc.reference!.n).toBe(golden.reference!.n);
      close(doc.reference!.mean_change, golden.reference!.mean_change, 1e-9, "mean_change");
      close(doc.reference!.sd_intake, golden.reference!.sd_intake, 1e-9, "sd_intake");
    });

    it("equals lm's SAES with 90% intervals and glm's expected counts to 1e-6, lme4's shrunken estimates to 1e-4", () => {
      doc.groups.forEach((g, i) => {
        const e = golden.groups[i];
        close(g.saes, e.saes, 1e-6, `${g.key} saes`);
        closePair(g.saes_ci90, e.saes_ci90, 1e-6, `${g.key} saes_ci90`);
        close(g.saes_shrunken, e.saes_shrunken, 1e-4, `${g.key} saes_shrunken`);
        closePair(g.saes_shrunken_ci90, e.saes_shrunken_ci90, 1e-4, `${g.key} saes_shrunken_ci90`);
        expect(g.band, g.key).toBe(e.band);
        expect(g.reliable_improvement.observed, g.key).toBe(e.reliable_improvement.observed);
        expect(g.reliable_improvement.n, g.key).toBe(e.reliable_improvement.n);
        close(g.reliable_improvement.expected, e.reliable_improvement.expected, 1e-6, `${g.key} expected`);
      });
      close(doc.variance!.group, golden.variance!.group, 1e-4, "between-site variance");
    });

    for (const funnel of ["funnel_proportion", "funnel_ratio"] as const) {
      it(`equals FunnelPlotR's ${funnel === "funnel_ratio" ? "SHMI ratio" : "proportion"} funnel: target, φ, τ², limits and outliers to 1e-6`, () => {
        const [a, e] = [doc[funnel]!, golden[funnel]!];
        close(a.target, e.target, 1e-9, "target");
        close(a.phi, e.phi, 1e-6, "phi");
        close(a.tau2, e.tau2, 1e-6, "tau2");
        expect(a.adjusted).toBe(e.adjusted);
        a.limits.forEach((l, i) => {
          const el = e.limits[i];
          expect(l.key).toBe(el.key);
          for (const field of ["denominator", "value", "ll95", "ul95", "ll998", "ul998"] as const) close(l[field], el[field], 1e-6, `${l.key} ${field}`);
          expect(l.outlier, `${l.key} outlier`).toBe(el.outlier);
        });
        expect(a.limits.some((l) => l.outlier)).toBe(true);
      });
    }
  });
}
