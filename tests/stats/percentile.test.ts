import { describe, expect, it } from "vitest";
import { percentileFromCounts } from "../../stats/percentile.ts";

describe("percentileFromCounts", () => {
  it("is the median of the values the histogram stands for, interpolated as percentile_cont", () => {
    // 10, 10, 30, 45 → (10 + 30) / 2
    expect(percentileFromCounts([{ value: 45, count: 1 }, { value: 10, count: 2 }, { value: 30, count: 1 }], 0.5)).toBe(20);
    // 1, 2, 2 → 2; one value → itself
    expect(percentileFromCounts([{ value: 2, count: 2 }, { value: 1, count: 1 }], 0.5)).toBe(2);
    expect(percentileFromCounts([{ value: 7, count: 1 }], 0.5)).toBe(7);
    // 1, 4 → 2.5; the quartile of 1, 2, 3, 4 → 1.75
    expect(percentileFromCounts([{ value: 1, count: 1 }, { value: 4, count: 1 }], 0.5)).toBe(2.5);
    expect(percentileFromCounts([1, 2, 3, 4].map((value) => ({ value, count: 1 })), 0.25)).toBe(1.75);
  });

  it("is null for an empty histogram (bars of count 0 included)", () => {
    expect(percentileFromCounts([], 0.5)).toBeNull();
    expect(percentileFromCounts([{ value: 3, count: 0 }], 0.5)).toBeNull();
  });
});
