// Kaplan–Meier and the log-rank test against R's survival package (tests/golden/survival.R).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kaplanMeier, survivalAt, type TimeCounts } from "../../stats/kaplan-meier.ts";
import { logRank } from "../../stats/log-rank.ts";

interface GoldenGroup {
  group: string;
  time: number[];
  status: number[];
  km_time: number[];
  surv: number[];
  std_err: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  median: number | Record<string, never>;
  at: { day: number; surv: number; lower: number; upper: number }[];
}
const GOLDEN: { name: string; groups: GoldenGroup[]; logrank: { chisq: number; df: number; p: number } }[] = JSON.parse(
  readFileSync(new URL("../golden/survival.json", import.meta.url), "utf8"),
);

/** Per-time counts, as the retention mart returns them. */
function countsOf(g: GoldenGroup): TimeCounts[] {
  const map = new Map<number, TimeCounts>();
  g.time.forEach((t, i) => {
    const c = map.get(t) ?? { time: t, events: 0, censored: 0 };
    if (g.status[i]) c.events++;
    else c.censored++;
    map.set(t, c);
  });
  return [...map.values()];
}
const near = (a: number | null | undefined, b: number, tol = 1e-6) => {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe("Kaplan–Meier and log-rank match R", () => {
  for (const ds of GOLDEN) {
    it(ds.name, () => {
      for (const g of ds.groups) {
        const km = kaplanMeier(countsOf(g));
        expect(km.steps.map((s) => s.time)).toEqual(g.km_time);
        km.steps.forEach((s, i) => {
          near(s.surv, g.surv[i]);
          near(s.se, g.std_err[i]);
          if (g.lower[i] === null) expect(s.lower).toBeNull();
          else near(s.lower, g.lower[i]!);
          if (g.upper[i] !== null) near(s.upper, g.upper[i]!);
        });
        const median = typeof g.median === "number" ? g.median : null;
        expect(km.median).toBe(median);
        for (const a of g.at) {
          const s = survivalAt(km, a.day)!;
          near(s.surv, a.surv);
          near(s.lower, a.lower);
          near(s.upper, a.upper);
        }
      }
      const lr = logRank(ds.groups.map(countsOf));
      if (!lr.ok) throw new Error(lr.reason);
      near(lr.chisq, ds.logrank.chisq);
      expect(lr.df).toBe(ds.logrank.df);
      near(lr.p, ds.logrank.p, 1e-6);
    });
  }

  it("gives typed answers for degenerate input", () => {
    expect(logRank([[{ time: 3, events: 1, censored: 0 }]])).toEqual({ ok: false, reason: "fewer_than_two_groups" });
    expect(logRank([[{ time: 3, events: 0, censored: 2 }], [{ time: 4, events: 0, censored: 1 }]])).toEqual({ ok: false, reason: "no_events" });
    const empty = kaplanMeier([]);
    expect(empty).toMatchObject({ n: 0, events: 0, steps: [], median: null });
    expect(survivalAt(empty, 30)).toBeNull();
  });
});
