// The t interval of a mean from its summary, against R: t.test on a summary is
// mean ± qt(0.975, n − 1) · sd / √n, with qt(0.975, 15) = 2.131449545559323.
import { describe, expect, it } from "vitest";
import { meanInterval } from "../../stats/mean-interval.ts";

describe("meanInterval", () => {
  it("matches R's t interval", () => {
    const [lo, hi] = meanInterval(10, 2, 16)!;
    expect(lo).toBeCloseTo(10 - 2.131449545559323 * 0.5, 12);
    expect(hi).toBeCloseTo(10 + 2.131449545559323 * 0.5, 12);
  });

  it("has no interval for fewer than two observations or an unknown SD", () => {
    expect(meanInterval(3, 1, 1)).toBeNull();
    expect(meanInterval(3, Number.NaN, 20)).toBeNull();
  });
});
