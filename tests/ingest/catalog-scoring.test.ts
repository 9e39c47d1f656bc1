// The ingest's set-wise SQL scoring agrees with the catalog's reference scoring
// (domain/scoring.ts) on item-only rows: plain sums, PHQ-9 proration with its rounding, the
// reversed DAST-10 item 3, and no total where items are missing and proration is not allowed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ASSESSMENT_FIXED_COLUMNS, itemColumns } from "../../domain/columns.ts";
import type { InstrumentCode } from "../../domain/instruments.ts";
import { scoreItems } from "../../domain/scoring.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { messy } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-scoring-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CASES: [InstrumentCode, (number | null)[]][] = [
  ["PHQ9", [1, 2, 3, 0, 1, 2, 3, 0, 1]],
  ["PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, null]],
  ["PHQ9", [1, 1, 1, 1, 0, 0, 0, 0, null]], // 4.5 → 5
  ["PHQ9", [1, null, 1, 0, 0, 0, 0, 0, null]], // 2.571 → 3
  ["PHQ9", [1, 1, 1, 1, 1, 1, null, null, null]], // too many missing
  ["GAD7", [2, 2, 2, 2, 2, 2, null]], // no proration
  ["DAST10", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]], // 1: item 3 "no"
  ["DAST10", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], // 9
  ["DAST10", [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]], // 4
  ["SWLS", [7, 6, 5, 4, 3]],
];

for (const kind of ENGINES) {
  describe(`ingest scoring on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("stores the total domain/scoring.ts computes, and quarantines what it refuses", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const header = [...ASSESSMENT_FIXED_COLUMNS, ...itemColumns(10)];
      const lines = CASES.map(([code, items], i) => {
        const row: Record<string, string> = Object.fromEntries(header.map((c) => [c, ""]));
        Object.assign(row, { episode_id: "E1", instrument: code, assessed_on: `2026-01-${String(10 + i).padStart(2, "0")}` });
        items.forEach((v, k) => (row[`item_${k + 1}`] = v === null ? "" : String(v)));
        return header.map((c) => row[c]).join(",");
      });
      const file = path.join(scratch, `items-${kind}.csv`);
      writeFileSync(file, [header.join(","), ...lines].join("\n") + "\n");
      const outcome = await ingestFile(engine, file);

      const expected = CASES.map(([code, items]) => scoreItems(code, items));
      const stored = await engine.db.selectFrom("assessments").select(["assessed_on", "total_score"]).orderBy("assessed_on").execute();
      const byDay = new Map(stored.map((r) => [String(r.assessed_on), r.total_score]));
      const got = CASES.map((_, i) => byDay.get(`2026-01-${String(10 + i).padStart(2, "0")}`) ?? null);
      expect(got).toEqual(expected.map((r) => ("total" in r ? r.total : null)));
      expect(got).toEqual([13, 27, 5, 3, null, null, 1, 9, 4, 25]);
      expect(outcome).toMatchObject({ inserted: 8, quarantined: 2, reasons: { items_incomplete: 2 } });
    });
  });
}
