// `continuum analyze pathways` on the hand-made patients, on both engines: DESIGN.md's JSON
// contract with the hand-worked counts, the readable table, --by and cohort filters, a wrong
// --within as one usage line (exit 2), and an episode without a patient key as a finding.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EPISODE_COLUMNS } from "../../domain/columns.ts";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { wilsonInterval } from "../../stats/rank-and-proportion.ts";
import { cli } from "../support/cli.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { seedRows } from "../support/seed.ts";
import { EXPECTED_MEASURES, EXPECTED_TRANSITIONS, PATHWAY_CUT, PATHWAY_EPISODES } from "./fixture.ts";

for (const kind of ENGINES) {
  describe(`analyze pathways on ${kind}`, () => {
    const home = mkdtempSync(path.join(tmpdir(), "continuum-pathways-"));
    let server: TestEngine | undefined;
    let dbArgs: string[] = [];
    const env = { CONTINUUM_HOME: home };
    const run = (args: string[]) => cli([...args, ...dbArgs], env);
    beforeAll(async () => {
      if (kind === "pglite") {
        const engine = await openEngine({ dataDir: path.join(home, "db") });
        await migrateToLatest(engine.db);
        await seedRows(engine.db, PATHWAY_EPISODES);
        await engine.close();
      } else {
        server = await openFreshEngine(kind);
        await seedRows(server.db, PATHWAY_EPISODES);
        dbArgs = ["--db", server.options.url!];
      }
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      rmSync(home, { recursive: true, force: true });
    });

    it("prints DESIGN.md's JSON with the hand-worked counts and Wilson CIs in percent", async () => {
      const r = await run(["analyze", "pathways", "--json"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(Object.keys(doc)).toEqual(["data_cut", "within_days", "transitions", "measures"]);
      expect(doc.data_cut).toBe(PATHWAY_CUT);
      expect(doc.within_days).toBe(14);
      // The full grid of each level discharged from; the non-zero cells are the hand-worked ones.
      expect(doc.transitions.length).toBe(4 * 6);
      expect(doc.transitions.filter((t: { n: number }) => t.n > 0)).toEqual(EXPECTED_TRANSITIONS);
      expect(doc.measures.length).toBe(6 * 7);
      for (const m of doc.measures) {
        expect(Object.keys(m)).toEqual(["level_of_care", "measure", "numerator", "denominator", "pct", "ci"]);
        const [numerator, denominator] = EXPECTED_MEASURES[m.level_of_care as keyof typeof EXPECTED_MEASURES][m.measure as "step_down"];
        expect([m.numerator, m.denominator]).toEqual([numerator, denominator]);
        if (denominator === 0) expect([m.pct, m.ci]).toEqual([null, null]);
        else {
          expect(m.pct).toBeCloseTo((100 * numerator) / denominator, 12);
          const ci = wilsonInterval(numerator, denominator)!;
          expect(m.ci[0]).toBeCloseTo(100 * ci[0], 10);
          expect(m.ci[1]).toBeCloseTo(100 * ci[1], 10);
        }
      }
      const all30 = doc.measures.find((m: { level_of_care: string; measure: string }) => m.level_of_care === "all" && m.measure === "readmission_30d");
      // 2 of 11: R's prop.test(2, 11, correct = FALSE)$conf.int × 100 = 5.136768975, 47.698056196.
      expect(all30.pct).toBeCloseTo(18.181818, 5);
      expect(all30.ci[0]).toBeCloseTo(5.136768975, 8);
      expect(all30.ci[1]).toBeCloseTo(47.698056196, 8);
    });

    it("prints readable tables", async () => {
      const r = await run(["analyze", "pathways"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`data cut ${PATHWAY_CUT}; W = 14 days`);
      expect(r.stdout).toMatch(/^from \\ to\s+OP\s+IOP\s+PHP\s+RES\s+INP\s+none\s+total$/m);
      expect(r.stdout).toMatch(/^IOP\s+0\s+0\s+1\s+0\s+0\s+5\s+6$/m);
      expect(r.stdout).toMatch(/^all\s+readmission_30d\s+2\s+11\s+18\.2\s+\[5\.1, 47\.7\]$/m);
      expect(r.stdout).toMatch(/^INP\s+step_down\s+0\s+0\s+—$/m);
    });

    it("takes --within, --by and cohort filters", async () => {
      const w30 = JSON.parse((await run(["analyze", "pathways", "--within", "30", "--json"])).stdout);
      expect(w30.within_days).toBe(30);
      const stepDown = w30.measures.find((m: { level_of_care: string; measure: string }) => m.level_of_care === "all" && m.measure === "step_down");
      expect([stepDown.numerator, stepDown.denominator]).toEqual([3, 13]);
      const byTrack = JSON.parse((await run(["analyze", "pathways", "--by", "track", "--json"])).stdout);
      expect(Object.keys(byTrack.measures[0])).toEqual(["track", "level_of_care", "measure", "numerator", "denominator", "pct", "ci"]);
      const sud = byTrack.measures.filter((m: { track: string; measure: string }) => m.track === "SUD" && m.measure === "step_down");
      expect(sud.map((m: { level_of_care: string; numerator: number; denominator: number }) => [m.level_of_care, m.numerator, m.denominator])).toEqual([["OP", 0, 1], ["IOP", 0, 1], ["RES", 1, 1], ["all", 1, 3]]);
      expect(byTrack.transitions.filter((t: { track: string; n: number }) => t.track === "SUD" && t.n > 0)).toEqual([
        { track: "SUD", from: "OP", to: "none", n: 1 },
        { track: "SUD", from: "IOP", to: "none", n: 1 },
        { track: "SUD", from: "RES", to: "IOP", n: 1 },
      ]);
      const filtered = JSON.parse((await run(["analyze", "pathways", "--track", "SUD", "--json"])).stdout);
      const all = filtered.measures.find((m: { level_of_care: string; measure: string }) => m.level_of_care === "all" && m.measure === "step_down");
      expect([all.numerator, all.denominator]).toEqual([1, 3]);
      const table = await run(["analyze", "pathways", "--by", "track"]);
      expect(table.stdout).toContain("== track SUD ==");
    });

    it("refuses a wrong --within with one line and exit 2", async () => {
      for (const bad of ["abc", "14.5", "366", "1e2", "", "-3"]) {
        const r = await run(["analyze", "pathways", `--within=${bad}`]);
        expect(r.code, bad).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr.trimEnd().split("\n"), bad).toHaveLength(1);
        expect(r.stderr).toMatch(/^continuum: .*\(usage\)\n$/);
      }
      const missing = await run(["analyze", "pathways", "--within"]);
      expect(missing.code).toBe(2);
      expect(missing.stderr.trimEnd().split("\n")).toHaveLength(1);
      const byBad = await run(["analyze", "pathways", "--by", "favourite_colour"]);
      expect(byBad.code).toBe(2);
    });

    it("turns an episode without a patient key into a check finding, not a crash", async () => {
      const file = path.join(home, "no-patient.csv");
      const row: Record<string, string> = Object.fromEntries(EPISODE_COLUMNS.map((c) => [c, ""]));
      Object.assign(row, { episode_id: "X1", site_id: "S01", level_of_care: "IOP", admitted_on: "2026-02-01", discharged_on: "2026-03-01", discharge_reason: "completed" });
      writeFileSync(file, `${EPISODE_COLUMNS.join(",")}\n${EPISODE_COLUMNS.map((c) => row[c]).join(",")}\n`);
      const ingest = await run(["ingest", file, "--kind", "episodes", "--json"]);
      expect(ingest.code).toBe(0);
      const check = JSON.parse((await run(["check", "--json"])).stdout);
      expect(check.findings.find((f: { code: string }) => f.code === "episode_without_patient_key")).toEqual({ code: "episode_without_patient_key", severity: "error", count: 1, examples: ["no-patient.csv:2"] });
      expect(check.findings.find((f: { code: string }) => f.code === "overlapping_stays")).toMatchObject({ count: 3 });
      const r = await run(["analyze", "pathways", "--json"]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).measures.find((m: { level_of_care: string; measure: string }) => m.level_of_care === "all" && m.measure === "step_down").denominator).toBe(13);
    });
  });
}
