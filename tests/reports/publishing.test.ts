// Suppression by construction, tested from the outside: over many small generated cohorts
// (several sites, tiny subgroups) no published artifact shows a count from 1 to 10, and no
// such count follows from a published total minus the published parts (all sites minus the
// other sites; an instrument's paired n minus its other levels of care). On both engines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { lastCompleteQuarter } from "../../domain/quarters.ts";
import { defaultYear, writeAccreditationReport } from "../../reports/accreditation/index.ts";
import { writeQuarterlyReport } from "../../reports/quarterly/index.ts";
import { writeResearchExport } from "../../reports/research/index.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { loadCohort } from "../support/cohort.ts";
import { findSmallCounts } from "../support/published-counts.ts";

const THRESHOLD = 11;
const small = (n: number) => n > 0 && n < THRESHOLD;
const num = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : null);

interface Scope {
  site: string | null;
  tiles: { id: string; value: string; basis: string | null }[];
  effects: { instrument: string; level_of_care: string; n: string }[];
}

/** Counts a reader could recover by subtraction from one quarterly data.json. */
function derivableCounts(scopes: readonly Scope[]): string[] {
  const [all, ...sites] = scopes;
  const found: string[] = [];
  const check = (what: string, total: number | null, parts: (number | null)[]) => {
    if (total === null) return;
    const missing = parts.filter((p) => p === null).length;
    const rest = total - parts.reduce<number>((a, p) => a + (p ?? 0), 0);
    if (missing === 1 && small(rest)) found.push(`${what}: ${total} minus the shown parts = ${rest}`);
  };
  // All sites minus the other sites.
  for (const id of ["admissions", "discharges"]) {
    check(id, num(all.tiles.find((t) => t.id === id)?.value), sites.map((s) => num(s.tiles.find((t) => t.id === id)?.value)));
  }
  for (const row of all.effects) {
    const parts = sites.map((s) => num(s.effects.find((e) => e.instrument === row.instrument && e.level_of_care === row.level_of_care)?.n));
    check(`${row.instrument} ${row.level_of_care}`, num(row.n), parts);
  }
  // Within a page: the instrument's paired n (its tile's basis) minus its levels of care.
  const levels = [...new Set(scopes.flatMap((s) => s.effects.map((e) => e.level_of_care)))];
  for (const scope of scopes) {
    for (const [tile, instrument] of [["phq9_improved", "PHQ-9"], ["gad7_improved", "GAD-7"]]) {
      const total = num(/^n = (\d+)$/.exec(scope.tiles.find((t) => t.id === tile)?.basis ?? "")?.[1]);
      const parts = levels.map((level) => num(scope.effects.find((e) => e.instrument === instrument && e.level_of_care === level)?.n));
      check(`${scope.site ?? "all"} ${instrument} by level`, total, parts);
    }
  }
  return found;
}

describe("the published-count reader", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-reader-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds small counts in text, tables, JSON and CSV", () => {
    mkdirSync(path.join(dir, "charts"));
    writeFileSync(path.join(dir, "page.html"), "<p>n = 7</p><table><thead><tr><th>Level</th><th>Episodes</th></tr></thead><tbody><tr><td>IOP</td><td>4</td></tr></tbody></table>");
    writeFileSync(path.join(dir, "charts", "c.svg"), "<svg><text>0.5 n=12</text><text>n=3</text></svg>");
    writeFileSync(path.join(dir, "data.json"), JSON.stringify({ rows: [{ n: 25 }, { n: "9" }], tiles: [{ kind: "count", value: "6", previous: "<11" }] }));
    writeFileSync(path.join(dir, "t.csv"), 'level,n,mean\nIOP,5,1.2\n"P,HP",40,3\n');
    expect(findSmallCounts(dir).map((v) => v.value).sort()).toEqual([3, 4, 5, 6, 7, 9]);
  });

  it("finds a count that a total minus the shown parts gives back", () => {
    const tile = (value: string) => ({ id: "admissions", value, basis: null });
    const scopes = [
      { site: null, tiles: [tile("40")], effects: [] },
      { site: "S01", tiles: [tile("33")], effects: [] },
      { site: "S02", tiles: [tile("<11")], effects: [] },
    ];
    expect(derivableCounts(scopes)).toEqual(["admissions: 40 minus the shown parts = 7"]);
  });
});

for (const kind of ENGINES) {
  describe(`published reports of small cohorts on ${kind}`, () => {
    const out = mkdtempSync(path.join(tmpdir(), "continuum-publishing-"));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it("never show or give back a count from 1 to 10", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 200, max: 1200 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 1_000_000 }), async (episodes, sites, seed) => {
          const engine = await openFreshEngine(kind);
          try {
            const { dataCut } = await loadCohort(engine, { episodes, sites, seed });
            const dir = path.join(out, `run-${run++}`);
            const common = { dataCut, threshold: THRESHOLD, engine: kind };
            await writeQuarterlyReport(engine.db, { ...common, out: path.join(dir, "quarterly"), quarter: lastCompleteQuarter(dataCut), pdf: false });
            await writeAccreditationReport(engine.db, { ...common, out: path.join(dir, "accreditation"), year: defaultYear(dataCut), pdf: false });
            await writeResearchExport(engine.db, { ...common, out: path.join(dir, "research") });
            expect(findSmallCounts(dir, THRESHOLD)).toEqual([]);
            expect(derivableCounts(JSON.parse(readFileSync(path.join(dir, "quarterly", "data.json"), "utf8")).scopes)).toEqual([]);
          } finally {
            await engine.close();
          }
        }),
        { numRuns: 5, seed: 20261125 },
      );
      // Five cohorts × three report sets: 110 s on PGlite alone on the 2-core machine since the
      // continuity and comparable sections; room for a loaded CI run.
    }, 600_000);
  });
}
