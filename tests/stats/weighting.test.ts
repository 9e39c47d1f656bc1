// Weighted mean difference and standardized mean difference: with unit weights they are the
// textbook quantities (Welch-type SE with n in the denominator, Cohen's d on the average
// variance), and weights act as frequency weights on the means.
import { describe, expect, it } from "vitest";
import { indicatorDesign, ipwDifference, standardizedDifference, weightedMeanDifference } from "../../stats/weighting.ts";

const x = [1, 2, 3, 4, 10, 12, 14];
const treated = [0, 0, 0, 0, 1, 1, 1];
const ones = x.map(() => 1);

describe("weighting", () => {
  it("with unit weights: difference of means and the plug-in SE", () => {
    const { difference, se } = weightedMeanDifference(x, treated, ones);
    expect(difference).toBeCloseTo(12 - 2.5, 12);
    // Σ(x − x̄)²/n² per group: (8/9) and (5/16).
    expect(se).toBeCloseTo(Math.sqrt(8 / 9 + 5 / 16), 12);
  });

  it("with unit weights: SMD on the average of the sample variances", () => {
    // Sample variances: treated 4, control 5/3.
    expect(standardizedDifference(x, treated, ones)).toBeCloseTo(9.5 / Math.sqrt((4 + 5 / 3) / 2), 12);
  });

  it("treats integer weights like repeated observations in the means", () => {
    const w = [2, 1, 1, 1, 1, 1, 3];
    const repeated = weightedMeanDifference([1, 1, 2, 3, 4, 10, 12, 14, 14, 14], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], Array(10).fill(1));
    expect(weightedMeanDifference(x, treated, w).difference).toBeCloseTo(repeated.difference, 12);
  });

  it("builds an intercept, numeric columns and indicators for all but the first category", () => {
    const d = indicatorDesign([[5, 7, 9]], [["b", "a", null], ["x", "x", "x"]]);
    // categories sorted: "(none)" first, then a, b; the constant column adds nothing.
    expect(d.terms).toEqual(["(Intercept)", "x1", "c1:a", "c1:b"]);
    expect(d.rows).toEqual([[1, 5, 0, 1], [1, 7, 1, 0], [1, 9, 0, 0]]);
  });

  it("ipwDifference: with a propensity that depends on nothing, the weights are 1 and the crude difference stands", () => {
    const r = ipwDifference(x, treated as (0 | 1)[], x.map(() => [1]));
    if (!r.ok) throw new Error(r.reason);
    for (const w of r.weights) expect(w).toBeCloseTo(1, 9);
    expect(r.estimate).toBeCloseTo(9.5, 9);
    expect(r.crude).toBeCloseTo(9.5, 9);
    expect(r.se).toBeCloseTo(Math.sqrt(8 / 9 + 5 / 16), 9);
    expect(ipwDifference([1, 2, 3], [1, 0, 0], [[1], [1], [1]])).toEqual({ ok: false, reason: "too_few_observations" });
  });
});
