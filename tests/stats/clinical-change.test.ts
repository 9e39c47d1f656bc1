// Reliable and clinically significant change on hand-checkable numbers.
import { describe, expect, it } from "vitest";
import { changeCategory, isRemission, isResponse, reliableChangeIndex, standardErrorOfDifference } from "../../stats/clinical-change.ts";

// S_diff = 5 · √2 · √(1 − 0.82) = 5 · √0.36 = 3 → reliable when |change| > 5.88.
const PHQ = { better: "lower" as const, sdRef: 5, reliability: 0.82, cutoff: 10, clinicalAtOrAbove: true };
const SWLS = { better: "higher" as const, sdRef: 5, reliability: 0.82, cutoff: 20, clinicalAtOrAbove: false };

describe("Jacobson–Truax", () => {
  it("computes S_diff and RC", () => {
    expect(standardErrorOfDifference(5, 0.82)).toBeCloseTo(3, 12);
    expect(reliableChangeIndex(18, 9, PHQ)).toBeCloseTo(3, 12);
    expect(reliableChangeIndex(12, 18, SWLS)).toBeCloseTo(2, 12);
  });

  it("sorts episodes into the four categories", () => {
    expect(changeCategory(18, 6, PHQ)).toBe("recovered"); // 12 > 5.88 and 18 ≥ 10 → 6 < 10
    expect(changeCategory(24, 12, PHQ)).toBe("improved"); // reliable but still ≥ 10
    expect(changeCategory(18, 13, PHQ)).toBe("unchanged"); // 5 < 5.88
    expect(changeCategory(8, 15, PHQ)).toBe("deteriorated");
    expect(changeCategory(12, 22, SWLS)).toBe("recovered"); // higher is better, clinical below 20
    expect(changeCategory(22, 12, SWLS)).toBe("deteriorated");
  });

  it("applies response and remission rules", () => {
    expect(isResponse(20, 10)).toBe(true);
    expect(isResponse(20, 11)).toBe(false);
    expect(isResponse(0, 0)).toBe(false);
    expect(isRemission(4)).toBe(true);
    expect(isRemission(5)).toBe(false);
  });
});
