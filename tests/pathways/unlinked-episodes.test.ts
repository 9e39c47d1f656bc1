// No false zeros: when patient_id links no two episodes (every patient has one), `check`
// reports it and every pathway output — analyze pathways and readmission, the quarterly
// report's continuity section, the accreditation pack's transitions — says the data cannot
// show transitions instead of publishing 0 % rates. A cohort with step-downs does neither.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPathways } from "../../cli/commands/analyze-pathways.ts";
import { lastCompleteQuarter } from "../../domain/quarters.ts";
import { pathwaysAnalysis, readmissionTimeAnalysis } from "../../queries/analyses/pathways-analysis.ts";
import { UNLINKED_CODE, UNLINKED_MESSAGE } from "../../queries/intermediate/linked-episodes.ts";
import { dataQualityFindings } from "../../queries/marts/data-quality.ts";
import { writeAccreditationReport } from "../../reports/accreditation/index.ts";
import { writeQuarterlyReport } from "../../reports/quarterly/index.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { loadCohort } from "../support/cohort.ts";

const section = (html: string, id: string) => html.slice(html.indexOf(`<section id="${id}">`), html.indexOf("</section>", html.indexOf(`<section id="${id}">`)));

for (const kind of ENGINES) {
  describe(`a cohort of single-episode patients on ${kind}`, () => {
    let engine: TestEngine;
    let cut: string;
    const out = mkdtempSync(path.join(tmpdir(), "continuum-unlinked-"));
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      ({ dataCut: cut } = await loadCohort(engine, { episodes: 500, seed: 12, sites: 1, stepDownShare: 0 }));
    }, 120_000);
    afterAll(async () => {
      await engine.close();
      rmSync(out, { recursive: true, force: true });
    });

    it("check reports that no two episodes are linked", async () => {
      const finding = (await dataQualityFindings(engine.db, { dataCut: cut })).find((f) => f.code === UNLINKED_CODE)!;
      expect(finding.count).toBe(500);
      expect(finding.severity).toBe("warning");
    });

    it("analyze pathways and readmission give no rate, and say why", async () => {
      const doc = await pathwaysAnalysis(engine.db, { dataCut: cut, withinDays: 14 });
      expect(doc).toMatchObject({ cannot_show_transitions: UNLINKED_MESSAGE, transitions: [], measures: [] });
      expect(renderPathways(doc, [])).toContain("cannot show transitions");
      expect(renderPathways(doc, [])).not.toMatch(/%/);
      expect(await readmissionTimeAnalysis(engine.db, { dataCut: cut })).toMatchObject({ cannot_show_transitions: UNLINKED_MESSAGE, groups: [] });
    });

    it("the quarterly continuity section and the accreditation transitions say so instead of publishing zeros", async () => {
      await writeQuarterlyReport(engine.db, { out: path.join(out, "q"), quarter: lastCompleteQuarter(cut), dataCut: cut, threshold: 11, engine: kind, pdf: false });
      await writeAccreditationReport(engine.db, { out: path.join(out, "a"), year: Number(cut.slice(0, 4)) - 1, dataCut: cut, threshold: 11, engine: kind, pdf: false });
      for (const [file, id] of [["q/quarterly.html", "continuity"], ["a/accreditation.html", "transitions"]]) {
        const html = section(readFileSync(path.join(out, file), "utf8"), id);
        expect(html, file).toContain("cannot show transitions");
        expect(html, file).not.toMatch(/\d %|<table/);
      }
    }, 120_000);
  });
}

describe("a cohort with step-downs", () => {
  it("is linked: no finding, and pathway rates", async () => {
    const engine = await openFreshEngine("pglite");
    try {
      const { dataCut: cut } = await loadCohort(engine, { episodes: 500, seed: 12, sites: 1, stepDownShare: 0.3 });
      expect((await dataQualityFindings(engine.db, { dataCut: cut })).find((f) => f.code === UNLINKED_CODE)!.count).toBe(0);
      const doc = await pathwaysAnalysis(engine.db, { dataCut: cut, withinDays: 14 });
      expect(doc.cannot_show_transitions).toBeUndefined();
      expect(doc.measures.length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
