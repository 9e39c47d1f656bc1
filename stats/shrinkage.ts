// Shrunken group estimates from the random-intercept model y_gi = μ + b_g + e_gi, b_g ~ N(0, σ_b²),
// e ~ N(0, σ²), fitted by REML — R's lmer(y ~ 1 + (1 | group)) with the conditional modes and
// conditional variances of ranef(condVar = TRUE) (Bates et al. 2015, J Stat Softw 67(1)).
//
// The model needs only each group's n_g, Σy and Σy². With θ = σ_b²/σ² and V_g⁻¹σ² = I − c_g J,
// c_g = θ/(1 + n_gθ): A = Σ n_g/(1 + n_gθ), μ̂ = Σ (Σy)_g/(1 + n_gθ) / A, σ̂² = RSS/(N − 1) with
// RSS = Σ [(Σy²)_g − c_g (Σy)_g²] − μ̂·A·μ̂, and the profiled REML criterion (N − 1)·log σ̂² +
// Σ log(1 + n_gθ) + log A is minimized over θ ≥ 0 (golden section on log θ, the boundary θ = 0
// checked, as stats/mixed-model.ts does for the longitudinal model). Then the conditional mode
// b̂_g = n_gθ/(1 + n_gθ)·(ȳ_g − μ̂) and its conditional variance σ̂²θ/(1 + n_gθ) (μ̂ taken as known,
// as lme4's condVar does); the estimate shrinks toward μ̂ the more, the smaller the group.
import { qnorm } from "./distributions.ts";
import { goldenSectionMinimum } from "./golden-section.ts";

export interface GroupSums {
  group: string;
  n: number;
  sum: number;
  sumSquares: number;
}

export interface ShrunkenGroup {
  group: string;
  /** μ̂ + b̂_g and its interval μ̂ + b̂_g ± z·√condVar. */
  estimate: number;
  interval: [number, number];
  conditionalVariance: number;
}

export type ShrinkageResult =
  | { ok: true; intercept: number; variance: { group: number; residual: number }; groups: ShrunkenGroup[] }
  | { ok: false; reason: "too_few_groups" | "no_variation" };

export function shrunkenEstimates(groups: readonly GroupSums[], level = 0.9): ShrinkageResult {
  const live = groups.filter((g) => g.n > 0);
  const N = live.reduce((a, g) => a + g.n, 0);
  if (live.length < 2 || N < 3) return { ok: false, reason: "too_few_groups" };
  const at = (theta: number) => {
    let A = 0;
    let b = 0;
    let yWy = 0;
    let logDetV = 0;
    for (const g of live) {
      const c = theta / (1 + g.n * theta);
      A += g.n / (1 + g.n * theta);
      b += g.sum / (1 + g.n * theta);
      yWy += g.sumSquares - c * g.sum * g.sum;
      logDetV += Math.log(1 + g.n * theta);
    }
    const mu = b / A;
    const sigma2 = (yWy - mu * b) / (N - 1);
    return { mu, sigma2, criterion: (N - 1) * Math.log(sigma2) + logDetV + Math.log(A) };
  };
  const boundary = at(0);
  if (!(boundary.sigma2 > 0)) return { ok: false, reason: "no_variation" };
  const logTheta = goldenSectionMinimum((u) => at(Math.exp(u)).criterion, -20, 10, 1e-12);
  const interior = at(Math.exp(logTheta));
  const useBoundary = boundary.criterion <= interior.criterion;
  const theta = useBoundary ? 0 : Math.exp(logTheta);
  const { mu, sigma2 } = useBoundary ? boundary : interior;
  const z = qnorm(1 - (1 - level) / 2);
  return {
    ok: true,
    intercept: mu,
    variance: { group: theta * sigma2, residual: sigma2 },
    groups: live.map((g) => {
      const mode = ((g.n * theta) / (1 + g.n * theta)) * (g.sum / g.n - mu);
      const conditionalVariance = (sigma2 * theta) / (1 + g.n * theta);
      const half = z * Math.sqrt(conditionalVariance);
      return { group: g.group, estimate: mu + mode, interval: [mu + mode - half, mu + mode + half], conditionalVariance };
    }),
  };
}
