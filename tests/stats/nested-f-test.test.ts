// The nested-model F test and the F upper tail against R (tests/golden/nested-f.R): the two
// models are fitted with stats/ancova.ts (OLS by QR) on the golden data, so this also checks
// that the residual sums of squares agree with lm's deviance().
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ancova } from "../../stats/ancova.ts";
import { pfUpper } from "../../stats/distributions.ts";
import { nestedFTest } from "../../stats/nested-f-test.ts";

const golden = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../golden/nested-f.json"), "utf8"));
const rows: { pre: number; post: number; level: string; subgroup: string }[] = golden.data;

describe("nestedFTest", () => {
  it("matches anova(lm(post ~ pre + level), lm(post ~ pre + level + subgroup))", () => {
    const base = { post: rows.map((r) => r.post), pre: rows.map((r) => r.pre), group: rows.map((r) => r.level), reference: "IOP" };
    const reduced = ancova(base);
    const full = ancova({ ...base, covariates: [{ name: "subgroup", values: rows.map((r) => r.subgroup) }] });
    if (!reduced.ok || !full.ok) throw new Error("fit failed");
    const fit = (m: { sigma: number; df: number }) => ({ rss: m.sigma ** 2 * m.df, df: m.df });
    expect(fit(reduced).rss).toBeCloseTo(golden.rss_reduced, 9);
    expect(fit(full).df).toBe(golden.df_full);
    const test = nestedFTest(fit(reduced), fit(full));
    if (!test.ok) throw new Error(test.reason);
    expect(test.f).toBeCloseTo(golden.f, 9);
    expect(test.df1).toBe(golden.df1);
    expect(test.p).toBeCloseTo(golden.p, 9);
  });

  it("computes R's pf(lower.tail = FALSE)", () => {
    for (const g of golden.pf_upper) expect(pfUpper(g.f, g.df1, g.df2)).toBeCloseTo(g.p, 12);
  });

  it("refuses models that are not nested", () => {
    expect(nestedFTest({ rss: 10, df: 20 }, { rss: 12, df: 18 })).toEqual({ ok: false, reason: "not_nested" });
    expect(nestedFTest({ rss: 10, df: 20 }, { rss: 8, df: 20 })).toEqual({ ok: false, reason: "not_nested" });
  });
});
