// Golden-section search for the minimum of a unimodal function on [lo, hi] (Kiefer 1953; Press
// et al., Numerical Recipes, 3rd ed., §10.2): each step keeps the bracket holding the smaller of
// two interior points, shrinking it by (√5 − 1)/2. Used for REML's one variance ratio, on log θ.

/** The midpoint of the final bracket, once it is narrower than `tolerance`. */
export function goldenSectionMinimum(f: (x: number) => number, lo: number, hi: number, tolerance = 1e-10): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > tolerance) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = f(x2);
    }
  }
  return (lo + hi) / 2;
}
