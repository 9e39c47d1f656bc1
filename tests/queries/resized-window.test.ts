// A six-month window narrower or wider than the default is read from the derived table
// (db/pair-derivation.ts resizedPairs) instead of derived again: the pairs must be exactly the
// derivation's, for any half-width, on random cohorts whose follow-up scores crowd the edges of
// the window and of the default one (several per episode, ties on both sides of the due date).
// Other window sets still derive.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { derivePairs, resizedFollowup } from "../../db/pair-derivation.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { pairRows } from "../../queries/intermediate/comparison-pairs.ts";
import { ENGINES_WITH_CITUS, openFreshEngine } from "../engines.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-resized-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const withFollowup = (before: number, after = before, offsetDays = 182): TimepointWindow[] =>
  DEFAULT_WINDOWS.map((w) => (w.timepoint === "followup_6m" ? { ...w, before, after, offsetDays } : w));
const day = (offset: number) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);

describe("resized six-month window", () => {
  it("is recognised only for a symmetric resizing of the default six-month window that stays apart from the others", () => {
    expect(resizedFollowup(withFollowup(30))).toBe(30);
    expect(resizedFollowup(withFollowup(0))).toBe(0);
    expect(resizedFollowup(withFollowup(60))).toBe(60);
    expect(resizedFollowup(withFollowup(174))).toBe(174); // its start, discharge + 8, still after the discharge window's end
    expect(resizedFollowup(withFollowup(175))).toBeNull(); // would touch the discharge window: derived
    expect(resizedFollowup(DEFAULT_WINDOWS)).toBeNull(); // the table itself
    expect(resizedFollowup(withFollowup(30, 40))).toBeNull(); // asymmetric: derived
    expect(resizedFollowup(withFollowup(60, 50))).toBeNull();
    expect(resizedFollowup(withFollowup(30, 30, 180))).toBeNull(); // moved: derived
    expect(resizedFollowup(DEFAULT_WINDOWS.map((w) => (w.timepoint === "discharge" ? { ...w, after: 10 } : w)))).toBeNull();
  });
});

let n = 0;
for (const kind of ENGINES_WITH_CITUS) {
  describe(`resized six-month window on ${kind}`, () => {
    it("gives the derivation's pairs for any half-width", async () => {
      // Per episode: intake and discharge scores, and a few follow-up scores at offsets from
      // the due date (discharge + 182): days, or the edges of the drawn window (±w, one day past
      // them) or of the default one (±45, ±46).
      const offset = fc.oneof(fc.integer({ min: -110, max: 110 }), fc.constantFrom("w", "-w", "w+1", "-w-1", 45, -45, 46, -46));
      const episode = fc.record({ length: fc.integer({ min: 0, max: 60 }), offsets: fc.uniqueArray(offset, { maxLength: 4 }), score: fc.integer({ min: 0, max: 27 }) });
      const days = (o: number | string, w: number) => (typeof o === "number" ? o : { w, "-w": -w, "w+1": w + 1, "-w-1": -w - 1 }[o]!);
      await fc.assert(
        fc.asyncProperty(fc.array(episode, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 100 }), async (episodes, w) => {
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
            expect(resizedFollowup(windows)).toBe(w === 45 ? null : w); // at ±45, the table itself
            expect(fromTable).toEqual(derived);
            expect(derived.length).toBeGreaterThan(0);
          } finally {
            await engine.close();
          }
        }),
        { numRuns: 8, seed: 20261208 },
      );
    }, 240_000);
  });
}
