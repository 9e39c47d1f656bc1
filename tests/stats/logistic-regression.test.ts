// Logistic regression against R's glm(family = binomial) (tests/golden/logistic.R), with the
// design built as R's model.matrix does (treatment contrasts, first level alphabetically as
// reference), and its typed failures.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { logisticRegression } from "../../stats/logistic-regression.ts";

const golden = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../golden/logistic.json"), "utf8"));
const rows: { y: number; severity: number; track: string }[] = golden.data;

describe("logisticRegression", () => {
  it("matches glm(y ~ severity + track, family = binomial) to 1e-6", () => {
    // Terms: (Intercept), severity, trackMH, trackSUD (COD is the reference).
    const x = rows.map((r) => [1, r.severity, r.track === "MH" ? 1 : 0, r.track === "SUD" ? 1 : 0]);
    const fit = logisticRegression(x, rows.map((r) => r.y));
    if (!fit.ok) throw new Error(fit.reason);
    expect(golden.terms).toEqual(["(Intercept)", "severity", "trackMH", "trackSUD"]);
    fit.coefficients.forEach((b, j) => expect(b).toBeCloseTo(golden.coefficients[j], 6));
    fit.se.forEach((se, j) => expect(se).toBeCloseTo(golden.se[j], 6));
    expect(fit.deviance).toBeCloseTo(golden.deviance, 6);
    fit.fitted.forEach((m, i) => expect(m).toBeCloseTo(golden.fitted[i], 6));
  });

  it("fits grouped outcomes (successes of trials per covariate pattern) to glm's estimates on the rows", () => {
    const pattern = (r: (typeof rows)[number]) => `${r.severity}|${r.track}`;
    const patterns = [...new Set(rows.map(pattern))];
    const x = patterns.map((k) => { const r = rows.find((row) => pattern(row) === k)!; return [1, r.severity, r.track === "MH" ? 1 : 0, r.track === "SUD" ? 1 : 0]; });
    const successes = patterns.map((k) => rows.filter((r) => pattern(r) === k && r.y === 1).length);
    const trials = patterns.map((k) => rows.filter((r) => pattern(r) === k).length);
    expect(patterns.length).toBeLessThan(rows.length);
    const fit = logisticRegression(x, successes, { trials, tolerance: 1e-12, maxIterations: 100 });
    if (!fit.ok) throw new Error(fit.reason);
    // The estimates; R's SEs come from its last iteration's weights at ε = 1e-8, not the optimum.
    fit.coefficients.forEach((b, j) => expect(b).toBeCloseTo(golden.coefficients[j], 6));
  });

  it("reports separation and a singular design instead of numbers", () => {
    const x = [0, 1, 2, 3, 4, 5].map((v) => [1, v]);
    expect(logisticRegression(x, [0, 0, 0, 1, 1, 1])).toMatchObject({ ok: false });
    expect(logisticRegression([[1, 2], [1, 2], [1, 2]], [0, 1, 0])).toEqual({ ok: false, reason: "singular_design" });
  });
});
