// The multi-episode generator (fixtures/pathway-cohort.ts): deterministic, with overlapping
// stays, and its true rates (fixtures/pathway-parameters.ts) recovered by the pathway
// analysis after a real ingest, on both engines.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EPISODE_COLUMNS } from "../../domain/columns.ts";
import { ASSESSMENT_COLUMNS } from "../../fixtures/cohort.ts";
import { csvText } from "../../fixtures/csv.ts";
import { generatePathwayCohort } from "../../fixtures/pathway-cohort.ts";
import { DEFAULT_PATHWAY_PARAMETERS, truePathwayRates } from "../../fixtures/pathway-parameters.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { continuingCareAnalysis } from "../../queries/analyses/continuing-care-analysis.ts";
import { type PathwaysDocument, pathwaysAnalysis } from "../../queries/analyses/pathways-analysis.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { dataQualityFindings } from "../../queries/marts/data-quality.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

const PARAMETERS = { patients: 5000, seed: 77 };

describe("the pathway generator", () => {
  it("is deterministic and makes patients with several episodes", () => {
    const a = generatePathwayCohort({ patients: 200, seed: 3 });
    expect(generatePathwayCohort({ patients: 200, seed: 3 })).toEqual(a);
    expect(generatePathwayCohort({ patients: 200, seed: 4 })).not.toEqual(a);
    const perPatient = new Map<string, number>();
    for (const e of a.episodes) perPatient.set(e.patient_id, (perPatient.get(e.patient_id) ?? 0) + 1);
    expect(perPatient.size).toBe(200);
    expect([...perPatient.values()].filter((n) => n >= 3).length).toBeGreaterThan(10);
  });

  it("implies rates a reader can check by hand", () => {
    const t = truePathwayRates();
    // IOP: transfers up 6 %, down 8 %; of the other 86 %, 45 % step down and 8 % step up.
    expect(t.IOP.step_down).toBeCloseTo(0.08 + 0.86 * 0.45, 12);
    expect(t.IOP.step_up).toBeCloseTo(0.06 + 0.86 * 0.08, 12);
    expect(t.IOP.readmission_30d).toBeCloseTo(0.08 + 0.47 * 0.3 * (30 / 180), 12);
    expect(t.IOP.continuing_care_30d).toBeCloseTo((0.6 * 0.45 + 0.08) / 0.68, 12);
    expect(t.OP.continuing_care_7d).toBeUndefined();
    expect(t.INP.step_up).toBe(0);
  });
});

for (const kind of ENGINES) {
  describe(`generated pathways recovered on ${kind}`, () => {
    let engine: TestEngine;
    let doc: PathwaysDocument;
    let overlaps: number;
    let continuing: Awaited<ReturnType<typeof continuingCareAnalysis>>;
    const dir = mkdtempSync(path.join(tmpdir(), "continuum-pathway-gen-"));
    beforeAll(async () => {
      const cohort = generatePathwayCohort(PARAMETERS);
      writeFileSync(path.join(dir, "episodes.csv"), csvText(EPISODE_COLUMNS, cohort.episodes));
      writeFileSync(path.join(dir, "assessments.csv"), csvText(ASSESSMENT_COLUMNS, cohort.assessments));
      engine = await openFreshEngine(kind);
      for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(dir, file));
      const cut = (await dataCut(engine.db))!;
      doc = await pathwaysAnalysis(engine.db, { dataCut: cut, withinDays: 14 });
      continuing = await continuingCareAnalysis(engine.db, { dataCut: cut });
      overlaps = (await dataQualityFindings(engine.db, { dataCut: cut })).find((f) => f.code === "overlapping_stays")!.count;
    }, 300_000);
    afterAll(async () => {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("recovers every level's true rate within 4 standard errors", () => {
      const truth = truePathwayRates({ ...DEFAULT_PATHWAY_PARAMETERS, ...PARAMETERS });
      let checked = 0;
      for (const m of doc.measures) {
        if (m.level_of_care === "all") continue;
        const p = truth[m.level_of_care][m.measure as keyof (typeof truth)["OP"]];
        if (p === undefined) {
          expect(m.denominator, `${m.level_of_care} ${m.measure}`).toBe(0);
          continue;
        }
        expect(m.denominator, `${m.level_of_care} ${m.measure}`).toBeGreaterThan(150);
        const se = Math.sqrt((p * (1 - p)) / m.denominator) || 1e-9;
        expect(Math.abs(m.numerator / m.denominator - p), `${m.level_of_care} ${m.measure}: ${m.numerator}/${m.denominator} vs ${p}`).toBeLessThanOrEqual(4 * se);
        checked++;
      }
      expect(checked).toBe(5 * 7 - 2); // OP has no continuing care; INP's step-up, 0 by construction, must be exactly 0
    });

    it("recovers the continuing-care effect once intake severity is adjusted or weighted for", () => {
      if (!("ancova" in continuing)) throw new Error("analysis failed");
      const ancova = continuing.ancova as { estimate: number; se: number };
      const ipw = continuing.ipw as { estimate: number; se: number };
      const effect = DEFAULT_PATHWAY_PARAMETERS.continuingCareEffect;
      expect(continuing.n).toBeGreaterThan(1000);
      expect(Math.abs(ancova.estimate - effect)).toBeLessThan(3 * ancova.se);
      expect(Math.abs(ipw.estimate - effect)).toBeLessThan(3 * ipw.se);
      // Severe patients step down more often: intake is imbalanced before weighting, not after.
      const intake = continuing.balance.find((b) => b.covariate === "intake")!;
      expect(intake.smd_before).toBeGreaterThan(0.2);
      expect(Math.abs(intake.smd_after!)).toBeLessThan(0.1);
    });

    it("plants overlapping stays, found by check", () => {
      expect(overlaps).toBeGreaterThan(50);
    });
  });
}
