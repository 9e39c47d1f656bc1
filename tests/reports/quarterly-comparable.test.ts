// The quarterly report's virtual-vs-in-person IOP finding, end to end on both engines:
// with a cohort large enough, one sentence (its numbers those of `analyze compare`) and one
// chart (golden SVG, PNG written); no group count published; on a cohort too small for the
// quarter, the sentence says why and no chart is drawn.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCompleteQuarter } from "../../domain/quarters.ts";
import { compareAnalysis } from "../../queries/analyses/other-analyses.ts";
import { virtualVsInPersonIop } from "../../reports/quarterly/comparable.ts";
import { writeQuarterlyReport } from "../../reports/quarterly/index.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { loadCohort } from "../support/cohort.ts";
import { findSmallCounts } from "../support/published-counts.ts";
import { compareSvgSnapshot } from "../support/snapshot.ts";

const pts = (x: number) => x.toFixed(1).replace("-", "−");

for (const kind of ENGINES) {
  describe(`quarterly virtual vs in-person IOP on ${kind}`, () => {
    let engine: TestEngine;
    let cut: string;
    let quarter: string;
    const out = mkdtempSync(path.join(tmpdir(), "continuum-quarterly-comparable-"));
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      ({ dataCut: cut } = await loadCohort(engine, { episodes: 4000, seed: 5, sites: 1 }));
      quarter = lastCompleteQuarter(cut);
      await writeQuarterlyReport(engine.db, { out, quarter, dataCut: cut, threshold: 11, engine: kind, pdf: false });
    }, 180_000);
    afterAll(async () => {
      await engine.close();
      rmSync(out, { recursive: true, force: true });
    });

    it("states the result in one sentence with the numbers of analyze compare", async () => {
      const fit = await compareAnalysis(engine.db, { instrument: "PHQ9", comparison: "intake_discharge", dataCut: cut, by: "modality", reference: "in_person", filter: { quarter, where: { level_of_care: "IOP" } }, equivalence: 5, noninferiority: 5 });
      const virtual = "differences" in fit ? fit.differences!.find((d) => d.modality === "virtual")! : null;
      expect(virtual?.equivalence).toBeDefined();
      const e = virtual!.equivalence!;
      const data = JSON.parse(readFileSync(path.join(out, "data.json"), "utf8"));
      const { sentence, rows } = data.scopes[0].comparable;
      expect(sentence).toContain(`differed by ${pts(virtual!.estimate)} points (90% CI ${pts(e.ci90[0])} to ${pts(e.ci90[1])}; margin ±5`);
      expect(sentence).toContain(e.verdict === "equivalent" ? "was as good as" : "IOP care");
      expect(sentence).not.toMatch(/\.\s+[A-Z]/); // one sentence
      expect(sentence.endsWith(").")).toBe(true);
      expect(rows.map((r: { label: string }) => r.label)).toEqual(["adjusted (ANCOVA)", "weighted"]);
      expect(JSON.stringify(data.scopes[0].comparable)).not.toMatch(/"n(_[a-z]+)?":/);
      const html = readFileSync(path.join(out, "quarterly.html"), "utf8");
      expect(html).toContain('<section id="comparable">');
      expect(html).toContain("Virtual IOP care");
    });

    it("draws one chart, as its golden SVG, and a PNG", () => {
      for (const ext of ["svg", "png"]) expect(existsSync(path.join(out, "charts", `comparable-virtual-iop.${ext}`))).toBe(true);
      expect(compareSvgSnapshot("quarterly-comparable-virtual-iop", readFileSync(path.join(out, "charts", "comparable-virtual-iop.svg"), "utf8"))).toBeNull();
    });

    it("publishes no count from 1 to 10", () => {
      expect(findSmallCounts(out)).toEqual([]);
    });

    it("says why, and draws nothing, when a group is below the threshold", async () => {
      const r = await virtualVsInPersonIop(engine.db, { quarter, dataCut: cut, where: {}, threshold: 1000 });
      expect(r.rows).toEqual([]);
      expect(r.sentence).toMatch(/^Virtual and in-person IOP care are not compared for \d{4}Q\d: fewer than 1000 /);
    });
  });
}
