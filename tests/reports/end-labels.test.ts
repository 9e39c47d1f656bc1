// Direct end labels: spread apart by at least the gap, in the order of their values, and left
// where they are when already apart.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spreadLabels } from "../../reports/charts/end-labels.ts";

describe("spreadLabels", () => {
  it("leaves labels that are already apart where they are", () => {
    expect(spreadLabels([1, 5, 3], 1)).toEqual([1, 5, 3]);
  });

  it("moves close labels apart around their values", () => {
    const [a, b] = spreadLabels([10, 10.2], 1);
    expect(b - a).toBeCloseTo(1, 12);
    expect((a + b) / 2).toBeCloseTo(10.1, 12);
  });

  it("keeps the values' order and at least the gap between neighbours", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0.01, max: 5, noNaN: true }), (ys, gap) => {
        const out = spreadLabels(ys, gap);
        const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
        return order.every((o, k) => k === 0 || out[o.i] - out[order[k - 1].i] >= gap - 1e-9);
      }),
    );
  });
});
