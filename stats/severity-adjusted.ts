// Severity-adjusted effect size (ACORN, psychoutcomes.org "Severity Adjusted Effect Size";
// DESIGN.md "Fair comparison across sites"): change ~ intake + case mix by least squares over
// every group, SAES_i = (mean change + residual_i) / SD(intake) of the same sample, and per group
// the mean SAES with a 90% t interval (n − 1 df). Beside it, the expected count of reliable
// improvement per group from a logistic model on the same covariates (the funnel's O/E).
//
// Both fits read covariate cells, not episodes: within a cell (one group, intake and category
// of each covariate) every episode has the same fitted value, so XᵀX, Xᵀy, the residual sums
// per group and the binomial likelihood are sums over cells of n, Σchange, Σchange² and the
// reliable count — the same estimates as R's lm and glm on the episodes, in memory bounded by
// the number of cells. Categories get treatment contrasts (first in sort order as reference),
// as R's factors do.
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { qt } from "./distributions.ts";
import { logisticRegression } from "./logistic-regression.ts";

/** Episodes sharing a group, an intake score and a category of each covariate. */
export interface ChangeCell {
  group: string;
  intake: number;
  /** One category per covariate, in a fixed order (an unknown one already named, e.g. `unknown`). */
  categories: readonly string[];
  n: number;
  sumChange: number;
  sumChangeSquared: number;
  /** Episodes of the cell with reliable improvement. */
  reliable: number;
}

export interface GroupSaes {
  group: string;
  n: number;
  /** The group's raw means: intake score and change (what an unadjusted comparison reads). */
  meanIntake: number;
  meanChange: number;
  /** Mean SAES and its 90% t interval; null interval below two episodes. */
  saes: number;
  ci90: [number, number] | null;
  /** Σ SAES and Σ SAES² of the group: what the random-intercept shrinkage reads. */
  sum: number;
  sumSquares: number;
  reliable: { observed: number; n: number; expected: number | null };
}

export type SeverityAdjustedResult =
  | { ok: true; n: number; meanChange: number; sdIntake: number; coefficients: number[]; logistic: number[] | null; groups: GroupSaes[] }
  | { ok: false; reason: "too_few_episodes" | "no_intake_spread" | "singular_design" };

/** Design row of a cell: intercept, intake, then an indicator per non-reference category. */
function designOf(cells: readonly ChangeCell[]): number[][] {
  const width = cells[0]?.categories.length ?? 0;
  const levels = Array.from({ length: width }, (_, k) => [...new Set(cells.map((c) => c.categories[k]))].sort().slice(1));
  return cells.map((c) => [1, c.intake, ...levels.flatMap((ls, k) => ls.map((l) => (c.categories[k] === l ? 1 : 0)))]);
}

export function severityAdjusted(cells: readonly ChangeCell[], level = 0.9): SeverityAdjustedResult {
  const live = cells.filter((c) => c.n > 0);
  const rows = designOf(live);
  const n = live.reduce((a, c) => a + c.n, 0);
  const p = rows[0]?.length ?? 0;
  if (n <= p) return { ok: false, reason: "too_few_episodes" };
  const meanIntake = live.reduce((a, c) => a + c.n * c.intake, 0) / n;
  const sdIntake = Math.sqrt(live.reduce((a, c) => a + c.n * (c.intake - meanIntake) ** 2, 0) / (n - 1));
  if (!(sdIntake > 0)) return { ok: false, reason: "no_intake_spread" };
  const meanChange = live.reduce((a, c) => a + c.sumChange, 0) / n;

  // Normal equations weighted by the cell counts; Cholesky, as XᵀX is positive definite when
  // the design has full rank (a rank-deficient one fails the decomposition or its diagonal test).
  const xtx = new Matrix(p, p);
  const xty = new Matrix(p, 1);
  live.forEach((c, i) => {
    for (let a = 0; a < p; a++) {
      xty.set(a, 0, xty.get(a, 0) + rows[i][a] * c.sumChange);
      for (let b = 0; b < p; b++) xtx.set(a, b, xtx.get(a, b) + c.n * rows[i][a] * rows[i][b]);
    }
  });
  const cholesky = new CholeskyDecomposition(xtx);
  const diagonal = cholesky.isPositiveDefinite() ? cholesky.lowerTriangularMatrix.diag() : [];
  if (diagonal.length === 0 || Math.min(...diagonal) ** 2 <= 1e-10 * Math.max(...xtx.diag())) return { ok: false, reason: "singular_design" };
  const beta = cholesky.solve(xty).to1DArray();

  // Per cell, a = mean change − fitted; SAES_i = (a + change_i) / SD, so per group
  // Σ SAES = Σ (n·a + Σchange) / SD and Σ SAES² = Σ (n·a² + 2a·Σchange + Σchange²) / SD².
  const byGroup = new Map<string, { n: number; intake: number; change: number; sum: number; sumSquares: number; reliable: number; expected: number }>();
  const logistic = logisticRegression(rows, live.map((c) => c.reliable), { trials: live.map((c) => c.n), tolerance: 1e-12, maxIterations: 100 });
  live.forEach((c, i) => {
    const a = meanChange - rows[i].reduce((s, x, j) => s + x * beta[j], 0);
    const g = byGroup.get(c.group) ?? { n: 0, intake: 0, change: 0, sum: 0, sumSquares: 0, reliable: 0, expected: 0 };
    g.n += c.n;
    g.intake += c.n * c.intake;
    g.change += c.sumChange;
    g.sum += (c.n * a + c.sumChange) / sdIntake;
    g.sumSquares += (c.n * a * a + 2 * a * c.sumChange + c.sumChangeSquared) / sdIntake ** 2;
    g.reliable += c.reliable;
    if (logistic.ok) g.expected += c.n * logistic.fitted[i];
    byGroup.set(c.group, g);
  });
  const groups = [...byGroup.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, g]): GroupSaes => {
      const saes = g.sum / g.n;
      const sd = g.n > 1 ? Math.sqrt(Math.max(0, (g.sumSquares - g.n * saes * saes) / (g.n - 1))) : NaN;
      const half = g.n > 1 ? qt(1 - (1 - level) / 2, g.n - 1) * (sd / Math.sqrt(g.n)) : NaN;
      return {
        group,
        n: g.n,
        meanIntake: g.intake / g.n,
        meanChange: g.change / g.n,
        saes,
        ci90: g.n > 1 ? [saes - half, saes + half] : null,
        sum: g.sum,
        sumSquares: g.sumSquares,
        reliable: { observed: g.reliable, n: g.n, expected: logistic.ok ? g.expected : null },
      };
    });
  return { ok: true, n, meanChange, sdIntake, coefficients: beta, logistic: logistic.ok ? logistic.coefficients : null, groups };
}
