// Distribution functions for the statistics core. Normal, t and chi-square come from
// @stdlib (small, typed, tested against R/Boost; STACK.md), which simple-statistics lacks.
// The noncentral t CDF, which neither has, is a port of R's nmath/pnt.c — Lenth's AS 243
// (Applied Statistics 38:185–189, 1989) with R's refinements (R Core Team, GPL-2 | GPL-3) —
// so d_z's exact CI agrees with R's pt(q, df, ncp) to machine precision. Its inverse in ncp
// (the CI of a t statistic's noncentrality) is found by bracketing and bisection.
import betainc from "@stdlib/math-base-special-betainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

export const pnorm = (x: number, mean = 0, sd = 1): number => normalCdf(x, mean, sd);
export const qnorm = (p: number, mean = 0, sd = 1): number => normalQuantile(p, mean, sd);
export const pt = (x: number, df: number): number => tCdf(x, df);
export const qt = (p: number, df: number): number => tQuantile(p, df);
export const pchisq = (x: number, df: number): number => chisquareCdf(x, df);
/** P[F > f] for F(df1, df2): the regularized incomplete beta I_{df2/(df2 + df1·f)}(df2/2, df1/2). */
export const pfUpper = (f: number, df1: number, df2: number): number => (f <= 0 ? 1 : betainc(df2 / (df2 + df1 * f), df2 / 2, df1 / 2, true, false));

const M_SQRT_2dPI = Math.sqrt(2 / Math.PI);
const M_LN_SQRT_PI = 0.5 * Math.log(Math.PI);
const DBL_EPSILON = 2.220446049250313e-16;
const DBL_MIN_EXP = -1021;

/** P[T ≤ t] for T noncentral t with `df` degrees of freedom and noncentrality `ncp` (R's pt). */
export function pnt(t: number, df: number, ncp: number): number {
  if (!(df > 0)) return Number.NaN;
  if (ncp === 0) return pt(t, df);
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  let negdel: boolean;
  let tt: number;
  let del: number;
  if (t >= 0) {
    negdel = false;
    tt = t;
    del = ncp;
  } else {
    if (ncp > 40) return 0;
    negdel = true;
    tt = -t;
    del = -ncp;
  }
  if (df > 4e5 || del * del > 2 * Math.LN2 * -DBL_MIN_EXP) {
    // Abramowitz & Stegun 26.7.10 approximation for large df or ncp, as in R.
    const s = 1 / (4 * df);
    const p = pnorm(tt * (1 - s), del, Math.sqrt(1 + tt * tt * 2 * s));
    return negdel ? 1 - p : p;
  }
  let x = t * t;
  x = x / (x + df);
  let tnc: number;
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return negdel ? 1 : 0; // underflow, as R (R_DT_0 before the tail flip)
    let q = M_SQRT_2dPI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(1 - x, b);
    const albeta = M_LN_SQRT_PI + gammaln(b) - gammaln(0.5 + b);
    let xodd = betainc(x, a, b, true, false);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    tnc = b * x;
    let xeven = tnc < DBL_EPSILON ? tnc : 1 - rxb;
    let geven = tnc * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= 1000; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break; // R warns of precision loss and stops here too
      if (s <= 0 && it > 1) break;
      const errbd = 2 * s * (xodd - godd);
      if (Math.abs(errbd) < 1e-12) break;
    }
  } else {
    tnc = 0;
  }
  tnc += pnorm(-del, 0, 1);
  const value = Math.min(tnc, 1);
  return negdel ? 1 - value : value;
}

/**
 * The noncentrality ncp with pnt(t, df, ncp) = p (pnt decreases in ncp). Brackets the root
 * around t, then bisects to 1e-12 — the exact answer effectsize's optim() approximates.
 */
export function ncpForProbability(t: number, df: number, p: number): number {
  const f = (ncp: number) => pnt(t, df, ncp) - p;
  let lo = t - 1;
  let hi = t + 1;
  for (let step = 1; f(lo) < 0; step *= 2) lo -= step;
  for (let step = 1; f(hi) > 0; step *= 2) hi += step;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
