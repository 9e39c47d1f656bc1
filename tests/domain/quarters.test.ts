// Quarter arithmetic of the reports: previous quarters across a year, the 8-quarter window,
// and the default report quarter (the last one that has ended at the data cut).
import { describe, expect, it } from "vitest";
import { lastCompleteQuarter, previousQuarter, quarterOfDate, quartersEnding } from "../../domain/quarters.ts";

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
});
