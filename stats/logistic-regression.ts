// Logistic regression by iteratively reweighted least squares (Fisher scoring; McCullagh &
// Nelder, Generalized Linear Models, 2nd ed., §4.4) — R's glm(family = binomial), with its
// defaults (ε = 1e-8 on the relative deviance change, at most 25 iterations) — for the
// propensity scores of the inverse-probability-weighted comparison (notebooks/levels.nb.ts) and
// the expected counts of a funnel's case-mix model (stats/severity-adjusted.ts). Outcomes may be
// grouped: `trials` per row and `y` its successes, as glm(cbind(y, trials − y) ~ …) — which has
// the same estimates as the ungrouped rows, so a model of 10⁶ episodes can be fitted from the
// few thousand covariate patterns they share. Returns coefficients, standard errors from the inverse Fisher information, and the fitted
// probabilities; typed failures for a singular design, separation and non-convergence.
import { inverse, Matrix } from "ml-matrix";

export type LogisticResult =
  | { ok: true; coefficients: number[]; se: number[]; fitted: number[]; iterations: number; deviance: number }
  | { ok: false; reason: "singular_design" | "separation" | "no_convergence" };

/**
 * `x`: n rows of predictors (include a column of 1s for the intercept); `y`: 0/1 outcomes, or
 * with `trials` the successes of each row.
 */
export function logisticRegression(
  x: readonly (readonly number[])[],
  y: readonly number[],
  { maxIterations = 25, tolerance = 1e-8, trials, binaryRows = false }: { maxIterations?: number; tolerance?: number; trials?: readonly number[]; binaryRows?: boolean } = {},
): LogisticResult {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  const X = new Matrix(x.map((r) => [...r]));
  const t = trials ?? y.map(() => 1);
  const share = y.map((v, i) => v / t[i]);
  // Binomial deviance 2Σ[y log(y/tμ) + (t − y) log((t − y)/(t(1 − μ)))]; with t = 1 it is −2 log L.
  const term = (count: number, expected: number) => (count > 0 ? count * Math.log(count / Math.max(expected, 1e-300)) : 0);
  // binaryRows: the deviance of the binary rows the trials count, −2 log L, as the ungrouped fit has it.
  const devianceOf = (mu: readonly number[]) =>
    binaryRows
      ? -2 * mu.reduce((a, m, i) => a + (y[i] > 0 ? y[i] * Math.log(Math.max(m, 1e-300)) : 0) + (t[i] > y[i] ? (t[i] - y[i]) * Math.log(Math.max(1 - m, 1e-300)) : 0), 0)
      : 2 * mu.reduce((a, m, i) => a + term(y[i], t[i] * m) + term(t[i] - y[i], t[i] * (1 - m)), 0);
  // glm.fit's start: μ₀ = (t·y + ½) / (t + 1), η₀ = logit(μ₀), and its deviance as the first
  // "old" one, so the iterations (and the last one's weights, which give the SEs) follow R's path.
  // binaryRows starts where the ungrouped rows start (μ₀ = ¾ for a 1, ¼ for a 0: the same
  // weight, working responses ±(logit ¾ + 4/3)) and so takes their iterations, not the
  // grouped fit's: the same estimates to rounding rather than to the tolerance.
  let mu = y.map((v, i) => (binaryRows ? 0.75 : (v + 0.5) / (t[i] + 1)));
  let eta = mu.map((m) => Math.log(m / (1 - m)));
  let deviance = binaryRows ? 2 * t.reduce((a, n) => a + n, 0) * Math.log(4 / 3) : devianceOf(mu);
  const rowStart = Math.log(3) + 4 / 3;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const variance = mu.map((m) => Math.max(m * (1 - m), 1e-12));
    const w = variance.map((v, i) => t[i] * v);
    // Working response z = η + (y/t − μ) / (μ(1 − μ)); solve (XᵀWX) β = XᵀWz.
    const z = binaryRows && iteration === 1 ? y.map((v, i) => (rowStart * (2 * v - t[i])) / t[i]) : eta.map((e, i) => e + (share[i] - mu[i]) / variance[i]);
    const XtW = X.transpose().clone();
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) XtW.set(j, i, XtW.get(j, i) * w[i]);
    let covariance: Matrix;
    try {
      covariance = inverse(XtW.mmul(X));
    } catch {
      return { ok: false, reason: "singular_design" };
    }
    if (covariance.to1DArray().some((v) => !Number.isFinite(v))) return { ok: false, reason: "singular_design" };
    const beta = covariance.mmul(XtW.mmul(Matrix.columnVector(z)));
    eta = X.mmul(beta).to1DArray();
    mu = eta.map((e) => 1 / (1 + Math.exp(-e)));
    const next = devianceOf(mu);
    // R's convergence rule: |dev − dev_old| / (|dev| + 0.1) < ε.
    if (Math.abs(next - deviance) / (Math.abs(next) + 0.1) < tolerance) {
      if (mu.some((m) => m < 1e-10 || m > 1 - 1e-10)) return { ok: false, reason: "separation" };
      // As glm.fit: the covariance is that of the last iteration's weighted least squares.
      return { ok: true, coefficients: beta.to1DArray(), se: covariance.diag().map(Math.sqrt), fitted: mu, iterations: iteration, deviance: next };
    }
    deviance = next;
  }
  return { ok: false, reason: "no_convergence" };
}
