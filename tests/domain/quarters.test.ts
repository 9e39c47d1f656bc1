// Quarter arithmetic of the reports: previous quarters across a year, the 8-quarter window,
// the default report quarter (the last one that has ended at the data cut), and quarters as
// the date ranges the queries filter on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastCompleteQuarter, previousQuarter, quarterOfDate, quartersDays, quartersEnding } from "../../domain/quarters.ts";

describe("quarters", () => {
  it("steps back across a year boundary", () => {
    expect(previousQuarter("2026Q1")).toBe("2025Q4");
    expect(quartersEnding("2026Q2", 4)).toEqual(["2025Q3", "2025Q4", "2026Q1", "2026Q2"]);
  });

  it("places dates in quarters", () => {
    expect(quarterOfDate("2026-03-31")).toBe("2026Q1");
    expect(quarterOfDate("2026-04-01")).toBe("2026Q2");
  });

  it("defaults a report to the last quarter that has ended", () => {
    expect(lastCompleteQuarter("2026-09-30")).toBe("2026Q3");
    expect(lastCompleteQuarter("2026-09-29")).toBe("2026Q2");
    expect(lastCompleteQuarter("2026-12-31")).toBe("2026Q4");
    expect(lastCompleteQuarter("2026-01-15")).toBe("2025Q4");
  });

  it("turns quarters into the fewest date ranges", () => {
    expect(quartersDays(["2026Q1", "2025Q3", "2025Q4", "2026Q3", "2025Q4", "bad", ""])).toEqual([
      { from: "2025-07-01", until: "2026-04-01" },
      { from: "2026-07-01", until: "2026-10-01" },
    ]);
    expect(quartersDays([])).toEqual([]);
  });

  it("a date is in the ranges exactly when its quarter is in the set", () => {
    const quarter = fc.tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}Q${q}`);
    const day = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(quarter, { maxLength: 12 }), day, (quarters, date) => {
        const inRanges = quartersDays(quarters).some((r) => date >= r.from && date < r.until);
        expect(inRanges).toBe(quarters.includes(quarterOfDate(date)));
      }),
    );
  });
});
