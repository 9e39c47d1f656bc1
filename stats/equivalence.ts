// Equivalence and non-inferiority of a group difference against a declared margin M (points of
// the instrument), DESIGN.md "Comparable outcomes". The difference is an estimate with a
// standard error and a reference distribution: t with the model's residual df (the ANCOVA
// coefficient), or the normal (df = Infinity, the inverse-probability-weighted difference).
//
// TOST, two one-sided tests (Schuirmann 1987, J Pharmacokinet Biopharm 15:657; Lakens 2017,
// Soc Psychol Personal Sci 8:355): H0 est ≤ −M is rejected by p_lower = P(T > (est + M)/se),
// H0 est ≥ M by p_upper = P(T < (est − M)/se); equivalence when p = max(p_lower, p_upper) < α,
// the same decision as the 1 − 2α (90 %) interval est ± t(1 − α, df)·se lying inside (−M, M).
// Lakens 2017 (table 1) reads it together with the usual test of est = 0 — the four verdicts.
//
// Non-inferiority (one of the two one-sided tests): the group is no worse than the reference by
// M or more. Worse means a larger post score when lower is better (p = P(T < (est − M)/se)),
// a smaller one when higher is better (p = P(T > (est + M)/se)).
//
// Margin curve: TOST p < α exactly when M > |est| + t(1 − α, df)·se, so that bound is the
// infimum of the margins at which equivalence would be shown (strictly above it, it is).
import { pnorm, pt, qnorm, qt } from "./distributions.ts";

export interface Difference {
  estimate: number;
  se: number;
  /** Degrees of freedom of the t reference distribution; Infinity for the normal. */
  df: number;
}

export type EquivalenceVerdict = "equivalent" | "equivalent_but_different" | "not_equivalent" | "inconclusive";
export type NonInferiorityVerdict = "noninferior" | "not_shown";

export interface Equivalence {
  margin: number;
  ci90: [number, number];
  p_lower: number;
  p_upper: number;
  p: number;
  p_difference: number;
  verdict: EquivalenceVerdict;
}

export interface NonInferiority {
  margin: number;
  p: number;
  verdict: NonInferiorityVerdict;
}

const ALPHA = 0.05;

/** P(T ≤ x) for T with `df` degrees of freedom (normal when df is Infinity). */
const cdf = (x: number, df: number) => (Number.isFinite(df) ? pt(x, df) : pnorm(x));
/** The (1 − α) quantile: t(0.95, df) for α = .05. */
const critical = (df: number, alpha = ALPHA) => (Number.isFinite(df) ? qt(1 - alpha, df) : qnorm(1 - alpha));

/** A margin is a finite number of points above zero; callers refuse anything else. */
export const isValidMargin = (m: number) => Number.isFinite(m) && m > 0;

function checkMargin(margin: number) {
  if (!isValidMargin(margin)) throw new RangeError(`margin must be a positive number of points, got ${margin}`);
}

/** Two-sided p of est = 0, from the same distribution. */
export const pDifference = ({ estimate, se, df }: Difference) => 2 * cdf(-Math.abs(estimate / se), df);

export function verdictOf(p: number, pDiff: number, alpha = ALPHA): EquivalenceVerdict {
  if (p < alpha) return pDiff < alpha ? "equivalent_but_different" : "equivalent";
  return pDiff < alpha ? "not_equivalent" : "inconclusive";
}

/** TOST at margin M with its 90 % interval and the four-way verdict (Lakens 2017). */
export function tost(d: Difference, margin: number, alpha = ALPHA): Equivalence {
  checkMargin(margin);
  const { estimate, se, df } = d;
  // Both tails as lower-tail probabilities of a symmetric distribution: P(T > x) = P(T < −x),
  // so a p value far in the tail keeps its precision (1 − P(T ≤ x) would round to 0).
  const pLower = cdf(-(estimate + margin) / se, df);
  const pUpper = cdf((estimate - margin) / se, df);
  const p = Math.max(pLower, pUpper);
  const pDiff = pDifference(d);
  const half = critical(df, alpha) * se;
  return { margin, ci90: [estimate - half, estimate + half], p_lower: pLower, p_upper: pUpper, p, p_difference: pDiff, verdict: verdictOf(p, pDiff, alpha) };
}

/** One-sided non-inferiority test at margin M; `better` is the instrument's direction. */
export function nonInferiority(d: Difference, margin: number, better: "lower" | "higher", alpha = ALPHA): NonInferiority {
  checkMargin(margin);
  const { estimate, se, df } = d;
  const p = better === "lower" ? cdf((estimate - margin) / se, df) : cdf(-(estimate + margin) / se, df);
  return { margin, p, verdict: p < alpha ? "noninferior" : "not_shown" };
}

/** Infimum of the margins at which TOST shows equivalence: |est| + t(1 − α, df)·se. */
export const equivalenceBound = ({ estimate, se, df }: Difference, alpha = ALPHA) => Math.abs(estimate) + critical(df, alpha) * se;

/**
 * Infimum of the margins at which non-inferiority is shown: est + t·se when lower is better,
 * t·se − est when higher is better; at or below 0 the group is non-inferior at any margin.
 */
export const nonInferiorityBound = ({ estimate, se, df }: Difference, better: "lower" | "higher", alpha = ALPHA) =>
  (better === "lower" ? estimate : -estimate) + critical(df, alpha) * se;

/** TOST over a range of margins (a margin curve when no margin has a source). */
export const marginCurve = (d: Difference, margins: readonly number[], alpha = ALPHA) =>
  margins.map((margin) => {
    const t = tost(d, margin, alpha);
    return { margin, p: t.p, verdict: t.verdict };
  });
