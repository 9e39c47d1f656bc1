// The repeated-key watch of pass 1 (pipelines/repeated-keys.ts) lets validation skip its
// duplicate grouping, so it must never clear a file that validation would find a duplicate in:
// checked against the key as validation reads it, over random records (padded, lower-case,
// quoted, out of order, bad dates). It must also clear what exports usually are.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RepeatedKeyWatch } from "../../pipelines/repeated-keys.ts";

const COLUMNS = ["instrument", "episode_id", "total_score", "assessed_on"];

function watch(records: readonly string[], columns = COLUMNS, delimiter = ","): boolean {
  const w = new RepeatedKeyWatch(columns, delimiter);
  // As the scanner hands them over: several records in one text, each by its position.
  const text = records.join("\n");
  let start = 0;
  for (const r of records) {
    w.visit(text, start, start + r.length);
    start += r.length + 1;
  }
  return w.mayRepeat;
}

/** The key validation groups on (null when a part is missing), and whether its date can be valid. */
function sqlKey(record: string): string | null {
  const [instrument, episode, , date] = record.split(",").map((v) => v.replace(/^ +| +$/g, ""));
  if (!instrument || !episode || !date) return null;
  if (!/^(18|19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date)) return null;
  return JSON.stringify([episode, instrument.replace(/[a-z]/g, (c) => c.toUpperCase()), date]);
}

describe("repeated-key watch", () => {
  it("clears records grouped by episode in increasing order, in any order within an episode", () => {
    expect(watch(["PHQ9,E1,3,2026-01-05", "GAD7,E1,3,2026-01-05", "PHQ9,E1,3,2026-02-05", "PHQ9,E2,1,2026-01-05", "phq9,E3,1,2026-01-05"])).toBe(false);
  });

  it("suspects a key given twice, whatever the padding and case", () => {
    expect(watch(["PHQ9,E1,3,2026-01-05", " phq9 ,E1 ,4, 2026-01-05"])).toBe(true);
  });

  it("suspects an episode that comes back, or out of order", () => {
    expect(watch(["PHQ9,E1,3,2026-01-05", "PHQ9,E2,3,2026-01-05", "GAD7,E1,3,2026-01-06"])).toBe(true);
    expect(watch(["PHQ9,E2,3,2026-01-05", "PHQ9,E1,3,2026-01-05"])).toBe(true);
  });

  it("gives up on what it cannot read: quotes, too few fields, non-ASCII instruments, a missing key column", () => {
    expect(watch(['PHQ9,"E1",3,2026-01-05'])).toBe(true);
    expect(watch(["PHQ9,E1,3"])).toBe(true);
    expect(watch(["PHQ9é,E1,3,2026-01-05"])).toBe(true);
    expect(watch(["PHQ9,E1,3,2026-01-05"], ["instrument", "episode_id", "total_score", "date"])).toBe(true);
  });

  it("ignores rows validation refuses before the duplicate check (a key part missing, a date that is no date)", () => {
    expect(watch(["PHQ9,,3,2026-01-05", "PHQ9,,3,2026-01-05", "PHQ9,E1,3,2026-13-01", "PHQ9,E1,3,2026-13-01", "PHQ9,E1,3,  "])).toBe(false);
  });

  it("reads tab-delimited records", () => {
    expect(watch(["PHQ9\tE1\t3\t2026-01-05", "PHQ9\tE1\t3\t2026-01-05"], COLUMNS, "\t")).toBe(true);
    expect(watch(["PHQ9\tE1\t3\t2026-01-05", "PHQ9\tE1\t3\t2026-01-06"], COLUMNS, "\t")).toBe(false);
  });

  it("never clears records holding a key validation would find twice", () => {
    const value = (...options: string[]) => fc.constantFrom(...options);
    const record = fc
      .tuple(
        value("PHQ9", "phq9", " PHQ9 ", "GAD7", "", '"PHQ9"', "Ph\u00e99"),
        value("E1", "E2", " E2", "E3", "", "E10"),
        value("3", "", "x"),
        value("2026-01-05", " 2026-01-05 ", "2026-01-06", "2026-02-30", "2026-13-01", "", "05/01/2026", "1799-01-01"),
      )
      .map((parts) => parts.join(","));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.boolean(), (records, sorted) => {
        const rows = sorted ? [...records].sort((a, b) => (a.split(",")[1].trim() < b.split(",")[1].trim() ? -1 : 1)) : records;
        const keys = rows.map(sqlKey).filter((k) => k !== null);
        if (new Set(keys).size < keys.length) expect(watch(rows)).toBe(true);
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});
