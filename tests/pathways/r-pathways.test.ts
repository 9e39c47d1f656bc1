// `continuum analyze pathways --json` against an independent R computation from the same
// exported CSVs (tests/golden/pathways.R → pathways.json), on both engines: the same rows,
// counts exactly, percentages and Wilson CIs to 1e-9, for W = 14 and W = 30; and `analyze
// readmission --json` (Kaplan–Meier of days to readmission, log-rank) against survival to 1e-6;
// `analyze continuing-care --json` (ANCOVA, propensity weighting, balance) against lm/glm to 1e-6.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const GOLDEN = path.resolve(import.meta.dirname, "../golden");
interface Doc {
  data_cut: string;
  within_days: number;
  transitions: { from: string; to: string; n: number }[];
  measures: { level_of_care: string; measure: string; numerator: number; denominator: number; pct: number | null; ci: [number, number] | null }[];
}
interface KmGroup {
  level_of_care: string;
  n: number;
  events: number;
  median: number | null;
  km_time: number[];
  surv: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  at: { day: number; surv: number; lower: number; upper: number }[];
}
interface Estimate {
  estimate: number;
  se: number;
}
interface ContinuingCare {
  n: number;
  n_continuing_care: number;
  crude: Estimate;
  ancova: Estimate & { p: number; df: number; intake_slope: number };
  ipw: Estimate & { max_weight: number };
  balance: { covariate: string; smd_before: number; smd_after: number }[];
}
const golden: { continuing_care: ContinuingCare; pathways: Doc[]; readmission: { data_cut: string; groups: KmGroup[]; logrank: { chisq: number; df: number; p: number } } } = JSON.parse(readFileSync(path.join(GOLDEN, "pathways.json"), "utf8"));

for (const kind of ENGINES_WITH_CITUS) {
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

    it("analyze readmission equals R's Kaplan–Meier and log-rank to 1e-6", async () => {
      const expected = golden.readmission;
      const near = (a: number | null, b: number, where: string) => {
        expect(a, where).not.toBeNull();
        expect(Math.abs(a! - b), where).toBeLessThan(1e-6);
      };
      const run = await cli(["analyze", "readmission", "--json", ...dbArgs], env);
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.data_cut).toBe(expected.data_cut);
      expect(doc.groups.map((g: KmGroup) => [g.level_of_care, g.n, g.events, g.median])).toEqual(expected.groups.map((g) => [g.level_of_care, g.n, g.events, g.median]));
      for (const g of expected.groups) {
        const got = doc.groups.find((x: KmGroup) => x.level_of_care === g.level_of_care);
        for (const a of g.at) {
          const mine = got.at.find((x: { day: number }) => x.day === a.day);
          near(mine.surv, a.surv, `${g.level_of_care} S(${a.day})`);
          near(mine.lower, a.lower, `${g.level_of_care} lower(${a.day})`);
          near(mine.upper, a.upper, `${g.level_of_care} upper(${a.day})`);
        }
        // The whole curve: S and its interval at every time R's survfit reports.
        const curve = await cli(["analyze", "readmission", "--at", g.km_time.join(","), "--level-of-care", g.level_of_care, "--json", ...dbArgs], env);
        const [only] = JSON.parse(curve.stdout).groups;
        expect(only.level_of_care).toBe(g.level_of_care);
        g.km_time.forEach((t, i) => {
          near(only.at[i].surv, g.surv[i], `${g.level_of_care} S(${t})`);
          if (g.lower[i] !== null) near(only.at[i].lower, g.lower[i]!, `${g.level_of_care} lower(${t})`);
          if (g.upper[i] !== null) near(only.at[i].upper, g.upper[i]!, `${g.level_of_care} upper(${t})`);
        });
      }
      near(doc.logrank.chisq, expected.logrank.chisq, "chisq");
      expect(doc.logrank.df).toBe(expected.logrank.df);
      near(doc.logrank.p, expected.logrank.p, "p");
    });

    it("analyze continuing-care equals R's lm and glm to 1e-6", async () => {
      const expected = golden.continuing_care;
      const run = await cli(["analyze", "continuing-care", "--json", ...dbArgs], env);
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect([doc.n, doc.n_continuing_care]).toEqual([expected.n, expected.n_continuing_care]);
      const near = (a: number, b: number, where: string) => expect(Math.abs(a - b), where).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
      for (const part of ["crude", "ancova", "ipw"] as const) {
        near(doc[part].estimate, expected[part].estimate, `${part} estimate`);
        near(doc[part].se, expected[part].se, `${part} se`);
      }
      near(doc.ancova.p, expected.ancova.p, "ancova p");
      expect(doc.ancova.df).toBe(expected.ancova.df);
      near(doc.ancova.intake_slope, expected.ancova.intake_slope, "intake slope");
      near(doc.ipw.max_weight, expected.ipw.max_weight, "max weight");
      expect(doc.balance.map((b: { covariate: string }) => b.covariate)).toEqual(expected.balance.map((b) => b.covariate));
      doc.balance.forEach((b: { smd_before: number; smd_after: number }, i: number) => {
        near(b.smd_before, expected.balance[i].smd_before, `${expected.balance[i].covariate} before`);
        near(b.smd_after, expected.balance[i].smd_after, `${expected.balance[i].covariate} after`);
      });
      expect(doc.caveats.join(" ")).toMatch(/Observational.*Immortal time/);
    });
  });
}
