// SPC limits and signals on series small enough to check by hand.
import { describe, expect, it } from "vitest";
import { pChart, xmrChart } from "../../stats/control-limits.ts";

describe("pChart", () => {
  it("centres on the pooled proportion with limits from each point's n", () => {
    const r = pChart([50, 60, 70], [100, 100, 100]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.centre).toBeCloseTo(0.6, 12);
    const half = 3 * Math.sqrt((0.6 * 0.4) / 100); // 0.146969…
    expect(r.points[0]).toEqual({ value: 0.5, centre: 0.6, lower: 0.6 - half, upper: 0.6 + half, signals: [] });
  });

  it("flags a point outside the limits", () => {
    const r = pChart([60, 61, 59, 20], [100, 100, 100, 100]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.points.map((p) => p.signals)).toEqual([[], [], [], ["outside_limits"]]);
  });

  it("refuses empty denominators and single points", () => {
    expect(pChart([1], [10])).toEqual({ ok: false, reason: "too_few_points" });
    expect(pChart([1, 2], [10, 0])).toEqual({ ok: false, reason: "no_denominator" });
  });
});

describe("xmrChart", () => {
  it("uses 2.66 × the mean moving range", () => {
    const r = xmrChart([10, 12, 11, 13]);
    if (!r.ok) throw new Error(r.reason);
    // x̄ = 11.5; moving ranges 2, 1, 2 → MR̄ = 5/3; limits 11.5 ± 2.66·5/3.
    expect(r.centre).toBe(11.5);
    expect(r.points[0].upper).toBeCloseTo(11.5 + (2.66 * 5) / 3, 12);
    expect(r.points[0].lower).toBeCloseTo(11.5 - (2.66 * 5) / 3, 12);
  });

  it("flags a run of 8 on one side of the centre as a shift, and not a run of 7", () => {
    const eight = xmrChart([1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3]);
    if (!eight.ok) throw new Error(eight.reason);
    expect(eight.points.every((p) => p.signals.includes("shift"))).toBe(true);
    const seven = xmrChart([1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3]);
    if (!seven.ok) throw new Error(seven.reason);
    expect(seven.points.some((p) => p.signals.includes("shift"))).toBe(false);
  });
});
