// Tests on ranks and proportions that complete an effect-size row.
//  • Wilcoxon signed-rank p from the summaries SQL computes (queries/marts/signed-rank-sums.ts):
//    normal approximation with tie and continuity correction, exactly as R's
//    wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE):
//    z = (V − n(n+1)/4 − ½·sign) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), p = 2·min(Φ(z), 1 − Φ(z)).
//  • Wilson score interval for a proportion (Wilson 1927), as R's prop.test(correct = FALSE).
//  • Benjamini–Hochberg adjusted p values (Benjamini & Hochberg 1995), as R's p.adjust("BH").
import { pnorm, qnorm } from "./distributions.ts";

export function signedRankP({ n, v, tieSum }: { n: number; v: number; tieSum: number }): number | null {
  if (n < 1) return null;
  const centred = v - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  if (!(sigma > 0)) return null;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return Math.min(1, 2 * Math.min(pnorm(z), 1 - pnorm(z)));
}

/** Ranks with ties averaged (R's rank(ties.method = "average")). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    for (let k = start; k <= end; k++) ranks[order[k].i] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/**
 * The signed-rank summaries from a histogram of the differences d = pre − post (how many pairs
 * had each d), so no pair need leave the database. Zeros are dropped; the t pairs sharing an
 * |d| share the average rank (start + end)/2 of their block in the order of |d|; V sums the
 * ranks of the positive d; the tie correction is Σ(t³ − t) over the blocks.
 */
export function signedRankFromChanges(histogram: Iterable<{ change: number; count: number }>): { n: number; v: number; tieSum: number } {
  const blocks = new Map<number, { total: number; positive: number }>();
  for (const { change, count } of histogram) {
    if (change === 0 || count === 0) continue;
    const block = blocks.get(Math.abs(change)) ?? { total: 0, positive: 0 };
    block.total += count;
    if (change > 0) block.positive += count;
    blocks.set(Math.abs(change), block);
  }
  let below = 0;
  let v = 0;
  let tieSum = 0;
  for (const [, { total, positive }] of [...blocks].sort((a, b) => a[0] - b[0])) {
    v += positive * (below + (total + 1) / 2);
    tieSum += total * total * total - total;
    below += total;
  }
  return { n: below, v, tieSum };
}

/** The same summaries from raw pairs (tests, small cohorts). */
export function signedRankSummary(pre: readonly number[], post: readonly number[]): { n: number; v: number; tieSum: number } {
  return signedRankFromChanges(pre.map((x, i) => ({ change: x - post[i], count: 1 })));
}

export function wilsonInterval(successes: number, n: number, level = 0.95): [number, number] | null {
  if (n <= 0) return null;
  const z = qnorm(1 - (1 - level) / 2);
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function benjaminiHochberg(p: readonly number[]): number[] {
  const n = p.length;
  const order = p.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const adjusted = new Array<number>(n);
  let running = 1;
  order.forEach(({ v, i }, k) => {
    running = Math.min(running, (v * n) / (n - k));
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}
