// Funnel plot limits with overdispersion (Spiegelhalter 2005, Stat Med 24:1185; Spiegelhalter
// et al. 2012, J R Stat Soc A 175:1), computed as the R package FunnelPlotR 0.6.0
// (nhs-r-community; R/od_adjustment.R, R/calculate_limits.R, R/outliers_func.R) does with its
// defaults, so its users read the same limits (DESIGN.md "Fair comparison across sites"):
//   • PR (a proportion per unit): target p̄ = Σx/Σn; z_i = (asin√p_i − asin√p̄) / s_i, s_i = 1/(2√n_i);
//     z winsorised at R's type-7 10th and 90th percentiles; limits sin²(asin√p̄ ± z·√(s² + τ²)),
//     an angle below 0 or above π/2 giving 0 or 1 (FunnelPlotR's monotonicity fix).
//   • SR (observed / expected, the SHMI method): z_i = √E_i·log(O_i/E_i), s_i = 1/√E_i; units
//     truncated by rank (⌊rank·10/(N + 1)⌋ of 0 or 9 dropped); limits exp(± z·√(1/E + τ²)), or when
//     unadjusted exact Poisson limits χ²_{α/2}(2E)/(2E) and χ²_{1−α/2}(2E + 2)/(2E). Expected
//     counts are not rounded (FunnelPlotR's SHMI_rounding = FALSE).
//   • φ = mean of the squared kept z; τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)), w = 1/s², over
//     the kept units. Adjusted limits only when φ > 1; otherwise τ² is reported as 0.
//   • z = 1.959964 and 3.090232 (FunnelPlotR's constants); an outlier lies strictly outside its
//     99.8 % limits (on a limit is inside).
import chisquareQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import { averageRanks } from "./rank-and-proportion.ts";

export const Z95 = 1.959964;
export const Z998 = 3.090232;

export interface FunnelUnit {
  key: string;
  /** PR: units with the event; SR: observed count. */
  numerator: number;
  /** PR: units; SR: expected count. */
  denominator: number;
}

export interface FunnelLimits {
  key: string;
  denominator: number;
  value: number;
  ll95: number;
  ul95: number;
  ll998: number;
  ul998: number;
  outlier: boolean;
}

export interface Funnel {
  target: number;
  phi: number;
  tau2: number;
  adjusted: boolean;
  limits: FunnelLimits[];
}

/** R's quantile(x, p, type = 7): h = (n − 1)p, interpolated between the order statistics. */
export function quantileType7(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** φ and τ² from the kept z-scores and their units' s (FunnelPlotR phi_func and tau_func). */
function dispersion(z: readonly number[], s: readonly number[]): { phi: number; tau2: number } {
  const n = z.length;
  const phi = z.reduce((a, v) => a + v * v, 0) / n;
  const w = s.map((v) => 1 / (v * v));
  const sw = w.reduce((a, v) => a + v, 0);
  const sw2 = w.reduce((a, v) => a + v * v, 0);
  const tau2 = n * phi < n - 1 ? 0 : Math.max(0, (n * phi - (n - 1)) / (sw - sw2 / sw));
  return { phi, tau2 };
}

const outside = (value: number, lo: number, hi: number) => !(value <= hi && value >= lo);

/** Each unit's value and its limits at its own denominator; outside the 99.8 % limits = outlier. */
const unitLimits = (units: readonly FunnelUnit[], limitsAt: (denominator: number) => Limits): FunnelLimits[] =>
  units.map((u) => {
    const value = u.numerator / u.denominator;
    const l = limitsAt(u.denominator);
    return { key: u.key, denominator: u.denominator, value, ...l, outlier: outside(value, l.ll998, l.ul998) };
  });

/** Funnel of proportions (FunnelPlotR data_type = "PR"), winsorised z-scores. */
export function proportionFunnel(units: readonly FunnelUnit[], trimBy = 0.1): Funnel {
  const target = units.reduce((a, u) => a + u.numerator, 0) / units.reduce((a, u) => a + u.denominator, 0);
  const centre = Math.asin(Math.sqrt(target));
  const s = units.map((u) => 1 / (2 * Math.sqrt(u.denominator)));
  const z = units.map((u, i) => (Math.asin(Math.sqrt(u.numerator / u.denominator)) - centre) / s[i]);
  const [lz, uz] = [quantileType7(z, trimBy), quantileType7(z, 1 - trimBy)];
  const { phi, tau2 } = dispersion(z.map((v) => (v < lz ? lz : v > uz ? uz : v)), s);
  const adjusted = phi > 1;
  const t2 = adjusted ? tau2 : 0;
  return { target, phi, tau2: t2, adjusted, limits: unitLimits(units, (n) => proportionLimits(target, t2, n)) };
}

/** Funnel of observed / expected ratios (FunnelPlotR data_type = "SR", sr_method = "SHMI"). */
export function ratioFunnel(units: readonly FunnelUnit[], trimBy = 0.1): Funnel {
  const z = units.map((u) => Math.sqrt(u.denominator) * Math.log(u.numerator / u.denominator));
  const k = 1 / trimBy;
  const ranks = averageRanks(z);
  const kept = units.map((_, i) => {
    const band = Math.floor((ranks[i] * k) / (units.length + 1));
    return band > 0 && band < k - 1;
  });
  const keptIndex = units.map((_, i) => i).filter((i) => kept[i]);
  const { phi, tau2 } = keptIndex.length
    ? dispersion(keptIndex.map((i) => z[i]), keptIndex.map((i) => 1 / Math.sqrt(units[i].denominator)))
    : { phi: 0, tau2: 0 };
  const adjusted = phi > 1;
  const t2 = adjusted ? tau2 : 0;
  return { target: 1, phi, tau2: t2, adjusted, limits: unitLimits(units, (e) => ratioLimits(adjusted, t2, e)) };
}

export type Limits = Pick<FunnelLimits, "ll95" | "ul95" | "ll998" | "ul998">;

/** A proportion funnel's limits at denominator n: sin²(asin√p̄ ± z·√(1/(4n) + τ²)), the angle kept in [0, π/2]. */
export function proportionLimits(target: number, tau2: number, n: number): Limits {
  const centre = Math.asin(Math.sqrt(target));
  const s = 1 / (2 * Math.sqrt(n));
  const limit = (zq: number, sign: 1 | -1) => {
    const angle = centre + sign * zq * Math.sqrt(s * s + tau2);
    return angle < 0 ? 0 : angle > Math.PI / 2 ? 1 : Math.sin(angle) ** 2;
  };
  return { ll95: limit(Z95, -1), ul95: limit(Z95, 1), ll998: limit(Z998, -1), ul998: limit(Z998, 1) };
}

/** An O/E funnel's limits at expected count E: exp(± z·√(1/E + τ²)) when adjusted, else exact Poisson. */
export function ratioLimits(adjusted: boolean, tau2: number, e: number): Limits {
  if (!adjusted) return poissonRatioLimits(e);
  const limit = (zq: number) => Math.exp(zq * Math.sqrt(1 / e + tau2));
  return { ll95: limit(-Z95), ul95: limit(Z95), ll998: limit(-Z998), ul998: limit(Z998) };
}

/** Exact Poisson limits of O/E at expected count E (FunnelPlotR calculate_limits, SR unadjusted). */
export function poissonRatioLimits(e: number): Limits {
  const lower = (alpha: number) => chisquareQuantile(alpha / 2, 2 * e) / 2 / e;
  const upper = (alpha: number) => chisquareQuantile(1 - alpha / 2, 2 * (e + 1)) / 2 / e;
  return { ll95: lower(0.05), ul95: upper(0.05), ll998: lower(0.002), ul998: upper(0.002) };
}
