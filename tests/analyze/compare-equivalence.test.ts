// `analyze compare` with margins against an independent R computation from the golden
// CSVs (tests/golden/compare.R → compare.json): the ANCOVA differences, TOST, non-inferiority,
// the equivalence bound and the inverse-probability-weighted difference with the same tests —
// every field, on both engines, through the query and through the CLI; and the CLI's refusal
// of a margin that is missing, zero, negative or not a number.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comparison } from "../../domain/timepoints.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { compareAnalysis } from "../../queries/analyses/other-analyses.ts";
import { dataCut } from "../../queries/data-cut.ts";
import type { GroupKey } from "../../queries/group-keys.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { cli } from "../support/cli.ts";

const GOLDEN = path.resolve(import.meta.dirname, "../golden");
interface Case { name: string; instrument: string; by: GroupKey; reference: string; where: Record<string, string> | []; equivalence: number; noninferiority: number }
const golden: { data_cut: string; cases: { case: Case; doc: Record<string, unknown> }[] } = JSON.parse(readFileSync(path.join(GOLDEN, "compare.json"), "utf8"));
const whereOf = (c: Case) => (Array.isArray(c.where) ? {} : c.where);

/** Same keys, same strings, numbers to 1e-6 (p values 1e-6 relative or 1e-300 absolute). */
function expectMatches(actual: unknown, expected: unknown, where: string) {
  if (typeof expected === "number") {
    expect(typeof actual, where).toBe("number");
    const field = where.split(".").pop()!;
    const tol = /^p(_|$)/.test(field) ? Math.max(1e-6 * Math.abs(expected), 1e-300) : 1e-6 * Math.max(1, Math.abs(expected));
    expect(Math.abs((actual as number) - expected), where).toBeLessThanOrEqual(tol);
  } else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((e, i) => expectMatches((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectMatches((actual as Record<string, unknown>)[k], e, `${where}.${k}`);
  } else expect(actual, where).toBe(expected);
}

it("the golden cases cover both acceptance commands and every verdict R gave", () => {
  expect(golden.cases.map((c) => c.case.name)).toEqual(expect.arrayContaining(["level_of_care_vs_RES", "modality_within_IOP"]));
  const verdicts = golden.cases.flatMap((c) => (c.doc.differences as { equivalence: { verdict: string } }[]).map((d) => d.equivalence.verdict));
  expect(new Set(verdicts)).toEqual(new Set(["equivalent", "equivalent_but_different", "not_equivalent", "inconclusive"]));
});

for (const kind of ENGINES_WITH_CITUS) {
  describe(`analyze compare with margins against R on ${kind}`, () => {
    let engine: TestEngine;
    let cut: string;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(GOLDEN, "data", file));
      cut = (await dataCut(engine.db))!;
      expect(cut).toBe(golden.data_cut);
    }, 120_000);
    afterAll(() => engine.close());

    for (const { case: c, doc } of golden.cases) {
      it(`${c.name}: every field within 1e-6 of R`, async () => {
        const actual = await compareAnalysis(engine.db, { instrument: c.instrument, comparison: "intake_discharge" as Comparison, dataCut: cut, by: c.by, reference: c.reference, filter: { where: whereOf(c) }, equivalence: c.equivalence, noninferiority: c.noninferiority });
        expectMatches(actual, doc, c.name);
      });
    }

    if (kind === "postgres") {
      it("the CLI prints the same documents (--db URL)", async () => {
        for (const { case: c, doc } of golden.cases.slice(0, 2)) {
          const filters = Object.entries(whereOf(c)).flatMap(([k, v]) => [`--${k.replace(/_/g, "-")}`, v]);
          const run = await cli(["analyze", "compare", "--db", engine.options.url!, "--instrument", c.instrument, "--from", "intake", "--to", "discharge", "--by", c.by, "--reference", c.reference, ...filters, "--equivalence", String(c.equivalence), "--noninferiority", String(c.noninferiority), "--json"]);
          expect(run.stderr).toBe("");
          expect(run.code).toBe(0);
          expectMatches(JSON.parse(run.stdout), doc, `cli ${c.name}`);
        }
      });
    }
  });
}

describe("analyze compare on the embedded database, through the CLI", () => {
  const home = mkdtempSync(path.join(tmpdir(), "continuum-compare-"));
  const env = { CONTINUUM_HOME: path.join(home, ".continuum") };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("the two acceptance commands match R", async () => {
    expect((await cli(["ingest", path.join(GOLDEN, "data", "episodes.csv"), path.join(GOLDEN, "data", "assessments.csv")], env)).code).toBe(0);
    const [res, iop] = golden.cases;
    const a = await cli(["analyze", "compare", "--instrument", "PHQ9", "--from", "intake", "--to", "discharge", "--reference", "RES", "--equivalence", "2.5", "--noninferiority", "2.5", "--json"], env);
    expect(a.code).toBe(0);
    expectMatches(JSON.parse(a.stdout), res.doc, "cli level_of_care");
    const b = await cli(["analyze", "compare", "--instrument", "PHQ9", "--from", "intake", "--to", "discharge", "--by", "modality", "--reference", "in_person", "--level-of-care", "IOP", "--equivalence", "2.5", "--noninferiority", "2.5", "--json"], env);
    expect(b.code).toBe(0);
    expectMatches(JSON.parse(b.stdout), iop.doc, "cli modality");
  }, 120_000);

  it("keeps the old document without margins (--by level_of_care, reference IOP)", async () => {
    const run = await cli(["analyze", "compare", "--instrument", "PHQ9", "--json"], env);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).toEqual(["n", "reference", "baseline_slope", "differences"]);
    expect(doc.reference).toBe("IOP");
    for (const d of doc.differences) expect(Object.keys(d)).toEqual(["level_of_care", "estimate", "se", "ci", "p"]);
  }, 60_000);

  it("treats SQL in --reference and the cohort filters as data: a document or a usage error, nothing changed", async () => {
    const attack = "IOP'; drop table episodes; --";
    for (const args of [["--reference", attack], ["--by", "modality", "--reference", "in_person", "--level-of-care", attack], ["--year", attack], ["--quarter", attack]]) {
      const run = await cli(["analyze", "compare", "--instrument", "PHQ9", ...args, "--equivalence", "2.5", "--json"], env);
      expect([0, 2], `${args.join(" ")}: ${run.stderr}`).toContain(run.code);
      if (run.code === 0) expect(JSON.parse(run.stdout)).toHaveProperty("n");
    }
    const after = await cli(["analyze", "compare", "--instrument", "PHQ9", "--reference", "RES", "--equivalence", "2.5", "--noninferiority", "2.5", "--json"], env);
    expectMatches(JSON.parse(after.stdout), golden.cases[0].doc, "after the attacks");
  }, 60_000);

  it.each([
    [["--equivalence", "0"], "--equivalence takes a margin"],
    [["--equivalence=-2.5"], "--equivalence takes a margin"],
    [["--noninferiority", "abc"], "--noninferiority takes a margin"],
    [["--noninferiority", "2.5pts"], "--noninferiority takes a margin"],
    [["--equivalence", ""], "--equivalence takes a margin"],
    [["--equivalence"], "--equivalence"],
    [["--by", "modality"], "needs --reference"],
    [["--by", "modality,track", "--reference", "virtual"], "one --by key"],
    [["--year", "26"], "--year looks like 2026"],
  ])("refuses %j with exit 2 and one line", async (args, message) => {
    const run = await cli(["analyze", "compare", "--instrument", "PHQ9", ...args, "--json"], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^continuum: .*\(usage\)\n$/);
  });
});
