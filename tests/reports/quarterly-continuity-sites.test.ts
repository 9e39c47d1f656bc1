// Continuity of care across the quarterly report's site pages (#18), on hand-made counts a
// person can check: a site's small matrix cell or readmission numerator under a published
// all-sites figure hides a second site's cell too, and no relation is left with exactly one
// hidden site (reports/quarterly/continuity-sites.ts, across-sites.ts).
import { describe, expect, it } from "vitest";
import { type PathwaysDocument, rateOf } from "../../queries/analyses/pathways-analysis.ts";
import { type Cell, complementarySuppression } from "../../reports/quarterly/across-sites.ts";
import { type ContinuityCounts, publishQuarterlyContinuity } from "../../reports/quarterly/continuity.ts";
import { siteContinuities } from "../../reports/quarterly/continuity-sites.ts";

const TARGETS = ["OP", "IOP", "PHP", "RES", "INP", "none"] as const;
const row = (counts: Partial<Record<string, number>>) => TARGETS.map((to) => ({ from: "OP" as const, to, n: counts[to] ?? 0 }));
const measure = (level_of_care: "OP" | "all", numerator: number, denominator: number) => ({ level_of_care, measure: "readmission_30d", numerator, denominator, ...rateOf(numerator, denominator) });

/** One site (or all sites): OP discharges by destination, and 30-day readmission at OP. */
function counts(matrix: Partial<Record<string, number>>, readmitted: number, discharged: number): ContinuityCounts {
  const doc: PathwaysDocument = { data_cut: "2026-01-31", within_days: 14, transitions: row(matrix), measures: [measure("OP", readmitted, discharged), measure("all", readmitted, discharged)] };
  return { quarter: "2025Q4", doc, readmission: [{ quarter: "2025Q3", events: 2 * readmitted, total: 2 * discharged }, { quarter: "2025Q4", events: readmitted, total: discharged }] };
}

// Site A has 5 OP discharges with no next episode: small. All sites publish 105.
const sites = new Map([
  ["A", counts({ IOP: 20, none: 5 }, 5, 40)],
  ["B", counts({ IOP: 30, none: 40 }, 30, 60)],
  ["C", counts({ IOP: 50, none: 60 }, 40, 80)],
]);
const all = counts({ IOP: 100, none: 105 }, 75, 180);

describe("continuity of care across sites", () => {
  const result = siteContinuities(all, sites, 11);
  const op = (site: string) => result.sites.get(site)!.transitions.find((r) => r.from === "OP")!;
  const rate = (site: string) => result.sites.get(site)!.measures.find((m) => m["level of care"] === "all")!;

  it("publishes the all-sites figures as they are", () => {
    expect(result.all.transitions.find((r) => r.from === "OP")).toMatchObject({ "to IOP": "100", "to none": "105", total: "205" });
    expect(rate("A").rate).not.toBe("—");
  });

  it("hides a second site's matrix cell when one site's is small and the total is published", () => {
    expect(op("A")["to none"]).toBe("<11");
    // 105 − 60 (C) − 40 (B) would give A's 5: B, the next smallest, is hidden too.
    expect(op("B")["to none"]).toBe("—");
    expect(op("C")["to none"]).toBe("60");
    expect(result.hidden.get("B")).toContain("continuity:matrix:OP:none");
  });

  it("hides a second site's rate when one site's numerator is small (the rate would give it back)", () => {
    // A: 5 of 40 readmitted — its rate shows only a bound; 75 − 40 (C) − 30 (B) = 5 otherwise.
    expect(rate("A")).toMatchObject({ rate: "< 28 %", "95% CI": "—" });
    expect(rate("B")).toMatchObject({ discharges: "60", rate: "—", "95% CI": "—" });
    expect(rate("C").rate).toBe("50 %");
    // B's readmission chart loses the quarter's point with its rate, and 2025Q3's (A's 10 of 80) by the same rule.
    expect(result.sites.get("B")!.readmission.omitted).toEqual(["2025Q3", "2025Q4"]);
    expect(result.sites.get("C")!.readmission.omitted).toEqual([]);
  });

  it("leaves no published all-sites relation with exactly one hidden site", () => {
    const whole = publishQuarterlyContinuity(all, 11).cells;
    const parts = new Map([...sites].map(([site, c]) => [site, publishQuarterlyContinuity(c, 11, result.hidden.get(site)).cells]));
    expect([...complementarySuppression(whole, parts, { hiddenTotals: true }).values()].every((keys) => keys.size === 0)).toBe(true);
    for (const relation of whole.filter((c) => !c.hidden)) {
      const hidden = [...parts.values()].filter((cs) => cs.find((c) => c.key === relation.key)?.hidden).length;
      expect(hidden === 0 || hidden >= 2, relation.key).toBe(true);
    }
  });
});

describe("complementarySuppression with hidden totals", () => {
  const cell = (key: string, total: number, hidden = false): Cell => ({ key, total, hidden });
  it("hides one site cell when the whole hides a large figure its sites would add up to", () => {
    const sites = new Map([
      ["A", [cell("k", 25)]],
      ["B", [cell("k", 30)]],
    ]);
    expect(complementarySuppression([cell("k", 55, true)], sites, { hiddenTotals: true }).get("A")).toEqual(new Set(["k"]));
    // Without the option (the model's figures, whose totals are hidden only when small) nothing changes.
    expect(complementarySuppression([cell("k", 55, true)], sites).get("A")).toEqual(new Set());
  });
});
