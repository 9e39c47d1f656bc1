// The quarterly report's "Continuity of care" section on a generated multi-episode
// cohort, on both engines: the flow chart, the matrix and measures, the 8-quarter p-chart of
// 30-day readmission, on the all-sites page and each site's page (its own), and no small count
// published — in the continuity tables of any page or of data.json, nor by subtracting the
// other sites' published figures from the all-sites one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EPISODE_COLUMNS } from "../../domain/columns.ts";
import { ASSESSMENT_COLUMNS } from "../../fixtures/cohort.ts";
import { csvText } from "../../fixtures/csv.ts";
import { generatePathwayCohort } from "../../fixtures/pathway-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { writeQuarterlyReport } from "../../reports/quarterly/index.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { findSmallCounts } from "../support/published-counts.ts";

interface Scope {
  site: string | null;
  continuity: { quarter: string; flow: unknown[]; transitions: Record<string, string>[]; measures: Record<string, string>[] };
}

const smallCount = (text: string) => /^\d+$/.test(text.trim()) && Number(text) > 0 && Number(text) < 11;

for (const kind of ENGINES_WITH_CITUS) {
  describe(`quarterly continuity of care on ${kind}`, () => {
    let engine: TestEngine;
    const dir = mkdtempSync(path.join(tmpdir(), "continuum-quarterly-continuity-"));
    const out = path.join(dir, "report");
    beforeAll(async () => {
      const cohort = generatePathwayCohort({ patients: 3000, seed: 21 });
      writeFileSync(path.join(dir, "episodes.csv"), csvText(EPISODE_COLUMNS, cohort.episodes));
      writeFileSync(path.join(dir, "assessments.csv"), csvText(ASSESSMENT_COLUMNS, cohort.assessments));
      engine = await openFreshEngine(kind);
      for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(dir, file));
      const cut = (await dataCut(engine.db))!;
      await writeQuarterlyReport(engine.db, { out, quarter: "2025Q4", dataCut: cut, threshold: 11, engine: kind, pdf: false });
    }, 300_000);
    afterAll(async () => {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("adds the section with its flow chart, tables and readmission control chart to the all-sites page", () => {
      const html = readFileSync(path.join(out, "quarterly.html"), "utf8");
      expect(html).toContain('<section id="continuity">');
      expect(html).toContain("30-day readmission rate per discharge quarter");
      for (const chart of ["continuity-flow", "trend-readmission-30d"]) for (const ext of ["svg", "png"]) expect(existsSync(path.join(out, "charts", `${chart}.${ext}`)), `${chart}.${ext}`).toBe(true);
      const data = JSON.parse(readFileSync(path.join(out, "data.json"), "utf8"));
      expect(data.continuity.quarter).toBe("2025Q4");
      expect(data.continuity.readmission.points.map((p: { quarter: string }) => p.quarter)).toEqual(["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4"]);
      // The generated readmission rate within 30 days at IOP is 8 % + 47 % × 30 % × 30/180 ≈ 10 %; overall of the same order.
      for (const p of data.continuity.readmission.points) expect(p.value).toBeGreaterThan(0.03);
      // No matrix on this page: where people went is the step measures', and the flow chart is drawn from them.
      expect(data.continuity.transitions).toEqual([]);
      expect(data.continuity.flow.length).toBeGreaterThan(0);
      for (const segment of data.continuity.flow) expect(["less intensive", "more intensive", "same level or none", "suppressed"]).toContain(segment.to);
      // Each measure over the four most recent discharge quarters whose window had closed.
      expect(data.continuity.spans.step_down).toEqual(["2025Q1", "2025Q2", "2025Q3", "2025Q4"]);
      expect(data.continuity.spans.readmission_180d).toEqual(["2025Q1", "2025Q2", "2025Q3", "2025Q4"]); // the cut, 2026-09-30, closed them all
    });

    it("adds each site's own continuity to its page and to data.json's scope", () => {
      const data = JSON.parse(readFileSync(path.join(out, "data.json"), "utf8"));
      const scopes = data.scopes as Scope[];
      expect(scopes.length).toBeGreaterThan(2);
      expect(scopes[0].continuity).toEqual(data.continuity);
      for (const scope of scopes.slice(1)) {
        const html = readFileSync(path.join(out, `quarterly-site-${scope.site}.html`), "utf8");
        expect(html).toContain('<section id="continuity">');
        expect(scope.continuity.quarter).toBe("2025Q4");
        expect(scope.continuity.measures).not.toEqual(data.continuity.measures);
        if (scope.continuity.flow.length) expect(existsSync(path.join(out, "charts", `site-${scope.site}-continuity-flow.svg`))).toBe(true);
      }
    });

    it("shows no count from 1 to 10 in any page's continuity tables", () => {
      const data = JSON.parse(readFileSync(path.join(out, "data.json"), "utf8"));
      for (const scope of data.scopes as Scope[]) {
        for (const r of scope.continuity.transitions) for (const [k, v] of Object.entries(r)) if (k !== "from") expect(smallCount(v), `${scope.site} ${r.from} ${k}`).toBe(false);
        for (const m of scope.continuity.measures) expect(smallCount(m.discharges), `${scope.site} ${m.measure}`).toBe(false);
        const page = readFileSync(path.join(out, scope.site ? `quarterly-site-${scope.site}.html` : "quarterly.html"), "utf8");
        const section = page.slice(page.indexOf('<section id="continuity">'), page.indexOf("</section>", page.indexOf('<section id="continuity">')));
        for (const [, cell] of section.matchAll(/<td[^>]*>([^<]*)<\/td>/g)) expect(smallCount(cell), `${scope.site} page cell ${cell}`).toBe(false);
      }
    });

    it("leaves no site's hidden matrix entry or denominator equal to all sites minus the others", () => {
      const data = JSON.parse(readFileSync(path.join(out, "data.json"), "utf8"));
      const [whole, ...sites] = data.scopes as Scope[];
      const entries = (c: Scope["continuity"]) =>
        new Map([
          ...c.transitions.flatMap((r) => Object.entries(r).filter(([k]) => k !== "from").map(([k, v]) => [`${r.from} ${k}`, v] as const)),
          ...c.measures.map((m) => [`${m.measure} ${m["level of care"]}`, m.discharges] as const),
        ]);
      const parts = sites.map((s) => entries(s.continuity));
      for (const [key, value] of entries(whole.continuity)) {
        if (!/^\d+$/.test(value)) continue;
        const hidden = parts.filter((p) => p.has(key) && !/^\d+$/.test(p.get(key)!)).length;
        expect(hidden === 0 || hidden >= 2, key).toBe(true);
      }
    });

    it("publishes no count from 1 to 10", () => {
      expect(findSmallCounts(out)).toEqual([]);
    });
  });
}
