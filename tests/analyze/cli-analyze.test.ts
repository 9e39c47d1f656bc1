// The CLI's analysis documents on the embedded engine after `demo`: the JSON contracts of
// DESIGN.md for analyze, retention, itt, compare, and the satisfaction summary.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../../cli/commands/report.ts";
import { cli } from "../support/cli.ts";

const home = mkdtempSync(path.join(tmpdir(), "continuum-cli-analyze-"));
const env = { CONTINUUM_HOME: path.join(home, ".continuum") };
const json = async (args: string[]) => {
  const run = await cli([...args, "--json"], env);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
};
let demo: { reports: Record<string, string> };
beforeAll(async () => {
  const run = await cli(["demo", "--episodes", "400", "--seed", "5", "--out", path.join(home, "out"), "--reports", path.join(home, "reports"), "--skip-pdf", "--json"], env);
  expect(run.code).toBe(0);
  demo = JSON.parse(run.stdout);
}, 180_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("continuum demo", () => {
  it("ends by writing every report set", () => {
    expect(Object.keys(demo.reports).sort()).toEqual([...REPORTS].sort());
    for (const page of Object.values(demo.reports)) expect(existsSync(page), page).toBe(true);
  });
});

describe("continuum analyze documents", () => {
  it("analyze --json has one row per group × instrument × comparison", async () => {
    const doc = await json(["analyze", "--from", "intake", "--to", "discharge", "--instrument", "PHQ9"]);
    expect(doc.rows.length).toBeGreaterThanOrEqual(3);
    for (const r of doc.rows) expect(r).toMatchObject({ instrument: "PHQ9", comparison: "intake_discharge", level_of_care: expect.any(String), n: expect.any(Number) });
  });

  it("filters the cohort and groups by two keys", async () => {
    const all = await json(["analyze", "--from", "intake", "--to", "discharge", "--instrument", "PHQ9", "--by", "level_of_care,track"]);
    const cod = await json(["analyze", "--from", "intake", "--to", "discharge", "--instrument", "PHQ9", "--by", "level_of_care,track", "--track", "COD", "--modality", "virtual"]);
    expect(all.rows.some((r: { track: string }) => r.track === "MH")).toBe(true);
    expect(cod.rows.length).toBeGreaterThan(0);
    for (const r of cod.rows) expect(r.track).toBe("COD");
    const n = (rows: { n: number; track: string; level_of_care: string }[], level: string) => rows.find((r) => r.track === "COD" && r.level_of_care === level)?.n ?? 0;
    expect(n(cod.rows, "IOP")).toBeLessThan(n(all.rows, "IOP"));
  });

  it("analyze retention --json follows the contract", async () => {
    const doc = await json(["analyze", "retention", "--by", "level_of_care"]);
    expect(Object.keys(doc).sort()).toEqual(["groups", "logrank"]);
    expect(Object.keys(doc.logrank).sort()).toEqual(["chisq", "df", "p"]);
    for (const g of doc.groups) {
      expect(Object.keys(g).sort()).toEqual(["at", "events", "level_of_care", "median", "n"]);
      expect(g.at.map((a: { day: number }) => a.day)).toEqual([30, 60, 90]);
    }
  });

  it("analyze itt --json follows the contract", async () => {
    const doc = await json(["analyze", "itt", "--instrument", "PHQ9", "--by", "level_of_care"]);
    expect(Object.keys(doc).sort()).toEqual(["fixed", "means", "n_episodes", "n_observations", "variance"]);
    expect(Object.keys(doc.variance).sort()).toEqual(["episode", "residual"]);
    expect(doc.means[0]).toEqual({ timepoint: expect.any(String), level_of_care: expect.any(String), n: expect.any(Number), mean: expect.any(Number), se: expect.any(Number), ci: [expect.any(Number), expect.any(Number)] });
  });

  it("analyze compare --json follows the contract", async () => {
    const doc = await json(["analyze", "compare", "--instrument", "PHQ9", "--from", "intake", "--to", "discharge", "--reference", "IOP"]);
    expect(doc).toMatchObject({ n: expect.any(Number), reference: "IOP", baseline_slope: { estimate: expect.any(Number), se: expect.any(Number) } });
    expect(doc.differences.map((d: { level_of_care: string }) => d.level_of_care)).not.toContain("IOP");
  });

  it("analyze satisfaction --json gives shares with Wilson intervals", async () => {
    const doc = await json(["analyze", "satisfaction"]);
    for (const g of doc.groups) {
      expect(g.would_recommend).toBeGreaterThan(0.6);
      expect(g.ci[0]).toBeLessThanOrEqual(g.would_recommend);
    }
  });

  it("analyze subgroups --json adjusts p values with Benjamini–Hochberg", async () => {
    const doc = await json(["analyze", "subgroups", "--instrument", "GAD7"]);
    const keys = new Set(doc.rows.map((r: { subgroup: string }) => r.subgroup));
    expect([...keys].sort()).toEqual(["age_band", "gender", "modality", "payer", "race_ethnicity", "track"]);
    for (const r of doc.rows) if (r.p !== null) expect(r.p_adjusted).toBeGreaterThanOrEqual(r.p * (1 - 1e-12));
  });

  it("analyze benchmark --json follows the contract, for sites and for any other key", async () => {
    const doc = await json(["analyze", "benchmark", "--by", "site_id", "--instrument", "PHQ9"]);
    for (const key of ["instrument", "by", "comparison", "clinical_cutoff", "data_cut", "reference", "groups", "funnel_proportion", "funnel_ratio"]) expect(doc, key).toHaveProperty(key);
    expect(doc).toMatchObject({ instrument: "PHQ9", by: "site_id", comparison: "intake_discharge", clinical_cutoff: 10 });
    expect(Object.keys(doc.reference).sort()).toEqual(["mean_change", "n", "sd_intake"]);
    expect(doc.groups.map((g: { key: string }) => g.key)).toEqual(["S01", "S02", "S03", "S04", "S05", "S06"]);
    for (const g of doc.groups) {
      for (const key of ["key", "n", "saes", "saes_ci90", "saes_shrunken", "saes_shrunken_ci90", "band", "reliable_improvement"]) expect(g, key).toHaveProperty(key);
      expect(Object.keys(g.reliable_improvement).sort()).toEqual(["expected", "n", "observed"]);
    }
    for (const funnel of [doc.funnel_proportion, doc.funnel_ratio]) {
      for (const key of ["target", "phi", "tau2", "adjusted", "limits"]) expect(funnel, key).toHaveProperty(key);
      for (const l of funnel.limits) expect(Object.keys(l).sort()).toEqual(["denominator", "key", "ll95", "ll998", "outlier", "ul95", "ul998", "value"]);
    }
    const byTrack = await json(["analyze", "benchmark", "--by", "track", "--instrument", "GAD7"]);
    expect(byTrack.groups.map((g: { key: string }) => g.key)).toEqual(["COD", "MH", "SUD"]);
    expect(byTrack.covariates).not.toContain("track");
  });

  it("analyze benchmark refuses two keys and an unknown instrument with a usage error", async () => {
    for (const args of [["--by", "site_id,track"], ["--instrument", "XYZ"]]) {
      const run = await cli(["analyze", "benchmark", ...args], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^continuum: .+ \(usage\)\n$/);
    }
  });

  it("refuses an unknown analysis with a usage error", async () => {
    const run = await cli(["analyze", "vibes"], env);
    expect(run.code).toBe(2);
  });
});
