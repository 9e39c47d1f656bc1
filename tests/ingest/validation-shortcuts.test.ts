// What pass 1 proves of a file (no value padded with spaces, no natural key repeated) lets
// validation skip its trims and its duplicate grouping (pipelines/sql-checks.ts FileFacts). The
// shortcuts must change nothing: each file set is loaded with them and with `generalValidation`
// into fresh databases, and core rows, quarantine and ledger compared.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ENGINES_WITH_CITUS, type TestEngineKind } from "../engines.ts";
import { loadFiles, messy } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-shortcuts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let cohort: { episodesFile: string; assessmentsFile: string };
beforeAll(async () => {
  cohort = await writeCohort(path.join(scratch, "cohort"), { episodes: 40, seed: 11 });
});

const loadAll = (kind: TestEngineKind, files: readonly string[], generalValidation: boolean) => loadFiles(kind, files, { generalValidation });

const HEADER = "episode_id,instrument,assessed_on,timepoint,total_score,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9";
const EPISODES = "episode_id,patient_id,site_id,level_of_care,admitted_on,discharged_on\nE1,P1,S01,IOP,2026-01-02,2026-02-20\nE2,P2,S01,PHP,2026-01-03,\n";

for (const kind of ENGINES_WITH_CITUS) {
  describe(`validation shortcuts on ${kind}`, () => {
    it("take the shortcuts for a generated export and load exactly what the general checks load", async () => {
      const files = [cohort.episodesFile, cohort.assessmentsFile, messy("episodes-clean.csv"), messy("assessments-bad.csv")];
      const fast = await loadAll(kind, files, false);
      const general = await loadAll(kind, files, true);
      // The bad file repeats a key; the generated one does not, and has no padded value.
      expect([fast.facts[1], fast.facts[3]]).toEqual([
        { unpadded: true, uniqueKeys: true },
        { unpadded: true, uniqueKeys: false },
      ]);
      expect(general.facts.every((f) => !f.unpadded && !f.uniqueKeys)).toBe(true);
      expect(fast.content).toEqual(general.content);
      expect(fast.content.assessments.length).toBeGreaterThan(100);
      expect(fast.content.quarantine.some((q) => (q as { reason: string }).reason === "duplicate_in_file")).toBe(true);
    });

    it("load random assessments files (padded, repeated, unsorted, bad) the same with and without them", async () => {
      const episodesFile = path.join(scratch, "episodes.csv");
      writeFileSync(episodesFile, EPISODES);
      const row = fc
        .tuple(
          fc.constantFrom("E1", "E2", " E2 ", "E3", ""),
          fc.constantFrom("PHQ9", "phq9", "GAD7"),
          fc.constantFrom("2026-01-05", "2026-01-06", " 2026-01-05", "2026-02-30"),
          fc.constantFrom("intake", "discharge", " intake"),
          fc.constantFrom("10", " 12", ""),
        )
        .map((parts) => `${parts.join(",")},,,,,,,,,`);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), fc.boolean(), async (rows, sorted) => {
          const lines = sorted ? [...rows].sort() : rows;
          const file = path.join(scratch, `assessments-${n++}.csv`);
          writeFileSync(file, `${HEADER}\n${lines.join("\n")}\n`);
          const fast = await loadAll(kind, [episodesFile, file], false);
          const general = await loadAll(kind, [episodesFile, file], true);
          expect(fast.content).toEqual(general.content);
        }),
        { numRuns: 6, seed: 20261207 },
      );
    }, 180_000);
  });
}
