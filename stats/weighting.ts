// Weighted group comparisons for inverse-probability weighting (notebooks/levels.nb.ts).
//
// weightedMeanDifference: the difference of the two groups' weighted (Hájek) means, with the
//   robust (sandwich) variance of each weighted mean, Σ wᵢ²(xᵢ − x̄_w)² / (Σ wᵢ)², treating the
//   weights as known (Lunceford & Davidian 2004, Stat Med 23:2937; conservative when the
//   propensity is estimated).
// standardizedDifference: (x̄₁ − x̄₀) / √((s₁² + s₀²) / 2) with weighted means and the weighted
//   variance Σw / ((Σw)² − Σw²) · Σ w (x − x̄_w)² (Austin & Stuart 2015, Stat Med 34:3661).
import { logisticRegression } from "./logistic-regression.ts";

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

// ipwDifference: the method of notebooks/levels.nb.ts as one function, for the comparable-
//   outcomes analysis (DESIGN.md "Comparable outcomes"): a logistic propensity model of being in
//   the group rather than the reference (Rosenbaum & Rubin 1983), stabilized ATE weights
//   P(group) / P(group | x) and P(reference) / P(reference | x) (Hernán & Robins 2006), and the
//   weighted mean difference above with its robust SE, read against the normal distribution.

/**
 * Design matrix rows for a propensity model: an intercept, the numeric columns, and one
 * indicator for every category of each categorical column but the first in sort order (null is
 * a category of its own, "(none)"); a column with one category adds nothing.
 */
export function indicatorDesign(numeric: readonly (readonly number[])[], categorical: readonly (readonly (string | null)[])[]): { rows: number[][]; terms: string[] } {
  const n = numeric[0]?.length ?? categorical[0]?.length ?? 0;
  const columns: { term: string; value: (i: number) => number }[] = numeric.map((c, k) => ({ term: `x${k + 1}`, value: (i: number) => c[i] }));
  categorical.forEach((c, k) => {
    const label = (i: number) => c[i] ?? "(none)";
    const levels = [...new Set(c.map((v) => v ?? "(none)"))].sort();
    for (const level of levels.slice(1)) columns.push({ term: `c${k + 1}:${level}`, value: (i) => (label(i) === level ? 1 : 0) });
  });
  return { rows: Array.from({ length: n }, (_, i) => [1, ...columns.map((c) => c.value(i))]), terms: ["(Intercept)", ...columns.map((c) => c.term)] };
}

export type IpwResult =
  | { ok: true; n: number; estimate: number; se: number; crude: number; maxWeight: number; weights: number[] }
  | { ok: false; reason: "too_few_observations" | "singular_design" | "separation" | "no_convergence" };

/** Weighted difference in mean `outcome`, group (treated = 1) minus reference (treated = 0). */
export function ipwDifference(outcome: readonly number[], treated: readonly (0 | 1)[], design: readonly (readonly number[])[]): IpwResult {
  const n = outcome.length;
  const nTreated = treated.filter((t) => t === 1).length;
  if (nTreated < 2 || n - nTreated < 2 || n <= (design[0]?.length ?? 0)) return { ok: false, reason: "too_few_observations" };
  const fit = logisticRegression(design, treated);
  if (!fit.ok) return { ok: false, reason: fit.reason };
  const share = nTreated / n;
  const weights = fit.fitted.map((e, i) => (treated[i] ? share / e : (1 - share) / (1 - e)));
  const { difference, se } = weightedMeanDifference(outcome, treated, weights);
  const crude = weightedMeanDifference(outcome, treated, weights.map(() => 1)).difference;
  return { ok: true, n, estimate: difference, se, crude, maxWeight: Math.max(...weights), weights };
}
