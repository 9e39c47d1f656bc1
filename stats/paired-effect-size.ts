// Effect sizes of a paired comparison A → B from mergeable sums (DESIGN.md "Statistics"),
// oriented so positive = improvement (`better: "lower"` → improvement = pre − post).
//   d_z   = mean(d) / sd(d), exact CI from the noncentral t with df = n − 1 (as R
//           effectsize::cohens_d(paired = TRUE), whose optim() we replace by an exact root);
//   g_av  = J(n − 1) · mean(d) / ((sd_A + sd_B)/2) (Cumming 2012; Lakens 2013), CI
//           g_av ± z · J · √((1/n + d_av²/(2n)) · 2(1 − r)) (Borenstein et al. 2009, eq. 4.28);
//   d_pre = mean(d) / sd_A (Becker 1988), CI d_pre ± z · √(2(1 − r)/n + d_pre²/(2n));
//   paired t: t = mean(d) / (sd(d)/√n), df = n − 1, two-sided p.
// z = qnorm(0.975) = 1.959964… (DESIGN.md writes 1.96; we keep the exact quantile).
import gammaln from "@stdlib/math-base-special-gammaln";
import { ncpForProbability, pt, qnorm } from "./distributions.ts";
import { moments, type PairSums } from "./sufficient-statistics.ts";

export type Direction = "lower" | "higher";
export type Interval = [number, number];

export interface PairedEffect {
  n: number;
  pre_mean: number | null;
  pre_sd: number | null;
  post_mean: number | null;
  post_sd: number | null;
  r: number | null;
  mean_improvement: number | null;
  sd_improvement: number | null;
  d_z: number | null;
  d_z_ci: Interval | null;
  g_av: number | null;
  g_av_ci: Interval | null;
  d_pre: number | null;
  d_pre_ci: Interval | null;
  t: number | null;
  df: number | null;
  p: number | null;
  /** Why fields are null: too few pairs, or no variation to standardize by. */
  reason: "too_few_pairs" | "zero_variance" | null;
}

/** Small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2)) (Hedges 1981). */
export const hedgesJ = (df: number): number => Math.exp(gammaln(df / 2) - 0.5 * Math.log(df / 2) - gammaln((df - 1) / 2));

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function pairedEffectSize(sums: PairSums, better: Direction, level = 0.95): PairedEffect {
  const n = sums.n;
  const empty: PairedEffect = {
    n, pre_mean: null, pre_sd: null, post_mean: null, post_sd: null, r: null, mean_improvement: null, sd_improvement: null,
    d_z: null, d_z_ci: null, g_av: null, g_av_ci: null, d_pre: null, d_pre_ci: null, t: null, df: null, p: null, reason: "too_few_pairs",
  };
  if (n < 2) return n === 1 ? { ...empty, pre_mean: sums.sx, post_mean: sums.sy, mean_improvement: better === "lower" ? sums.sx - sums.sy : sums.sy - sums.sx } : empty;
  const m = moments(sums);
  const df = n - 1;
  const sign = better === "lower" ? 1 : -1;
  const meanD = sign * (m.meanPre - m.meanPost);
  const ssD = Math.max(0, m.ssPre + m.ssPost - 2 * m.spPrePost);
  const sdD = Math.sqrt(ssD / df);
  const sdA = Math.sqrt(m.ssPre / df);
  const sdB = Math.sqrt(m.ssPost / df);
  const r = m.ssPre > 0 && m.ssPost > 0 ? m.spPrePost / Math.sqrt(m.ssPre * m.ssPost) : null;
  const z = qnorm(1 - (1 - level) / 2);
  const base = { ...empty, pre_mean: m.meanPre, pre_sd: sdA, post_mean: m.meanPost, post_sd: sdB, r, mean_improvement: meanD, sd_improvement: sdD, df, reason: null };

  let dz: Pick<PairedEffect, "d_z" | "d_z_ci" | "t" | "p"> = { d_z: null, d_z_ci: null, t: null, p: null };
  if (sdD > 0) {
    const t = meanD / (sdD / Math.sqrt(n));
    const lower = ncpForProbability(t, df, 1 - (1 - level) / 2) / Math.sqrt(n);
    const upper = ncpForProbability(t, df, (1 - level) / 2) / Math.sqrt(n);
    dz = { d_z: meanD / sdD, d_z_ci: [lower, upper], t, p: 2 * pt(-Math.abs(t), df) };
  }
  let gav: Pick<PairedEffect, "g_av" | "g_av_ci"> = { g_av: null, g_av_ci: null };
  const sdAv = (sdA + sdB) / 2;
  if (sdAv > 0 && r !== null) {
    const J = hedgesJ(df);
    const dAv = meanD / sdAv;
    const half = z * J * Math.sqrt((1 / n + (dAv * dAv) / (2 * n)) * 2 * (1 - r));
    gav = { g_av: J * dAv, g_av_ci: [J * dAv - half, J * dAv + half] };
  }
  let dpre: Pick<PairedEffect, "d_pre" | "d_pre_ci"> = { d_pre: null, d_pre_ci: null };
  if (sdA > 0 && r !== null) {
    const d = meanD / sdA;
    const half = z * Math.sqrt((2 * (1 - r)) / n + (d * d) / (2 * n));
    dpre = { d_pre: d, d_pre_ci: [d - half, d + half] };
  }
  const result = { ...base, ...dz, ...gav, ...dpre };
  return { ...result, r: r === null ? null : finite(r), reason: dz.d_z === null ? "zero_variance" : null };
}
