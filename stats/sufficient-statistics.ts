// Mergeable per-group sums of paired scores (x = pre, y = post): what SQL aggregates and
// Citus shards could compute and add up (DESIGN.md "Data flow"). Centred sums use
// (n·Σx² − (Σx)²)/n, which is exact in double precision for integer scores while every
// product stays below 2⁵³ (scores ≤ 80 and n up to about 10⁶), avoiding the cancellation of
// Σx² − n·x̄² in floating point.

export interface PairSums {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

export const EMPTY_SUMS: PairSums = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };

export function sumsFromPairs(pre: readonly number[], post: readonly number[]): PairSums {
  if (pre.length !== post.length) throw new RangeError("pre and post differ in length");
  const s = { ...EMPTY_SUMS, n: pre.length };
  for (let i = 0; i < pre.length; i++) {
    s.sx += pre[i];
    s.sy += post[i];
    s.sxx += pre[i] * pre[i];
    s.syy += post[i] * post[i];
    s.sxy += pre[i] * post[i];
  }
  return s;
}

export const mergeSums = (a: PairSums, b: PairSums): PairSums => ({
  n: a.n + b.n,
  sx: a.sx + b.sx,
  sy: a.sy + b.sy,
  sxx: a.sxx + b.sxx,
  syy: a.syy + b.syy,
  sxy: a.sxy + b.sxy,
});

export interface PairMoments {
  n: number;
  meanPre: number;
  meanPost: number;
  /** Sums of squares and cross-products about the means. */
  ssPre: number;
  ssPost: number;
  spPrePost: number;
}

export function moments(s: PairSums): PairMoments {
  return {
    n: s.n,
    meanPre: s.sx / s.n,
    meanPost: s.sy / s.n,
    ssPre: Math.max(0, (s.n * s.sxx - s.sx * s.sx) / s.n),
    ssPost: Math.max(0, (s.n * s.syy - s.sy * s.sy) / s.n),
    spPrePost: (s.n * s.sxy - s.sx * s.sy) / s.n,
  };
}
