// Funnel limits as FunnelPlotR computes them: its own unit-test values (tests/testthat/
// test-poisson_limits.R and the φ of test-classes_methods.R, copied into funnel-poisson.json by
// tests/golden/benchmark.R with their rounding), R's type-7 quantile, and invariants (fast-check).
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poissonRatioLimits, proportionFunnel, proportionLimits, quantileType7, ratioFunnel, ratioLimits } from "../../stats/funnel-limits.ts";

const cases = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../golden/funnel-poisson.json"), "utf8"));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

describe("FunnelPlotR's own tests", () => {
  it("reproduces test-poisson_limits.R: exact Poisson limits at 15, 20 and 30 expected", () => {
    const { denominator, expected, round_digits } = cases.poisson_limits;
    for (const field of ["ll95", "ul95", "ll998", "ul998"] as const) {
      const ours = (denominator as number[]).map((e) => round(poissonRatioLimits(e)[field], round_digits[field]));
      expect(ours, field).toEqual(expected[field]);
    }
  });

  it("reproduces test-classes_methods.R: φ = 2.948033 of the SHMI funnel with nothing truncated", () => {
    const { numerator, denominator, group, expected, round_digits } = cases.phi;
    const funnel = ratioFunnel((group as string[]).map((key, i) => ({ key, numerator: numerator[i], denominator: denominator[i] })));
    expect(round(funnel.phi, round_digits)).toBe(expected);
    expect(funnel.adjusted).toBe(true);
    expect(funnel.tau2).toBeCloseTo(cases.phi.tau2_recomputed, 12);
  });
});

describe("R's quantile type 7", () => {
  it("interpolates between order statistics", () => {
    expect(quantileType7([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileType7([10, 1, 7], 0.9)).toBeCloseTo(9.4, 12);
    expect(quantileType7([3], 0.9)).toBe(3);
  });
});

const units = fc.array(fc.record({ n: fc.integer({ min: 12, max: 2000 }), share: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }), { minLength: 3, maxLength: 25 });

describe("funnel invariants", () => {
  it("nests the limits around the target: ll998 ≤ ll95 ≤ target ≤ ul95 ≤ ul998, narrowing as n grows", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.integer({ min: 2, max: 5000 }), (target, tau2, n) => {
        const [a, b] = [proportionLimits(target, tau2, n), proportionLimits(target, tau2, n * 2)];
        expect(a.ll998).toBeLessThanOrEqual(a.ll95);
        expect(a.ll95).toBeLessThanOrEqual(target + 1e-12);
        expect(a.ul95).toBeGreaterThanOrEqual(target - 1e-12);
        expect(a.ul998).toBeGreaterThanOrEqual(a.ul95);
        expect(b.ul998).toBeLessThanOrEqual(a.ul998 + 1e-12);
        expect(b.ll998).toBeGreaterThanOrEqual(a.ll998 - 1e-12);
        const r = ratioLimits(true, tau2, n);
        expect(r.ll998 * r.ul998).toBeCloseTo(1, 12);
      }),
    );
  });

  it("flags exactly the units outside their 99.8% limits, and τ² is 0 unless φ > 1", () => {
    fc.assert(
      fc.property(units, (us) => {
        const funnel = proportionFunnel(us.map((u, i) => ({ key: `S${i}`, numerator: Math.round(u.n * u.share), denominator: u.n })));
        for (const l of funnel.limits) expect(l.outlier).toBe(l.value < l.ll998 || l.value > l.ul998);
        if (!funnel.adjusted) expect(funnel.tau2).toBe(0);
        expect(funnel.adjusted).toBe(funnel.phi > 1);
      }),
    );
  });
});
