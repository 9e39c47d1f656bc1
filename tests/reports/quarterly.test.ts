// `report quarterly` end to end on a generated three-site cohort, on both engines: the pages,
// charts and data it writes, per-site pages, no small count published, byte-identical
// outputs on a second run (manifest and PDFs aside), and usage errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCompleteQuarter } from "../../domain/quarters.ts";
import { writeQuarterlyReport } from "../../reports/quarterly/index.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { cli } from "../support/cli.ts";
import { hashOutputs, loadCohort } from "../support/cohort.ts";
import { findSmallCounts } from "../support/published-counts.ts";
import { compareSvgSnapshot } from "../support/snapshot.ts";
import { expectHumanHeaders } from "../support/table-headers.ts";

const TILES = ["admissions", "discharges", "completion", "length_of_stay", "measurement", "phq9_improved", "gad7_improved", "would_recommend"];
const CHARTS = ["pre-post", "effect-sizes", "durability", "retention", "trend-completion", "trend-phq9-improvement"];
const reproducible = (dir: string) => hashOutputs(dir).filter((o) => !o.file.endsWith(".pdf"));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`report quarterly on ${kind}`, () => {
    let engine: TestEngine;
    let cut: string;
    const out = mkdtempSync(path.join(tmpdir(), "continuum-quarterly-"));
    const [first, second] = [path.join(out, "a"), path.join(out, "b")];
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      ({ dataCut: cut } = await loadCohort(engine, { episodes: 1500, seed: 5, sites: 3 }));
      for (const dir of [first, second]) await writeQuarterlyReport(engine.db, { out: dir, quarter: lastCompleteQuarter(cut), dataCut: cut, threshold: 11, engine: kind, pdf: false });
    }, 180_000); // the virtual-vs-in-person IOP finding adds a comparison per page
    afterAll(async () => {
      await engine.close();
      rmSync(out, { recursive: true, force: true });
    });

    it("writes the all-sites page, one page per site, every chart as SVG and PNG, data and manifest", () => {
      for (const page of ["quarterly.html", "quarterly-site-S01.html", "quarterly-site-S02.html", "quarterly-site-S03.html"]) expect(existsSync(path.join(first, page)), page).toBe(true);
      for (const chart of CHARTS) for (const ext of ["svg", "png"]) expect(existsSync(path.join(first, "charts", `${chart}.${ext}`)), `${chart}.${ext}`).toBe(true);
      const data = JSON.parse(readFileSync(path.join(first, "data.json"), "utf8"));
      expect(data.scopes.map((s: { site: string | null }) => s.site)).toEqual([null, "S01", "S02", "S03"]);
      expect(data.scopes[0].tiles.map((t: { id: string }) => t.id)).toEqual(TILES);
      expect(data.scopes[0]).not.toHaveProperty("cells");
      // Each site page carries its own continuity of care, in data.json's scope too.
      expect(readFileSync(path.join(first, "quarterly-site-S02.html"), "utf8")).toContain('<section id="continuity">');
      expect(data.scopes[2].continuity.quarter).toBe(lastCompleteQuarter(cut));
      const manifest = JSON.parse(readFileSync(path.join(first, "manifest.json"), "utf8"));
      expect(manifest.outputs.map((o: { file: string }) => o.file)).toContain("quarterly.html");
      expect(manifest.parameters).toMatchObject({ quarter: lastCompleteQuarter(cut), threshold: 11 });
    });

    it("reads as a director's page: every section, directions on the axes, n on estimates", () => {
      const html = readFileSync(path.join(first, "quarterly.html"), "utf8");
      for (const id of ["at-a-glance", "what-changed", "pre-post", "effects", "comparable", "durability", "retention", "trend", "sites", "about"]) expect(html).toContain(`<section id="${id}">`);
      expect(html).toContain("fewer symptoms");
      expect(html).toContain("lower is better");
      expect(html).toContain("higher is better");
      expect(html).toMatch(/n=\d{2,}/);
      for (const page of ["quarterly.html", "quarterly-site-S01.html"]) expectHumanHeaders(readFileSync(path.join(first, page), "utf8"), page);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    });

    it("compares the sites case-mix adjusted on every page, each site's page saying where it stands, with no ranking table", () => {
      const data = JSON.parse(readFileSync(path.join(first, "data.json"), "utf8"));
      expect(data.sites.quarters).toHaveLength(4);
      expect(data.sites.funnel.points.length).toBeGreaterThanOrEqual(2);
      for (const chart of ["sites-funnel", "sites-saes", "site-S01-sites-funnel"]) expect(existsSync(path.join(first, "charts", `${chart}.svg`)), chart).toBe(true);
      const page = readFileSync(path.join(first, "quarterly-site-S01.html"), "utf8");
      const section = page.slice(page.indexOf('<section id="sites">'), page.indexOf("</section>", page.indexOf('<section id="sites">')));
      expect(section).toMatch(/Where site S01 stands:|Site S01 had too few/);
      expect(section).toContain("not ranked");
      expect(section).not.toContain("<table");
    });

    it("draws the charts of the fixed-seed cohort as their golden SVGs (tests/reports/output/quarterly-*.svg)", () => {
      for (const chart of CHARTS) expect(compareSvgSnapshot(`quarterly-${chart}`, readFileSync(path.join(first, "charts", `${chart}.svg`), "utf8"))).toBeNull();
    });

    it("publishes no count from 1 to 10", () => {
      expect(findSmallCounts(first)).toEqual([]);
    });

    it("gives byte-identical pages, charts and data on a second run", () => {
      expect(reproducible(second)).toEqual(reproducible(first));
    });
  });
}

describe("report usage", () => {
  it.each([
    [["report"], /report needs one of/],
    [["report", "weekly", "--out", "x"], /report needs one of/],
    [["report", "quarterly"], /needs --out DIR/],
    [["report", "quarterly", "--out", "x", "--quarter", "2026-Q3"], /--quarter looks like 2026Q3/],
    [["report", "quarterly", "--out", "x", "--threshold", "1"], /--threshold must be an integer/],
  ])("%j is a usage error (exit 2, one line)", async (argv, message) => {
    const run = await cli(argv as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
