// The checked way (pipelines/stage-checked.ts, pipelines/check-assessments.ts) validates an
// assessments file in Node as it streams; SQL validation (pipelines/validate-assessments.ts)
// is the definition. Random files of good and bad values — every reason code, quoted fields,
// a backslash and non-ASCII text, the catalog's proration and reversed items, three delimiters,
// both line ends, with and without a BOM, records of an unknown episode, into an empty table (a
// first load, pipelines/first-load.ts) and after another file — are loaded both
// ways into fresh databases, and core rows, quarantine and ledger must be the same.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { INSTRUMENTS } from "../../domain/instruments.ts";
import { splitCsvRecord } from "../../pipelines/stage-checked.ts";
import { ENGINES_WITH_CITUS } from "../engines.ts";
import { loadFiles } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-checked-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const EPISODES = 'episode_id,patient_id,site_id,level_of_care,admitted_on,discharged_on\nE1,P1,S01,IOP,2026-01-02,2026-02-20\nE2,P2,S01,PHP,2026-01-03,\nE\\1,P3,S02,IOP,2026-01-04,2026-03-01\n"É4",P4,S02,OP,2026-01-05,\n';
const HEADER = `episode_id,instrument,assessed_on,timepoint,total_score,${Array.from({ length: 10 }, (_, k) => `item_${k + 1}`).join(",")}`;

const anyOf = (...values: string[]) => fc.constantFrom(...values);
const CODES = ["PHQ9", "GAD7", "DAST10", "SWLS", "PSQI"] as const;
/** A record near the catalog's edges: answers within range or missing, a total at or past a bound. */
const nearGood = fc
  .record({
    episode: anyOf("E1", "E2", "E\\1", "É4", "E9"),
    code: fc.constantFrom(...CODES),
    lower: fc.boolean(),
    date: anyOf("2026-01-05", "2026-01-06", "2024-02-29", "2026-02-28"),
    timepoint: anyOf("intake", "discharge", "followup_6m", ""),
    total: fc.constantFrom("", "", "min", "max", "over", "under", "5", "4.5"),
    answers: fc.array(fc.oneof(fc.nat(), fc.constant(-1)), { minLength: 10, maxLength: 10 }),
    given: fc.nat({ max: 10 }),
    shape: fc.constantFrom("total", "items", "both"),
  })
  .map(({ code, lower, total, answers, given, shape, ...r }) => {
    const i = INSTRUMENTS[code];
    const span = (i.items?.max ?? 0) - (i.items?.min ?? 0) + 1;
    const items = answers.map((a, k) => (shape !== "total" && k < given && k < (i.items?.count ?? 0) && a >= 0 ? String((i.items?.min ?? 0) + (a % span)) : ""));
    const bound: Record<string, string> = { min: String(i.total.min), max: String(i.total.max), over: String(i.total.max + 1), under: String(i.total.min - 1) };
    return { ...r, instrument: lower ? code.toLowerCase() : code, total: shape === "items" ? "" : (bound[total] ?? total), items };
  });
/** Values that break one rule each. */
const BAD: Record<string, readonly string[]> = {
  episode: ["E3", "", '"E""5"', "ｅ6"],
  instrument: ["Gad7", "XYZ", "", "ｐhq9"],
  date: ["2023-02-29", "1799-12-31", "2100-01-01", "2026-13-01", "2026-1-05", "20260105", "2026-04-31", "2026-01-0٥", ""],
  timepoint: ["Intake", "later", '"discharge"'],
  total: ["10.0", "10.5", "-0", "007", "1e3", "1234567", "-1", "x", '"1,0"', "3.25"],
  item: ["3.0", "-1", "10", "x", '"2"', "0007", "4"],
};
const record = fc
  .tuple(nearGood, fc.option(fc.tuple(fc.constantFrom(...Object.keys(BAD)), fc.nat(), fc.nat({ max: 9 })), { freq: 2, nil: null }))
  .map(([r, bad]) => {
    if (!bad) return r;
    const [field, pick, k] = bad;
    const value = BAD[field][pick % BAD[field].length];
    return field === "item" ? { ...r, items: r.items.map((v, j) => (j === k ? value : v)) } : { ...r, [field]: value };
  });
const asLine = (r: { episode: string; instrument: string; date: string; timepoint: string; total: string; items: readonly string[] }, delimiter: string) =>
  [r.episode, r.instrument, r.date, r.timepoint, r.total, ...r.items].join(delimiter);
/** One line per key (the checked way needs pass 1 to prove none repeats), in episode order. */
const uniqueKeys = <T extends { episode: string; instrument: string; date: string }>(rows: T[]) =>
  rows.filter((r, i) => rows.findIndex((o) => o.episode === r.episode && o.instrument.toUpperCase() === r.instrument.toUpperCase() && o.date === r.date) === i);

describe("splitting a record as Postgres' CSV reader does", () => {
  it("reads quotes anywhere in a field, doubled quotes, and empty fields as null", () => {
    expect(splitCsvRecord('a,"b,c",,"",x"y,z"w', ",")).toEqual(["a", "b,c", null, null, "xy,zw"]);
    expect(splitCsvRecord('"a""b";c', ";")).toEqual(['a"b', "c"]);
    expect(splitCsvRecord('a,"b', ",")).toBeNull();
  });
});

for (const kind of ENGINES_WITH_CITUS) {
  describe(`the checked way on ${kind}`, () => {
    it("loads random assessments files exactly as SQL validation does", async () => {
      const episodesFile = path.join(scratch, "episodes.csv");
      writeFileSync(episodesFile, EPISODES);
      const earlierFile = path.join(scratch, "earlier.csv");
      writeFileSync(earlierFile, `episode_id,instrument,assessed_on,total_score\nE2,ISI,2025-12-31,9\n`);
      let n = 0;
      let checked = 0;
      let firstLoads = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 14 }), fc.constantFrom(",", ";", "\t"), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.boolean(), async (rows, delimiter, eol, bom, first) => {
          const lines = uniqueKeys(rows)
            .sort((a, b) => (a.episode < b.episode ? -1 : a.episode > b.episode ? 1 : 0))
            .map((r) => asLine(r, delimiter));
          const file = path.join(scratch, `assessments-${n++}.csv`);
          writeFileSync(file, `${bom ? "\ufeff" : ""}${[HEADER.replaceAll(",", delimiter), ...lines].join(eol)}${eol}`);
          // Into an empty assessments table or after another file (the merge's two paths).
          const files = first ? [episodesFile, file] : [episodesFile, earlierFile, file];
          const fast = await loadFiles(kind, files);
          const general = await loadFiles(kind, files, { generalValidation: true });
          expect(general.ways.at(-1)).not.toBe("checked");
          if (fast.facts.at(-1)!.unpadded && fast.facts.at(-1)!.uniqueKeys) expect(fast.ways.at(-1)).toBe("checked");
          if (fast.ways.at(-1) === "checked") checked++;
          // A first load exactly when the checked way loads into an empty table, but on Citus.
          expect(fast.firstLoads.at(-1)).toBe(fast.ways.at(-1) === "checked" && first && kind !== "citus");
          if (fast.firstLoads.at(-1)) firstLoads++;
          expect(fast.content).toEqual(general.content);
        }),
        { numRuns: kind === "pglite" ? 30 : 10, seed: 20261207 },
      );
      expect(checked).toBeGreaterThan(0);
      if (kind !== "citus") expect(firstLoads).toBeGreaterThan(0);
    }, 300_000);
  });
}
