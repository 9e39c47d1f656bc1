// A six-month window narrower than the default is read from the derived table
// (db/pair-derivation.ts narrowedPairs) instead of derived again: the pairs must be exactly the
// derivation's, for any half-width, on random cohorts whose follow-up scores crowd the window's
// edges (several per episode, ties on both sides of the due date). Other window sets still derive.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { derivePairs, narrowedFollowup } from "../../db/pair-derivation.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { pairRows } from "../../queries/intermediate/comparison-pairs.ts";
import { ENGINES_WITH_CITUS, openFreshEngine } from "../engines.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-narrowed-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const withFollowup = (before: number, after = before, offsetDays = 182): TimepointWindow[] =>
  DEFAULT_WINDOWS.map((w) => (w.timepoint === "followup_6m" ? { ...w, before, after, offsetDays } : w));
const day = (offset: number) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);

describe("narrowed six-month window", () => {
  it("is recognised only for a symmetric narrowing of the default six-month window", () => {
    expect(narrowedFollowup(withFollowup(30))).toBe(30);
    expect(narrowedFollowup(withFollowup(0))).toBe(0);
    expect(narrowedFollowup(DEFAULT_WINDOWS)).toBeNull(); // the table itself
    expect(narrowedFollowup(withFollowup(60))).toBeNull(); // wider: derived
    expect(narrowedFollowup(withFollowup(30, 40))).toBeNull(); // asymmetric: derived
    expect(narrowedFollowup(withFollowup(30, 30, 180))).toBeNull(); // moved: derived
    expect(narrowedFollowup(DEFAULT_WINDOWS.map((w) => (w.timepoint === "discharge" ? { ...w, after: 10 } : w)))).toBeNull();
  });
});

let n = 0;
for (const kind of ENGINES_WITH_CITUS) {
  describe(`narrowed six-month window on ${kind}`, () => {
    it("gives the derivation's pairs for any half-width", async () => {
      // Per episode: intake and discharge scores, and a few follow-up scores at offsets from
      // the due date (discharge + 182) within the default ±45.
      // Offsets are days, or the window's own edges (±w, one day past them) once w is drawn.
      const offset = fc.oneof(fc.integer({ min: -45, max: 45 }), fc.constantFrom("w", "-w", "w+1", "-w-1"));
      const episode = fc.record({ length: fc.integer({ min: 0, max: 60 }), offsets: fc.uniqueArray(offset, { maxLength: 4 }), score: fc.integer({ min: 0, max: 27 }) });
      const days = (o: number | string, w: number) => Math.max(-45, Math.min(45, typeof o === "number" ? o : { w, "-w": -w, "w+1": w + 1, "-w-1": -w - 1 }[o]!));
      await fc.assert(
        fc.asyncProperty(fc.array(episode, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 45 }), async (episodes, w) => {
          const dir = path.join(scratch, `c${n++}`);
          const rows = episodes.map((e, i) => {
            const id = `E${i + 1}`;
            const admitted = i * 3;
            const discharged = admitted + e.length;
            const scores: [number, number][] = [[admitted, e.score], [discharged, (e.score + 5) % 28], ...[...new Set(e.offsets.map((o) => days(o, w)))].map((o, k): [number, number] => [discharged + 182 + o, (e.score + k) % 28])];
            return { episode: `${id},P${i},S01,IOP,${day(admitted)},${day(discharged)}`, assessments: scores.map(([on, score]) => `${id},PHQ9,${day(on)},${score}`) };
          });
          const [episodesFile, assessmentsFile] = [`${dir}-episodes.csv`, `${dir}-assessments.csv`];
          writeFileSync(episodesFile, `episode_id,patient_id,site_id,level_of_care,admitted_on,discharged_on\n${rows.map((r) => r.episode).join("\n")}\n`);
          writeFileSync(assessmentsFile, `episode_id,instrument,assessed_on,total_score\n${rows.flatMap((r) => r.assessments).join("\n")}\n`);
          const engine = await openFreshEngine(kind);
          try {
            for (const file of [episodesFile, assessmentsFile]) await ingestFile(engine, file);
            const windows = withFollowup(w);
            const order = ["episode_id", "comparison"] as const;
            const fromTable = await pairRows(engine.db, windows, "PHQ9").orderBy(order[0]).orderBy(order[1]).execute();
            const derived = await engine.db.selectFrom(derivePairs(engine.db, windows, { instrument: "PHQ9" }).as("c")).selectAll("c").orderBy(order[0]).orderBy(order[1]).execute();
            expect(fromTable).toEqual(derived);
            expect(derived.length).toBeGreaterThan(0);
          } finally {
            await engine.close();
          }
        }),
        { numRuns: 6, seed: 20261207 },
      );
    }, 240_000);
  });
}
