// Weighted group comparisons for inverse-probability weighting (notebooks/levels.nb.ts).
//
// weightedMeanDifference: the difference of the two groups' weighted (Hájek) means, with the
//   robust (sandwich) variance of each weighted mean, Σ wᵢ²(xᵢ − x̄_w)² / (Σ wᵢ)², treating the
//   weights as known (Lunceford & Davidian 2004, Stat Med 23:2937; conservative when the
//   propensity is estimated).
// standardizedDifference: (x̄₁ − x̄₀) / √((s₁² + s₀²) / 2) with weighted means and the weighted
//   variance Σw / ((Σw)² − Σw²) · Σ w (x − x̄_w)² (Austin & Stuart 2015, Stat Med 34:3661).

interface Group {
  mean: number;
  sumW: number;
  sumW2: number;
  ss: number;
  robustVar: number;
}

function group(x: readonly number[], treated: readonly number[], weights: readonly number[], which: 0 | 1): Group {
  let sumW = 0;
  let sumW2 = 0;
  let sumWx = 0;
  for (let i = 0; i < x.length; i++) {
    if (treated[i] !== which) continue;
    sumW += weights[i];
    sumW2 += weights[i] ** 2;
    sumWx += weights[i] * x[i];
  }
  const mean = sumWx / sumW;
  let ss = 0;
  let robust = 0;
  for (let i = 0; i < x.length; i++) {
    if (treated[i] !== which) continue;
    ss += weights[i] * (x[i] - mean) ** 2;
    robust += weights[i] ** 2 * (x[i] - mean) ** 2;
  }
  return { mean, sumW, sumW2, ss, robustVar: robust / sumW ** 2 };
}

export function weightedMeanDifference(x: readonly number[], treated: readonly number[], weights: readonly number[]): { difference: number; se: number } {
  const [g1, g0] = [group(x, treated, weights, 1), group(x, treated, weights, 0)];
  return { difference: g1.mean - g0.mean, se: Math.sqrt(g1.robustVar + g0.robustVar) };
}

export function standardizedDifference(x: readonly number[], treated: readonly number[], weights: readonly number[]): number {
  const [g1, g0] = [group(x, treated, weights, 1), group(x, treated, weights, 0)];
  const variance = (g: Group) => (g.sumW / (g.sumW ** 2 - g.sumW2)) * g.ss;
  const pooled = Math.sqrt((variance(g1) + variance(g0)) / 2);
  return pooled === 0 ? 0 : (g1.mean - g0.mean) / pooled;
}
