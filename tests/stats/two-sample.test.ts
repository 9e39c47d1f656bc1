// The attrition check's two-sample comparison against R (tests/golden/two-sample.R).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareGroups, sumsOf } from "../../stats/two-sample.ts";

interface Golden {
  name: string;
  x: number[];
  y: number[];
  t: number;
  df: number;
  p: number;
  d: number;
}
const GOLDEN: Golden[] = JSON.parse(readFileSync(new URL("../golden/two-sample.json", import.meta.url), "utf8"));
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));

describe("compareGroups matches R's t.test (Welch) and pooled-SD d", () => {
  for (const g of GOLDEN) {
    it(g.name, () => {
      const r = compareGroups(sumsOf(g.x), sumsOf(g.y));
      if (!r.ok) throw new Error(r.reason);
      close(r.t, g.t);
      close(r.df, g.df);
      close(r.p, g.p);
      close(r.d, g.d);
    });
  }

  it("answers with a reason instead of NaN for degenerate groups", () => {
    expect(compareGroups(sumsOf([1]), sumsOf([2, 3]))).toEqual({ ok: false, reason: "too_few_observations" });
    expect(compareGroups(sumsOf([4, 4]), sumsOf([4, 4, 4]))).toEqual({ ok: false, reason: "zero_variance" });
  });
});
