// The random-intercept REML model against lme4 + emmeans (tests/golden/mixed-model.R):
// fixed effects and SEs, both variance components, model-based cell means with Wald CIs,
// at 1e-4 relative (lme4's optimizer stops at its own tolerance).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitRandomInterceptModel } from "../../stats/mixed-model.ts";

const GOLDEN = JSON.parse(readFileSync(new URL("../golden/mixed-model.json", import.meta.url), "utf8"));
const TIMEPOINTS = ["intake", "discharge", "followup_6m"];
const GROUPS = ["IOP", "OP", "PHP"];
const near = (a: number, b: number, tol = 1e-4) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe("mixed model matches lme4 + emmeans", () => {
  for (const g of GOLDEN) {
    it(g.name, () => {
      const fit = fitRandomInterceptModel(g.rows, TIMEPOINTS, GROUPS);
      if (!fit.ok) throw new Error(fit.reason);
      expect(fit.nObservations).toBe(g.rows.length);
      near(fit.variance.episode, g.variance.episode);
      near(fit.variance.residual, g.variance.residual);
      expect(fit.fixed.map((f) => f.term)).toEqual(g.terms);
      fit.fixed.forEach((f, i) => {
        near(f.estimate, g.estimate[i]);
        near(f.se, g.se[i]);
      });
      for (const m of g.means) {
        const ours = fit.means.find((x) => x.timepoint === m.timepoint && x.group === m.group)!;
        near(ours.mean, m.mean);
        near(ours.se, m.se);
        near(ours.ci[0], m.lower);
        near(ours.ci[1], m.upper);
      }
    });
  }

  it("answers with a reason when there is too little data", () => {
    expect(fitRandomInterceptModel([{ episode: "E1", timepoint: "intake", group: "IOP", score: 10 }], TIMEPOINTS, GROUPS)).toEqual({ ok: false, reason: "too_few_observations" });
  });
});
