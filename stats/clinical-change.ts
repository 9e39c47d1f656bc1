// Change of one episode judged clinically (DESIGN.md "Statistics"):
//  • reliable change index, Jacobson & Truax 1991 (J Consult Clin Psychol 59:12):
//    RC = improvement / S_diff, S_diff = SD_ref · √2 · √(1 − r_xx); reliable when |RC| > 1.96;
//  • clinically significant change: reliable improvement that crosses the cutoff from the
//    clinical to the non-clinical side → `recovered`; reliable improvement only → `improved`;
//    reliable worsening → `deteriorated`; else `unchanged`;
//  • response (post ≤ ½·pre with pre > 0) and remission (post < threshold), PHQ-9/GAD-7 rules.
// Parameters come from the instrument catalog; the functions stay pure and catalog-free.

export interface ChangeCriteria {
  better: "lower" | "higher";
  sdRef: number;
  reliability: number;
  /** Clinical cutoff, and whether scores at or above it are the clinical side. */
  cutoff: number | null;
  clinicalAtOrAbove: boolean;
}

export type ChangeCategory = "recovered" | "improved" | "unchanged" | "deteriorated";

export const RELIABLE_Z = 1.96;

export const standardErrorOfDifference = (sdRef: number, reliability: number): number => sdRef * Math.SQRT2 * Math.sqrt(1 - reliability);

export function reliableChangeIndex(pre: number, post: number, c: ChangeCriteria): number {
  const improvement = c.better === "lower" ? pre - post : post - pre;
  return improvement / standardErrorOfDifference(c.sdRef, c.reliability);
}

export function isClinical(score: number, c: Pick<ChangeCriteria, "cutoff" | "clinicalAtOrAbove">): boolean | null {
  if (c.cutoff === null) return null;
  return c.clinicalAtOrAbove ? score >= c.cutoff : score < c.cutoff;
}

export function changeCategory(pre: number, post: number, c: ChangeCriteria): ChangeCategory {
  const rc = reliableChangeIndex(pre, post, c);
  if (rc < -RELIABLE_Z) return "deteriorated";
  if (rc <= RELIABLE_Z) return "unchanged";
  return isClinical(pre, c) === true && isClinical(post, c) === false ? "recovered" : "improved";
}

export const isResponse = (pre: number, post: number): boolean => pre > 0 && post <= 0.5 * pre;
export const isRemission = (post: number, below = 5): boolean => post < below;
