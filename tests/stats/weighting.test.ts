// Weighted mean difference and standardized mean difference: with unit weights they are the
// textbook quantities (Welch-type SE with n in the denominator, Cohen's d on the average
// variance), and weights act as frequency weights on the means.
import { describe, expect, it } from "vitest";
import { standardizedDifference, weightedMeanDifference } from "../../stats/weighting.ts";

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
});
