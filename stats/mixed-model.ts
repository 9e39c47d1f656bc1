// Intention-to-treat linear mixed model with a random intercept per episode, fitted by REML
// (DESIGN.md "Statistics"), as R's lme4::lmer(score ~ timepoint * group + (1 | episode),
// REML = TRUE) with emmeans(…, lmer.df = "asymptotic") for the model-based cell means.
//
// With V_i = σ²(I + θJ) for an episode with n_i scores, V_i⁻¹σ² = I − c_i J, c_i = θ/(1 + n_iθ)
// (Sherman–Morrison), so every quantity is a sum over episodes of small per-episode sums. For
// fixed θ = σ_b²/σ²: A = Σ XᵢᵀWᵢXᵢ, β̂ = A⁻¹ Σ XᵢᵀWᵢyᵢ, RSS = Σ yᵢᵀWᵢyᵢ − β̂ᵀΣXᵢᵀWᵢyᵢ,
// σ̂² = RSS/(N − p); the profiled REML criterion (Harville 1977; Bates et al. 2015, J Stat
// Softw 67(1), eq. for the REML deviance) is (N − p)·log σ̂² + Σ log(1 + n_iθ) + log|A|,
// minimized over θ ≥ 0 by golden-section search on log θ, with the boundary θ = 0 checked.
import { CholeskyDecomposition, Matrix, solve } from "ml-matrix";
import { qnorm } from "./distributions.ts";
import { goldenSectionMinimum } from "./golden-section.ts";

export interface LongitudinalRow {
  episode: string;
  timepoint: string;
  group: string;
  score: number;
}

export type MixedModelResult =
  | {
      ok: true;
      nEpisodes: number;
      nObservations: number;
      variance: { episode: number; residual: number };
      fixed: { term: string; estimate: number; se: number }[];
      means: { timepoint: string; group: string; mean: number; se: number; ci: [number, number] }[];
    }
  | { ok: false; reason: "too_few_observations" | "singular_design" };

/** Treatment-contrast design row of (timepoint, group), in R's column order. */
function designRow(t: number, g: number, nt: number, ng: number): number[] {
  const row = [1];
  for (let k = 1; k < nt; k++) row.push(t === k ? 1 : 0);
  for (let k = 1; k < ng; k++) row.push(g === k ? 1 : 0);
  for (let j = 1; j < ng; j++) for (let k = 1; k < nt; k++) row.push(t === k && g === j ? 1 : 0);
  return row;
}

/**
 * Episodes of one group measured at the same set of timepoints, summed: all the model needs of
 * them (the pattern's XᵢᵀXᵢ, Xᵢᵀ1 and nᵢ follow from the group and the timepoints). What SQL
 * aggregates (queries/marts/longitudinal-patterns.ts), so a fit reads a few dozen rows,
 * not every score.
 */
export interface ScorePattern {
  group: string;
  /** The timepoints measured, each once per episode. */
  timepoints: readonly string[];
  episodes: number;
  /** Σ over the episodes of the score at each measured timepoint. */
  sums: Readonly<Record<string, number>>;
  /** Σ over the episodes of Σ y² and of (Σ y)². */
  sumSquares: number;
  squaredTotals: number;
}

/** The patterns of rows already read (one score per episode × timepoint), in the order first seen. */
export function scorePatterns(rows: readonly LongitudinalRow[]): ScorePattern[] {
  const episodes = new Map<string, { group: string; scores: Map<string, number> }>();
  for (const r of rows) {
    const e = episodes.get(r.episode) ?? { group: r.group, scores: new Map<string, number>() };
    e.scores.set(r.timepoint, r.score);
    episodes.set(r.episode, e);
  }
  const patterns = new Map<string, { group: string; timepoints: string[]; episodes: number; sums: Record<string, number>; sumSquares: number; squaredTotals: number }>();
  for (const e of episodes.values()) {
    const timepoints = [...e.scores.keys()].sort();
    const key = `${e.group}|${timepoints.join(",")}`;
    const q = patterns.get(key) ?? { group: e.group, timepoints, episodes: 0, sums: Object.fromEntries(timepoints.map((t) => [t, 0])), sumSquares: 0, squaredTotals: 0 };
    let total = 0;
    for (const [t, y] of e.scores) {
      q.sums[t] += y;
      q.sumSquares += y * y;
      total += y;
    }
    q.episodes++;
    q.squaredTotals += total * total;
    patterns.set(key, q);
  }
  return [...patterns.values()];
}

export function fitRandomInterceptModel(rows: readonly LongitudinalRow[], timepoints: readonly string[], groups: readonly string[]): MixedModelResult {
  return fitRandomInterceptPatterns(scorePatterns(rows.filter((r) => timepoints.includes(r.timepoint) && groups.includes(r.group))), timepoints, groups);
}

export function fitRandomInterceptPatterns(scorePatterns: readonly ScorePattern[], timepoints: readonly string[], groups: readonly string[]): MixedModelResult {
  const nt = timepoints.length;
  const ng = groups.length;
  const terms = [
    "(Intercept)",
    ...timepoints.slice(1).map((t) => `timepoint${t}`),
    ...groups.slice(1).map((g) => `group${g}`),
    ...groups.slice(1).flatMap((g) => timepoints.slice(1).map((t) => `timepoint${t}:group${g}`)),
  ];
  const p = terms.length;
  // Per pattern: the count m, XᵢᵀXᵢ, Xᵢᵀ1 and nᵢ (shared by its episodes, hence cᵢ), and the
  // sums of Xᵢᵀyᵢ, 1ᵀyᵢ, yᵢᵀyᵢ and (1ᵀyᵢ)²; patterns of the same group and timepoints (from
  // several sites) add up.
  const patterns = new Map<string, { m: number; xtx: number[]; s: number[]; n: number; xty: number[]; sy: number; yy: number; sy2: number }>();
  for (const sp of scorePatterns) {
    const g = groups.indexOf(sp.group);
    const ts = [...sp.timepoints].sort();
    if (g < 0 || ts.some((t) => !timepoints.includes(t)) || ts.length === 0) continue;
    const key = `${g}|${ts.join(",")}`;
    let q = patterns.get(key);
    if (!q) {
      q = { m: 0, xtx: new Array(p * p).fill(0), s: new Array(p).fill(0), n: ts.length, xty: new Array(p).fill(0), sy: 0, yy: 0, sy2: 0 };
      for (const t of ts) {
        const x = designRow(timepoints.indexOf(t), g, nt, ng);
        for (let a = 0; a < p; a++) {
          if (x[a] === 0) continue;
          q.s[a] += x[a];
          for (let b = 0; b < p; b++) if (x[b] !== 0) q.xtx[a * p + b] += x[a] * x[b];
        }
      }
      patterns.set(key, q);
    }
    for (const t of ts) {
      const x = designRow(timepoints.indexOf(t), g, nt, ng);
      for (let a = 0; a < p; a++) if (x[a] !== 0) q.xty[a] += x[a] * sp.sums[t];
      q.sy += sp.sums[t];
    }
    q.m += sp.episodes;
    q.yy += sp.sumSquares;
    q.sy2 += sp.squaredTotals;
  }
  const N = [...patterns.values()].reduce((s, q) => s + q.m * q.n, 0);
  const nEpisodes = [...patterns.values()].reduce((s, q) => s + q.m, 0);
  if (N <= p + 1 || nEpisodes < 2) return { ok: false, reason: "too_few_observations" };

  const at = (theta: number) => {
    const a = new Array<number>(p * p).fill(0);
    const b = new Array<number>(p).fill(0);
    let yWy = 0;
    let logDetV = 0;
    for (const q of patterns.values()) {
      const c = theta / (1 + q.n * theta);
      for (let i = 0; i < p; i++) {
        b[i] += q.xty[i] - c * q.s[i] * q.sy;
        for (let j = 0; j < p; j++) a[i * p + j] += q.m * (q.xtx[i * p + j] - c * q.s[i] * q.s[j]);
      }
      yWy += q.yy - c * q.sy2;
      logDetV += q.m * Math.log(1 + q.n * theta);
    }
    const A = new Matrix(Array.from({ length: p }, (_, i) => a.slice(i * p, (i + 1) * p)));
    const chol = new CholeskyDecomposition(A);
    if (!chol.isPositiveDefinite()) return null;
    const L = chol.lowerTriangularMatrix;
    let logDetA = 0;
    for (let i = 0; i < p; i++) logDetA += 2 * Math.log(L.get(i, i));
    const beta = chol.solve(Matrix.columnVector(b));
    const rss = yWy - beta.to1DArray().reduce((s, v, i) => s + v * b[i], 0);
    const sigma2 = rss / (N - p);
    return { A, beta, sigma2, criterion: (N - p) * Math.log(sigma2) + logDetV + logDetA };
  };

  const boundary = at(0);
  if (!boundary) return { ok: false, reason: "singular_design" };
  // Golden-section search on u = log θ over [−15, 10].
  const f = (u: number) => at(Math.exp(u))?.criterion ?? Number.POSITIVE_INFINITY;
  const logTheta = goldenSectionMinimum(f, -15, 10);
  const interior = at(Math.exp(logTheta))!;
  const useBoundary = boundary.criterion <= interior.criterion;
  const best = useBoundary ? boundary : interior;
  const theta = useBoundary ? 0 : Math.exp(logTheta);
  const cov = solve(best.A, Matrix.eye(p)).mul(best.sigma2);
  const beta = best.beta.to1DArray();
  const z = qnorm(0.975);
  const means = groups.flatMap((g, gi) =>
    timepoints.map((t, ti) => {
      const l = designRow(ti, gi, nt, ng);
      const mean = l.reduce((s, v, i) => s + v * beta[i], 0);
      let variance = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) variance += l[i] * cov.get(i, j) * l[j];
      const se = Math.sqrt(variance);
      return { timepoint: t, group: g, mean, se, ci: [mean - z * se, mean + z * se] as [number, number] };
    }),
  );
  return {
    ok: true,
    nEpisodes,
    nObservations: N,
    variance: { episode: theta * best.sigma2, residual: best.sigma2 },
    fixed: terms.map((term, i) => ({ term, estimate: beta[i], se: Math.sqrt(cov.get(i, i)) })),
    means,
  };
}
