// Effect sizes, tests and intervals against R (tests/golden/effect-sizes.R → .json) at 1e-6
// relative, and the degenerate inputs that must give typed answers, never NaN.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pnt } from "../../stats/distributions.ts";
import { pairedEffectSize } from "../../stats/paired-effect-size.ts";
import { benjaminiHochberg, signedRankP, signedRankSummary, wilsonInterval } from "../../stats/rank-and-proportion.ts";
import { sumsFromPairs } from "../../stats/sufficient-statistics.ts";

const GOLDEN = JSON.parse(readFileSync(new URL("../golden/effect-sizes.json", import.meta.url), "utf8"));
const near = (actual: number | null | undefined, expected: number, tolerance = 1e-6) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
};

describe("paired effect sizes match R", () => {
  for (const g of GOLDEN.paired) {
    it(g.name, () => {
      const e = pairedEffectSize(sumsFromPairs(g.pre, g.post), g.better);
      for (const field of ["pre_mean", "pre_sd", "post_mean", "post_sd", "r", "mean_improvement", "d_z", "g_av", "d_pre", "t", "df", "p"] as const) near(e[field] as number, g[field]);
      near(e.d_z_ci![0], g.d_z_ci_exact[0], 1e-9);
      near(e.d_z_ci![1], g.d_z_ci_exact[1], 1e-9);
      near(e.d_z_ci![0], g.d_z_ci_effectsize[0], 1e-4); // effectsize's optim() is approximate
      near(e.d_z_ci![1], g.d_z_ci_effectsize[1], 1e-4);
      near(e.g_av_ci![0], g.g_av_ci[0]);
      near(e.g_av_ci![1], g.g_av_ci[1]);
      near(e.d_pre_ci![0], g.d_pre_ci[0]);
      near(e.d_pre_ci![1], g.d_pre_ci[1]);
      near(signedRankP(signedRankSummary(g.pre, g.post)), g.p_wilcoxon);
    });
  }
});

describe("distributions and intervals match R", () => {
  it("noncentral t CDF on a grid", () => {
    for (const g of GOLDEN.pnt) near(pnt(g.t, g.df, g.ncp), g.p, 1e-9);
  });
  it("Wilson intervals", () => {
    for (const g of GOLDEN.wilson) {
      const ci = wilsonInterval(g.x, g.n)!;
      near(ci[0], g.ci[0]);
      near(ci[1], g.ci[1]);
    }
  });
  it("Benjamini–Hochberg", () => {
    for (const g of GOLDEN.bh) benjaminiHochberg(g.p).forEach((p, i) => near(p, g.adjusted[i]));
  });
});

describe("degenerate input gets a typed answer", () => {
  const noNaN = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/NaN|Infinity/);
  it("n = 0 and n = 1", () => {
    const none = pairedEffectSize(sumsFromPairs([], []), "lower");
    expect(none).toMatchObject({ n: 0, d_z: null, reason: "too_few_pairs" });
    const one = pairedEffectSize(sumsFromPairs([10], [6]), "lower");
    expect(one).toMatchObject({ n: 1, d_z: null, mean_improvement: 4, reason: "too_few_pairs" });
    noNaN([none, one]);
  });
  it("zero variance of the differences and of the scores", () => {
    const constant = pairedEffectSize(sumsFromPairs([10, 12, 14], [7, 9, 11]), "lower");
    expect(constant).toMatchObject({ mean_improvement: 3, d_z: null, reason: "zero_variance" });
    const flat = pairedEffectSize(sumsFromPairs([5, 5, 5], [5, 5, 5]), "lower");
    expect(flat).toMatchObject({ d_z: null, g_av: null, d_pre: null, r: null });
    noNaN([constant, flat]);
  });
  it("all differences zero or tied give no Wilcoxon p rather than NaN", () => {
    expect(signedRankP(signedRankSummary([3, 4, 5], [3, 4, 5]))).toBeNull();
    expect(signedRankP({ n: 1, v: 1, tieSum: 0 })).not.toBeNaN();
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
