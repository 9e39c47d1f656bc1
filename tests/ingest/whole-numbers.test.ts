// Scores are checked against the instrument's scale, not only its range. On a
// whole-number instrument a total or item like `12.5` is `bad_number`; `7.0` is 7. Same on
// both engines, on the COPY-as-bytes and scanner paths, and through the REDCap reshaping.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { INSTRUMENTS, INSTRUMENT_CODES } from "../../domain/instruments.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { messy } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-whole-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
};

const totals = write(
  "totals.csv",
  ["episode_id,instrument,assessed_on,timepoint,total_score", "E1,PHQ9,2026-01-05,intake,12.5", "E1,GAD7,2026-01-05,intake,2.5", "E2,PHQ9,2026-01-12,intake,7.0"].join("\n") + "\n",
);
const items = write(
  "items.csv",
  ["episode_id,instrument,assessed_on,timepoint,total_score,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9", "E1,PHQ9,2026-02-19,discharge,,1,1,1,1.0,1,1,0,0,0", "E2,PHQ9,2026-02-01,discharge,,1,1,1,1,2.5,1,0,0,0"].join("\n") + "\n",
);
const redcap = write(
  "redcap.csv",
  [
    "record_id,redcap_event_name,assessment_date,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9,phq9_total,gad7_total",
    "E1,intake_arm_1,2026-01-04,2,2,2,2,2,2,2,2,2.0,18.0,3.5",
    "E2,intake_arm_1,2026-01-11,1,1,1,1,1,1,1,1,0.5,,",
  ].join("\n") + "\n",
);

const quarantined = async (engine: TestEngine) =>
  (await sql<{ line: number; column_name: string; reason: string }>`select line, column_name, reason from quarantine order by line, column_name`.execute(engine.db)).rows;
const stored = async (engine: TestEngine) =>
  (await sql<{ episode_id: string; instrument: string; total_score: number; items: string | null }>`select episode_id, instrument, total_score, items::text as items from assessments order by episode_id, instrument, assessed_on`.execute(engine.db)).rows;

describe("the catalog", () => {
  it("declares every instrument's total whole unless it names a source for fractions", () => {
    for (const code of INSTRUMENT_CODES) {
      const i = INSTRUMENTS[code];
      if (i.fractionalTotal) expect(i.fractionalTotal.source.length, code).toBeGreaterThan(10);
      else expect(Number.isInteger(i.total.min) && Number.isInteger(i.total.max), code).toBe(true);
    }
  });
});

for (const kind of ENGINES) {
  for (const alwaysScan of [false, true]) {
    describe(`whole-number scores on ${kind}, ${alwaysScan ? "scanner" : "COPY"} path`, () => {
      const withEpisodes = async (fn: (engine: TestEngine) => Promise<void>) => {
        const engine = await openFreshEngine(kind);
        try {
          await ingestFile(engine, messy("episodes-clean.csv"));
          await fn(engine);
        } finally {
          await engine.close();
        }
      };

      it("loads 7.0 as 7 and quarantines 12.5 and 2.5 as bad_number", () =>
        withEpisodes(async (engine) => {
          const outcome = await ingestFile(engine, totals, { alwaysScan });
          expect(outcome).toMatchObject({ inserted: 1, quarantined: 2, reasons: { bad_number: 2 } });
          expect(await quarantined(engine)).toEqual([
            { line: 2, column_name: "total_score", reason: "bad_number" },
            { line: 3, column_name: "total_score", reason: "bad_number" },
          ]);
          expect(await stored(engine)).toEqual([{ episode_id: "E2", instrument: "PHQ9", total_score: 7, items: null }]);
        }));

      it("reads an item 1.0 as 1 and refuses an item 2.5", () =>
        withEpisodes(async (engine) => {
          const outcome = await ingestFile(engine, items, { alwaysScan });
          expect(outcome).toMatchObject({ inserted: 1, quarantined: 1, reasons: { bad_number: 1 } });
          expect(await quarantined(engine)).toEqual([{ line: 3, column_name: "item_5", reason: "bad_number" }]);
          expect(await stored(engine)).toEqual([{ episode_id: "E1", instrument: "PHQ9", total_score: 6, items: "{1,1,1,1,1,1,0,0,0}" }]);
        }));

      it("applies the same rule to REDCap items and totals", () =>
        withEpisodes(async (engine) => {
          const outcome = await ingestFile(engine, redcap, { alwaysScan });
          // E1: PHQ-9 items with 2.0 and a total 18.0 load; its GAD-7 total 3.5 does not; E2's item 0.5 does not.
          expect(outcome).toMatchObject({ kind: "redcap", inserted: 1, quarantined: 2, reasons: { bad_number: 2 } });
          expect(await quarantined(engine)).toEqual([
            { line: 2, column_name: "total_score", reason: "bad_number" },
            { line: 3, column_name: "item_9", reason: "bad_number" },
          ]);
          expect(await stored(engine)).toEqual([{ episode_id: "E1", instrument: "PHQ9", total_score: 18, items: "{2,2,2,2,2,2,2,2,2}" }]);
        }));
    });
  }
}
