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

export function fitRandomInterceptModel(rows: readonly LongitudinalRow[], timepoints: readonly string[], groups: readonly string[]): MixedModelResult {
  const nt = timepoints.length;
  const ng = groups.length;
  const terms = [
    "(Intercept)",
    ...timepoints.slice(1).map((t) => `timepoint${t}`),
    ...groups.slice(1).map((g) => `group${g}`),
    ...groups.slice(1).flatMap((g) => timepoints.slice(1).map((t) => `timepoint${t}:group${g}`)),
  ];
  const p = terms.length;
  // Per-episode sums: XᵀX, Xᵀ1, Xᵀy, 1ᵀy, yᵀy, n.
  const episodes = new Map<string, { key: string; xtx: number[]; s: number[]; xty: number[]; sy: number; yy: number; n: number }>();
  for (const r of rows) {
    const t = timepoints.indexOf(r.timepoint);
    const g = groups.indexOf(r.group);
    if (t < 0 || g < 0) continue;
    const x = designRow(t, g, nt, ng);
    let e = episodes.get(r.episode);
    if (!e) episodes.set(r.episode, (e = { key: "", xtx: new Array(p * p).fill(0), s: new Array(p).fill(0), xty: new Array(p).fill(0), sy: 0, yy: 0, n: 0 }));
    for (let a = 0; a < p; a++) {
      if (x[a] === 0) continue;
      e.s[a] += x[a];
      e.xty[a] += x[a] * r.score;
      for (let b = 0; b < p; b++) if (x[b] !== 0) e.xtx[a * p + b] += x[a] * x[b];
    }
    e.key += `${t}.${g};`;
    e.sy += r.score;
    e.yy += r.score * r.score;
    e.n++;
  }
  const N = [...episodes.values()].reduce((s, e) => s + e.n, 0);
  if (N <= p + 1 || episodes.size < 2) return { ok: false, reason: "too_few_observations" };

  // Episodes with the same (timepoint, group) rows share XᵢᵀXᵢ, Xᵢᵀ1 and nᵢ, hence cᵢ: the
  // criterion needs, per such pattern, only the count m and the sums of Xᵢᵀyᵢ, 1ᵀyᵢ, yᵢᵀyᵢ and
  // (1ᵀyᵢ)² — a few dozen patterns instead of every episode at each step of the search.
  const patterns = new Map<string, { m: number; xtx: number[]; s: number[]; n: number; xty: number[]; sy: number; yy: number; sy2: number }>();
  for (const e of episodes.values()) {
    const key = [...e.key.split(";")].sort().join(";");
    let q = patterns.get(key);
    if (!q) patterns.set(key, (q = { m: 0, xtx: e.xtx, s: e.s, n: e.n, xty: new Array(p).fill(0), sy: 0, yy: 0, sy2: 0 }));
    q.m++;
    for (let i = 0; i < p; i++) q.xty[i] += e.xty[i];
    q.sy += e.sy;
    q.yy += e.yy;
    q.sy2 += e.sy * e.sy;
  }

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
    nEpisodes: episodes.size,
    nObservations: N,
    variance: { episode: theta * best.sigma2, residual: best.sigma2 },
    fixed: terms.map((term, i) => ({ term, estimate: beta[i], se: Math.sqrt(cov.get(i, i)) })),
    means,
  };
}
