// ANCOVA against R's lm (tests/golden/ancova.R): every coefficient, SE, t, p, and the
// adjusted group differences with their t intervals.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ancova } from "../../stats/ancova.ts";

const GOLDEN = JSON.parse(readFileSync(new URL("../golden/ancova.json", import.meta.url), "utf8"));
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));

describe("ANCOVA matches R's lm", () => {
  for (const g of GOLDEN) {
    it(g.name, () => {
      const covariates = g.covariates ? [{ name: "payer", values: g.payer }, { name: "age", values: g.age }] : [];
      const r = ancova({ post: g.post, pre: g.pre, group: g.group, reference: g.reference, covariates });
      if (!r.ok) throw new Error(r.reason);
      expect(r.coefficients.map((c) => c.term)).toEqual(g.terms);
      expect(r.df).toBe(g.df);
      near(r.sigma, g.sigma);
      r.coefficients.forEach((c, j) => {
        near(c.estimate, g.estimate[j]);
        near(c.se, g.se[j]);
        near(c.t, g.t[j]);
        near(c.p, g.p[j]);
      });
      for (const d of r.differences) {
        const j = g.terms.indexOf(`group${d.group}`);
        near(d.ci[0], g.ci_low[j]);
        near(d.ci[1], g.ci_high[j]);
      }
    });
  }

  it("answers with a reason for degenerate designs", () => {
    expect(ancova({ post: [1, 2], pre: [1, 2], group: ["IOP", "PHP"], reference: "IOP" })).toEqual({ ok: false, reason: "too_few_observations" });
    expect(ancova({ post: [1, 2, 3], pre: [1, 2, 3], group: ["IOP", "IOP", "IOP"], reference: "PHP" })).toEqual({ ok: false, reason: "reference_missing" });
    const collinear = ancova({ post: [1, 2, 3, 5, 6], pre: [0, 0, 1, 1, 1], group: ["IOP", "IOP", "PHP", "PHP", "PHP"], reference: "IOP" });
    expect(collinear).toEqual({ ok: false, reason: "singular_design" });
  });
});
