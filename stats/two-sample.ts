// Two independent groups from their sums (n, Σx, Σx²): the attrition check of every
// effect-size row (DESIGN.md: baseline severity of episodes with vs without the later score).
// d = (mean₁ − mean₀) / pooled SD (Cohen 1988, eq. 2.3.2); p from Welch's t-test, as R's
// `t.test(x1, x0)` (var.equal = FALSE) with the Welch–Satterthwaite df.
import tCdf from "@stdlib/stats-base-dists-t-cdf";

export interface GroupSums {
  n: number;
  sum: number;
  sumSquares: number;
}

export type TwoSampleResult =
  | { ok: true; meanDifference: number; d: number; t: number; df: number; p: number }
  | { ok: false; reason: "too_few_observations" | "zero_variance" };

function meanAndVariance({ n, sum, sumSquares }: GroupSums) {
  const mean = sum / n;
  // Σ(x − x̄)² = Σx² − n·x̄²; clamp rounding noise at 0 (scores are small integers).
  const ss = Math.max(0, sumSquares - n * mean * mean);
  return { mean, variance: ss / (n - 1), ss };
}

export function compareGroups(first: GroupSums, second: GroupSums): TwoSampleResult {
  if (first.n < 2 || second.n < 2) return { ok: false, reason: "too_few_observations" };
  const a = meanAndVariance(first);
  const b = meanAndVariance(second);
  const pooled = Math.sqrt((a.ss + b.ss) / (first.n + second.n - 2));
  const va = a.variance / first.n;
  const vb = b.variance / second.n;
  if (pooled === 0 || va + vb === 0) return { ok: false, reason: "zero_variance" };
  const t = (a.mean - b.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (first.n - 1) + vb ** 2 / (second.n - 1));
  const p = 2 * tCdf(-Math.abs(t), df);
  return { ok: true, meanDifference: a.mean - b.mean, d: (a.mean - b.mean) / pooled, t, df, p };
}

export const sumsOf = (xs: readonly number[]): GroupSums => ({
  n: xs.length,
  sum: xs.reduce((s, x) => s + x, 0),
  sumSquares: xs.reduce((s, x) => s + x * x, 0),
});
