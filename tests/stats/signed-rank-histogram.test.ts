// The signed-rank summaries from a histogram of changes (what the database returns) against
// ranking the raw differences one by one (R's rank(ties.method = "average")), as a property:
// any multiset of differences, in any order and split into any bars, gives the same n, V and
// tie correction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageRanks, signedRankFromChanges } from "../../stats/rank-and-proportion.ts";

/** The definition, pair by pair: drop zeros, average ranks of |d|, V = Σ ranks of d > 0. */
function rankedOneByOne(d: readonly number[]) {
  const nonzero = d.filter((x) => x !== 0);
  const ranks = averageRanks(nonzero.map(Math.abs));
  const ties = new Map<number, number>();
  for (const x of nonzero) ties.set(Math.abs(x), (ties.get(Math.abs(x)) ?? 0) + 1);
  return {
    n: nonzero.length,
    v: nonzero.reduce((s, x, i) => s + (x > 0 ? ranks[i] : 0), 0),
    tieSum: [...ties.values()].reduce((s, t) => s + t * t * t - t, 0),
  };
}

describe("signed-rank summaries from a change histogram", () => {
  it("equal ranking each difference, however the differences are grouped into bars", () => {
    const change = fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constantFrom(-2.5, 0.5, 2.5));
    fc.assert(
      fc.property(fc.array(fc.tuple(change, fc.integer({ min: 1, max: 5 })), { maxLength: 40 }), (bars) => {
        const expected = rankedOneByOne(bars.flatMap(([c, k]) => Array<number>(k).fill(c)));
        const got = signedRankFromChanges(bars.map(([c, k]) => ({ change: c, count: k })));
        expect(got.n).toBe(expected.n);
        expect(got.v).toBeCloseTo(expected.v, 9);
        expect(got.tieSum).toBe(expected.tieSum);
      }),
    );
  });

  it("gives R's V on a small example with ties (wilcox.test(c(3,1,-1,2,2,0), 0)$statistic = 13.5)", () => {
    // |d| = 3,1,1,2,2 → ranks 5, 1.5, 1.5, 3.5, 3.5; positive: 3, 1, 2, 2 → 5 + 1.5 + 3.5 + 3.5.
    expect(signedRankFromChanges([3, 1, -1, 2, 2, 0].map((change) => ({ change, count: 1 })))).toEqual({ n: 5, v: 13.5, tieSum: 12 });
  });
});
