// Weighted group comparisons for inverse-probability weighting (notebooks/levels.nb.ts).
//
// weightedMeanDifference: the difference of the two groups' weighted (Hájek) means, with the
//   robust (sandwich) variance of each weighted mean, Σ wᵢ²(xᵢ − x̄_w)² / (Σ wᵢ)², treating the
//   weights as known (Lunceford & Davidian 2004, Stat Med 23:2937; conservative when the
//   propensity is estimated).
// standardizedDifference: (x̄₁ − x̄₀) / √((s₁² + s₀²) / 2) with weighted means and the weighted
//   variance Σw / ((Σw)² − Σw²) · Σ w (x − x̄_w)² (Austin & Stuart 2015, Stat Med 34:3661).
import { type SumsCell, productKey } from "./least-squares.ts";
import { logisticRegression } from "./logistic-regression.ts";

interface Group {
  mean: number;
  sumW: number;
  sumW2: number;
  ss: number;
  robustVar: number;
}

/**
 * Rows sharing a weight and a group, as sums: `n` rows whose values add to `sum` and whose
 * squares add to `sumSq` — what SQL returns per covariate pattern, or one row on its own.
 */
export interface WeightedCell {
  treated: 0 | 1;
  weight: number;
  n: number;
  sum: number;
  sumSq: number;
}

const rowCells = (x: readonly number[], treated: readonly number[], weights: readonly number[]): WeightedCell[] =>
  x.map((v, i) => ({ treated: treated[i] as 0 | 1, weight: weights[i], n: 1, sum: v, sumSq: v * v }));

function group(cells: readonly WeightedCell[], which: 0 | 1): Group {
  let sumW = 0;
  let sumW2 = 0;
  let sumWx = 0;
  for (const c of cells) {
    if (c.treated !== which) continue;
    sumW += c.n * c.weight;
    sumW2 += c.n * c.weight ** 2;
    sumWx += c.weight * c.sum;
  }
  const mean = sumWx / sumW;
  let ss = 0;
  let robust = 0;
  for (const c of cells) {
    if (c.treated !== which) continue;
    // Σ (x − m)² over the cell's rows, from its sums.
    const deviations = Math.max(0, c.sumSq - 2 * mean * c.sum + c.n * mean * mean);
    ss += c.weight * deviations;
    robust += c.weight ** 2 * deviations;
  }
  return { mean, sumW, sumW2, ss, robustVar: robust / sumW ** 2 };
}

export function weightedCellsDifference(cells: readonly WeightedCell[]): { difference: number; se: number } {
  const [g1, g0] = [group(cells, 1), group(cells, 0)];
  return { difference: g1.mean - g0.mean, se: Math.sqrt(g1.robustVar + g0.robustVar) };
}

export function standardizedCellsDifference(cells: readonly WeightedCell[]): number {
  const [g1, g0] = [group(cells, 1), group(cells, 0)];
  const variance = (g: Group) => (g.sumW / (g.sumW ** 2 - g.sumW2)) * g.ss;
  const pooled = Math.sqrt((variance(g1) + variance(g0)) / 2);
  return pooled === 0 ? 0 : (g1.mean - g0.mean) / pooled;
}

export const weightedMeanDifference = (x: readonly number[], treated: readonly number[], weights: readonly number[]) => weightedCellsDifference(rowCells(x, treated, weights));

export const standardizedDifference = (x: readonly number[], treated: readonly number[], weights: readonly number[]) => standardizedCellsDifference(rowCells(x, treated, weights));

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

/** Rows of one group sharing a design row (a covariate pattern), with their outcome's sums. */
export interface OutcomeCell {
  x: readonly number[];
  treated: 0 | 1;
  n: number;
  sum: number;
  sumSq: number;
}

/** Cells of sums (stats/least-squares.ts) as outcome cells of the numeric column `column`, each with its design row and group. */
export const outcomeCells = (cells: readonly SumsCell[], column: string, x: (c: SumsCell, i: number) => readonly number[], treated: (c: SumsCell) => 0 | 1): OutcomeCell[] =>
  cells.map((c, i) => ({ x: x(c, i), treated: treated(c), n: c.n, sum: c.sum[column], sumSq: c.product[productKey(column, column)] }));

/** The standardized difference of a covariate constant within each cell (`value(i)` for cell i), under the cells' weights (1 when not given). */
export const cellCovariateDifference = (cells: readonly { treated: 0 | 1; n: number }[], value: (i: number) => number, weight: (i: number) => number = () => 1): number =>
  standardizedCellsDifference(cells.map((c, i) => ({ treated: c.treated, weight: weight(i), n: c.n, sum: c.n * value(i), sumSq: c.n * value(i) ** 2 })));

/**
 * ipwDifference from cells: the propensity model is fitted on covariate patterns as grouped
 * trials (the same estimates as the rows; stats/logistic-regression.ts), and each cell takes its
 * pattern's weight. `weights` are the cells'.
 */
export function ipwFromCells(cells: readonly OutcomeCell[]): IpwResult {
  const n = cells.reduce((a, c) => a + c.n, 0);
  const nTreated = cells.reduce((a, c) => a + (c.treated ? c.n : 0), 0);
  if (nTreated < 2 || n - nTreated < 2 || n <= (cells[0]?.x.length ?? 0)) return { ok: false, reason: "too_few_observations" };
  const patterns = new Map<string, { x: readonly number[]; trials: number; treated: number }>();
  for (const c of cells) {
    const key = c.x.join(",");
    const p = patterns.get(key) ?? patterns.set(key, { x: c.x, trials: 0, treated: 0 }).get(key)!;
    p.trials += c.n;
    p.treated += c.treated ? c.n : 0;
  }
  const list = [...patterns.values()];
  const fit = logisticRegression(list.map((p) => p.x), list.map((p) => p.treated), { trials: list.map((p) => p.trials), binaryRows: true });
  if (!fit.ok) return { ok: false, reason: fit.reason };
  const fitted = new Map(list.map((p, i) => [p.x.join(","), fit.fitted[i]]));
  const share = nTreated / n;
  const weights = cells.map((c) => {
    const e = fitted.get(c.x.join(","))!;
    return c.treated ? share / e : (1 - share) / (1 - e);
  });
  const weighted = (w: (i: number) => number) => weightedCellsDifference(cells.map((c, i) => ({ treated: c.treated, weight: w(i), n: c.n, sum: c.sum, sumSq: c.sumSq })));
  const { difference, se } = weighted((i) => weights[i]);
  return { ok: true, n, estimate: difference, se, crude: weighted(() => 1).difference, maxWeight: Math.max(...weights), weights };
}

/** Weighted difference in mean `outcome`, group (treated = 1) minus reference (treated = 0); one cell per row. */
export const ipwDifference = (outcome: readonly number[], treated: readonly (0 | 1)[], design: readonly (readonly number[])[]): IpwResult =>
  ipwFromCells(outcome.map((y, i) => ({ x: design[i], treated: treated[i], n: 1, sum: y, sumSq: y * y })));
