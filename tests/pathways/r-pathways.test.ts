// `continuum analyze pathways --json` against an independent R computation from the same
// exported CSVs (tests/golden/pathways.R → pathways.json), on both engines: the same rows,
// counts exactly, percentages and Wilson CIs to 1e-9, for W = 14 and W = 30.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

const GOLDEN = path.resolve(import.meta.dirname, "../golden");
interface Doc {
  data_cut: string;
  within_days: number;
  transitions: { from: string; to: string; n: number }[];
  measures: { level_of_care: string; measure: string; numerator: number; denominator: number; pct: number | null; ci: [number, number] | null }[];
}
const golden: { pathways: Doc[] } = JSON.parse(readFileSync(path.join(GOLDEN, "pathways.json"), "utf8"));

for (const kind of ENGINES) {
  describe(`analyze pathways against R on ${kind}`, () => {
    const home = mkdtempSync(path.join(tmpdir(), "continuum-pathways-r-"));
    const env = { CONTINUUM_HOME: home };
    let server: TestEngine | undefined;
    let dbArgs: string[] = [];
    beforeAll(async () => {
      if (kind === "postgres") {
        server = await openFreshEngine(kind);
        dbArgs = ["--db", server.options.url!];
      }
      const dir = path.join(GOLDEN, "data", "pathways");
      const ingest = await cli(["ingest", path.join(dir, "episodes.csv"), path.join(dir, "assessments.csv"), "--json", ...dbArgs], env);
      expect(ingest.code).toBe(0);
      for (const file of JSON.parse(ingest.stdout).files) expect(file.quarantined).toBe(0);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      rmSync(home, { recursive: true, force: true });
    });

    for (const expected of golden.pathways) {
      it(`equals R at W = ${expected.within_days}`, async () => {
        const run = await cli(["analyze", "pathways", "--within", String(expected.within_days), "--json", ...dbArgs], env);
        expect(run.code).toBe(0);
        const doc: Doc = JSON.parse(run.stdout);
        expect(doc.data_cut).toBe(expected.data_cut);
        expect(doc.within_days).toBe(expected.within_days);
        expect(doc.transitions).toEqual(expected.transitions);
        expect(doc.measures.map((m) => [m.level_of_care, m.measure, m.numerator, m.denominator])).toEqual(
          expected.measures.map((m) => [m.level_of_care, m.measure, m.numerator, m.denominator]),
        );
        doc.measures.forEach((m, i) => {
          const e = expected.measures[i];
          const where = `${e.level_of_care} ${e.measure}`;
          if (e.pct === null || e.ci === null) {
            expect([m.pct, m.ci], where).toEqual([null, null]);
            return;
          }
          expect(Math.abs(m.pct! - e.pct), where).toBeLessThan(1e-9);
          expect(Math.abs(m.ci![0] - e.ci[0]), where).toBeLessThan(1e-9);
          expect(Math.abs(m.ci![1] - e.ci[1]), where).toBeLessThan(1e-9);
        });
        // The golden data exercise every kind of transition the measures distinguish.
        expect(expected.measures.filter((m) => m.level_of_care === "all").every((m) => m.numerator > 0 && m.numerator < m.denominator)).toBe(true);
      });
    }
  });
}
