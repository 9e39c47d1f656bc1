// The accreditation pack and the research export end to end on a generated cohort, on both
// engines: what each writes, the research dataset's de-identification, the codebook covering
// every column, Vega-Lite specs that compile and draw, no small count published, and
// byte-identical outputs on a second run (manifest and PDFs aside).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultYear, writeAccreditationReport } from "../../reports/accreditation/index.ts";
import { vegaLiteToSvg } from "../../reports/charts/vega-lite.ts";
import { writeResearchExport } from "../../reports/research/index.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { hashOutputs, loadCohort } from "../support/cohort.ts";
import { csvCells, findSmallCounts } from "../support/published-counts.ts";
import { expectHumanHeaders } from "../support/table-headers.ts";

const reproducible = (dir: string) => hashOutputs(dir).filter((o) => !o.file.endsWith(".pdf"));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`accreditation and research reports on ${kind}`, () => {
    let engine: TestEngine;
    const out = mkdtempSync(path.join(tmpdir(), "continuum-reports-"));
    const dir = (name: string) => path.join(out, name);
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      const { dataCut } = await loadCohort(engine, { episodes: 1200, seed: 8, sites: 3 });
      const common = { dataCut, threshold: 11, engine: kind };
      for (const run of ["a", "b"]) {
        await writeAccreditationReport(engine.db, { ...common, out: dir(`accreditation-${run}`), year: defaultYear(dataCut) - 1, pdf: false });
        await writeResearchExport(engine.db, { ...common, out: dir(`research-${run}`) });
      }
    }, 180_000);
    afterAll(async () => {
      await engine.close();
      rmSync(out, { recursive: true, force: true });
    });

    it("accreditation: every section says which requirement it evidences", () => {
      const html = readFileSync(path.join(dir("accreditation-a"), "accreditation.html"), "utf8");
      for (const id of ["instruments", "coverage", "effectiveness", "trends", "satisfaction", "transitions", "standard-measures", "data-quality"]) {
        expect(html).toMatch(new RegExp(`<section id="${id}"><h2>[^<]+</h2><p class="evidence">[^<]*(CTS\\.03\\.01\\.09|CARF)`));
      }
      expect(existsSync(path.join(dir("accreditation-a"), "charts", "completion.svg"))).toBe(true);
      const data = JSON.parse(readFileSync(path.join(dir("accreditation-a"), "data.json"), "utf8"));
      expect(data.instruments.length).toBeGreaterThanOrEqual(4);
      expect(data.quarters).toHaveLength(4);
      // Transitions of care for the year's discharges, as a matrix with totals and the measures.
      expect(data.continuity.transitions.at(-1).from).toBe("total");
      expect(data.continuity.measures.map((m: { measure: string }) => m.measure)).toContain("readmission 30d");
      // The standard measures, with what program data cannot apply, and no element of performance the standard lacks.
      expect(data.measures.rows.map((r: Record<string, string>) => r.Specification)).toContain("CMS159v14 / NQF 0710");
      expect(data.measures.caveats.join(" ")).toMatch(/not a certified eCQM submission/);
      expect(html).not.toContain("EP 4");
      expectHumanHeaders(html, "accreditation.html");
    });

    it("research: the comparison of sites and the standard measures as CSV", () => {
      const [benchmark, measures] = ["benchmark", "measures"].map((t) => readFileSync(path.join(dir("research-a"), "tables", `${t}.csv`), "utf8").trim().split("\n"));
      expect(benchmark[0]).toMatch(/^site_code,n,saes,/);
      expect(benchmark.slice(1).map((r) => r.split(",")[0])).toEqual(["SITE01", "SITE02", "SITE03"]);
      expect(measures.slice(1).map((r) => r.split(",")[1])).toContain("nqf1884");
    });

    it("research: a tidy de-identified dataset with no dates and no source ids", () => {
      const csv = readFileSync(path.join(dir("research-a"), "data", "analysis-dataset.csv"), "utf8");
      const [header, ...rows] = csv.trim().split("\n");
      expect(csvCells(header)).toContain("episode_key");
      expect(rows.length).toBeGreaterThan(1000);
      expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(csv).not.toMatch(/\bE\d{7}\b|\bP\d{6}\b|\bS\d{2}\b/); // the generator's ids: E0000001, P000001, S01
      const keys = new Set(rows.map((r) => `${csvCells(r)[0]}|${csvCells(r)[15]}|${csvCells(r)[16]}`));
      expect(keys.size).toBe(rows.length); // one row per episode × instrument × timepoint
      // Keys in order of first appearance: episodes numbered as the rows go, a patient's key the
      // next unused one at their first episode.
      const firstSeen = (column: number) => [...new Set(rows.map((r) => csvCells(r)[column]))];
      const numbered = (keys: string[], prefix: string) => keys.every((k, i) => k === `${prefix}${String(i + 1).padStart(6, "0")}`);
      expect(numbered(firstSeen(0), "R")).toBe(true);
      expect(numbered(firstSeen(1), "RP")).toBe(true);
    });

    it("research: the codebook covers every column of every CSV", () => {
      const codebook = JSON.parse(readFileSync(path.join(dir("research-a"), "codebook.json"), "utf8"));
      const described = new Set(codebook.columns.map((c: { file: string; column: string }) => `${c.file}:${c.column}`));
      const csvs = ["data/analysis-dataset.csv", ...readdirSync(path.join(dir("research-a"), "tables")).filter((f) => f.endsWith(".csv")).map((f) => `tables/${f}`)];
      expect(csvs.length).toBe(8); // + tables/comparable.csv, benchmark.csv and measures.csv
      for (const file of csvs) {
        const header = readFileSync(path.join(dir("research-a"), file), "utf8").split("\n")[0];
        for (const column of csvCells(header)) expect(described.has(`${file}:${column}`), `${file}:${column}`).toBe(true);
      }
    });

    it("research: every chart has SVG, PNG and a Vega-Lite spec that compiles and draws", async () => {
      const charts = readdirSync(path.join(dir("research-a"), "charts"));
      const specs = charts.filter((f) => f.endsWith(".vl.json"));
      expect(specs.length).toBe(4);
      for (const spec of specs) {
        const name = spec.replace(".vl.json", "");
        expect(charts).toContain(`${name}.svg`);
        expect(charts).toContain(`${name}.png`);
        const svg = await vegaLiteToSvg(JSON.parse(readFileSync(path.join(dir("research-a"), "charts", spec), "utf8")));
        expect(svg).toMatch(/<svg[\s\S]*<path/);
      }
    });

    it("publish no count from 1 to 10", () => {
      expect(findSmallCounts(dir("accreditation-a"))).toEqual([]);
      expect(findSmallCounts(dir("research-a"))).toEqual([]);
    });

    it("give byte-identical files on a second run", () => {
      expect(reproducible(dir("accreditation-b"))).toEqual(reproducible(dir("accreditation-a")));
      expect(reproducible(dir("research-b"))).toEqual(reproducible(dir("research-a")));
    });
  });
}
