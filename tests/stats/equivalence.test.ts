// TOST, non-inferiority and the margin curve (stats/equivalence.ts) on vectors a person can
// check with a t or normal table (the values quoted are R's pnorm/pt/qt), then invariants
// (fast-check): swapping reference and group flips the estimate and keeps the verdict;
// widening the margin never makes an `equivalent` result `not_equivalent`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ancova } from "../../stats/ancova.ts";
import { equivalenceBound, isValidMargin, marginCurve, nonInferiority, nonInferiorityBound, tost } from "../../stats/equivalence.ts";
import { indicatorDesign, ipwDifference } from "../../stats/weighting.ts";

const rel = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));

describe("TOST", () => {
  it("normal reference, est 1 ± 1, M 3: equivalent, not different", () => {
    const r = tost({ estimate: 1, se: 1, df: Infinity }, 3);
    rel(r.p_lower, 3.16712418331199e-5); // pnorm(-4)
    rel(r.p_upper, 2.27501319481792e-2); // pnorm(-2)
    expect(r.p).toBe(r.p_upper);
    rel(r.p_difference, 3.17310507862914e-1); // 2·pnorm(-1)
    rel(r.ci90[0], 1 - 1.64485362695147);
    rel(r.ci90[1], 1 + 1.64485362695147);
    expect(r.verdict).toBe("equivalent");
    expect(r.margin).toBe(3);
  });

  it("t with 10 df, est 2 ± 1, M 1: inconclusive", () => {
    const r = tost({ estimate: 2, se: 1, df: 10 }, 1);
    rel(r.p_lower, 6.67182751128479e-3); // pt(-3, 10)
    rel(r.p_upper, 8.2955343384897e-1); // pt(1, 10)
    rel(r.p_difference, 7.33880347707404e-2); // 2·pt(-2, 10)
    rel(r.ci90[1] - 2, 1.81246112281168); // qt(.95, 10)
    expect(r.verdict).toBe("inconclusive");
  });

  it("t with 20 df, est 6 ± 1: equivalent_but_different at M 10, not_equivalent at M 2", () => {
    const wide = tost({ estimate: 6, se: 1, df: 20 }, 10);
    rel(wide.p_upper, 3.51761646564159e-4); // pt(-4, 20)
    rel(wide.p_difference, 7.24369993041657e-6); // 2·pt(-6, 20)
    expect(wide.verdict).toBe("equivalent_but_different");
    expect(tost({ estimate: 6, se: 1, df: 20 }, 2).verdict).toBe("not_equivalent");
  });

  it("keeps the precision of a far tail", () => {
    rel(tost({ estimate: 0, se: 1, df: 30 }, 40).p_lower, 6.86302259720318e-28); // pt(-40, 30)
  });

  it("refuses a margin that is not a positive number", () => {
    for (const m of [0, -1, Number.NaN, Infinity]) {
      expect(isValidMargin(m)).toBe(false);
      expect(() => tost({ estimate: 0, se: 1, df: 5 }, m)).toThrow(RangeError);
      expect(() => nonInferiority({ estimate: 0, se: 1, df: 5 }, m, "lower")).toThrow(RangeError);
    }
  });
});

describe("non-inferiority", () => {
  it("lower is better: worse is a larger post score", () => {
    const r = nonInferiority({ estimate: -1, se: 1, df: Infinity }, 1, "lower");
    rel(r.p, 2.27501319481792e-2); // pnorm(-1 - 1)
    expect(r.verdict).toBe("noninferior");
    expect(nonInferiority({ estimate: 1, se: 1, df: Infinity }, 1, "lower")).toEqual({ margin: 1, p: 0.5, verdict: "not_shown" });
  });

  it("higher is better (SWLS): worse is a smaller post score", () => {
    rel(nonInferiority({ estimate: 1, se: 1, df: Infinity }, 1, "higher").p, 2.27501319481792e-2); // pnorm(-(1 + 1))
    expect(nonInferiority({ estimate: -1, se: 1, df: Infinity }, 1, "higher").verdict).toBe("not_shown");
  });
});

describe("margin curve", () => {
  it("the equivalence bound is |est| + t(.95, df)·se, and the verdict turns there", () => {
    const d = { estimate: -2, se: 1, df: 10 };
    const bound = equivalenceBound(d);
    rel(bound, 2 + 1.81246112281168);
    expect(tost(d, bound * (1 + 1e-9)).p).toBeLessThan(0.05);
    expect(tost(d, bound * (1 - 1e-9)).p).toBeGreaterThanOrEqual(0.05);
    expect(marginCurve(d, [1, bound + 0.01]).map((c) => c.verdict)).toEqual(["inconclusive", "equivalent"]); // 2·pt(-2, 10) = .073
  });

  it("the non-inferiority bound is est + t·se (lower better), t·se − est (higher better)", () => {
    const d = { estimate: 1, se: 1, df: Infinity };
    rel(nonInferiorityBound(d, "lower"), 1 + 1.64485362695147);
    rel(nonInferiorityBound(d, "higher"), -1 + 1.64485362695147);
    expect(nonInferiority(d, nonInferiorityBound(d, "lower") + 1e-6, "lower").verdict).toBe("noninferior");
    expect(nonInferiority(d, nonInferiorityBound(d, "lower") - 1e-6, "lower").verdict).toBe("not_shown");
  });
});

const ORDER = { not_equivalent: 0, inconclusive: 0, equivalent_but_different: 1, equivalent: 1 } as const;

describe("equivalence invariants", () => {
  const cohort = fc.array(fc.record({ pre: fc.integer({ min: 0, max: 27 }), post: fc.integer({ min: 0, max: 27 }), inB: fc.boolean() }), { minLength: 8, maxLength: 60 });

  it("swapping reference and group flips the estimate's sign and keeps the verdict", () => {
    fc.assert(
      fc.property(cohort, fc.double({ min: 0.1, max: 10, noNaN: true }), (rows, margin) => {
        const input = { post: rows.map((r) => r.post), pre: rows.map((r) => r.pre), group: rows.map((r) => (r.inB ? "B" : "A")) };
        const ab = ancova({ ...input, reference: "A" });
        const ba = ancova({ ...input, reference: "B" });
        fc.pre(ab.ok && ba.ok && ab.differences.length === 1);
        if (!ab.ok || !ba.ok) return;
        const [x, y] = [ab.differences[0], ba.differences[0]];
        expect(Math.abs(x.estimate + y.estimate)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x.estimate)));
        expect(Math.abs(x.se - y.se)).toBeLessThanOrEqual(1e-9 * x.se);
        const [tx, ty] = [tost({ ...x, df: ab.df }, margin), tost({ ...y, df: ba.df }, margin)];
        // p values agree to rounding; a verdict may differ only on a knife edge at .05.
        expect(Math.abs(tx.p - ty.p)).toBeLessThanOrEqual(1e-9);
        if (Math.abs(tx.p - 0.05) > 1e-9 && Math.abs(tx.p_difference - 0.05) > 1e-9) expect(tx.verdict).toBe(ty.verdict);
      }),
    );
  });

  it("the weighted difference too: swapping the groups flips its sign, keeps its SE and verdict", () => {
    fc.assert(
      fc.property(cohort, fc.double({ min: 0.1, max: 10, noNaN: true }), (rows, margin) => {
        const change = rows.map((r) => r.post - r.pre);
        const design = indicatorDesign([rows.map((r) => r.pre)], []).rows;
        const a = ipwDifference(change, rows.map((r) => (r.inB ? 1 : 0)), design);
        const b = ipwDifference(change, rows.map((r) => (r.inB ? 0 : 1)), design);
        fc.pre(a.ok && b.ok);
        if (!a.ok || !b.ok) return;
        expect(Math.abs(a.estimate + b.estimate)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(a.estimate)));
        expect(Math.abs(a.se - b.se)).toBeLessThanOrEqual(1e-7 * Math.max(1, a.se));
        const [ta, tb] = [tost({ estimate: a.estimate, se: a.se, df: Infinity }, margin), tost({ estimate: b.estimate, se: b.se, df: Infinity }, margin)];
        if (Math.abs(ta.p - 0.05) > 1e-6 && Math.abs(ta.p_difference - 0.05) > 1e-6) expect(ta.verdict).toBe(tb.verdict);
      }),
    );
  });

  it("widening the margin never turns equivalent into not_equivalent", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constant(Infinity)),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (estimate, se, df, margin, widen) => {
          const d = { estimate, se, df };
          const [narrow, wide] = [tost(d, margin), tost(d, margin + widen)];
          expect(wide.p).toBeLessThanOrEqual(narrow.p);
          expect(wide.p_difference).toBe(narrow.p_difference);
          if (narrow.verdict === "equivalent") expect(wide.verdict).toBe("equivalent");
          expect(ORDER[wide.verdict]).toBeGreaterThanOrEqual(ORDER[narrow.verdict]);
        },
      ),
    );
  });
});
