// Continuity of care across the quarterly report's site pages, on hand-made counts a
// person can check: a site's small step-up complement or readmission numerator under a
// published all-sites figure hides a second site's rate too, and no relation is left with
// exactly one hidden site (reports/quarterly/continuity-sites.ts, across-sites.ts). The page
// publishes no matrix: where people went is carried by the step measures.
import { describe, expect, it } from "vitest";
import { PATHWAY_MEASURES } from "../../domain/pathways.ts";
import { type PathwaysDocument, rateOf } from "../../queries/analyses/pathways-analysis.ts";
import { type Cell, complementarySuppression } from "../../reports/quarterly/across-sites.ts";
import { closedQuarters, type ContinuityCounts, publishQuarterlyContinuity } from "../../reports/quarterly/continuity.ts";
import { siteContinuities } from "../../reports/quarterly/continuity-sites.ts";

const TARGETS = ["OP", "IOP", "PHP", "RES", "INP", "none"] as const;
const row = (counts: Partial<Record<string, number>>) => TARGETS.map((to) => ({ from: "OP" as const, to, n: counts[to] ?? 0 }));
const measure = (name: string, level_of_care: "OP" | "all", numerator: number, denominator: number) => ({ level_of_care, measure: name, numerator, denominator, ...rateOf(numerator, denominator) });

/** One site (or all sites): OP discharges by destination (so step-up = to IOP), and 30-day readmission at OP. */
function counts(matrix: Partial<Record<string, number>>, readmitted: number, discharged: number): ContinuityCounts {
  const [up, total] = [matrix.IOP ?? 0, Object.values(matrix).reduce((a, b) => a! + b!, 0)!];
  const measures = (["OP", "all"] as const).flatMap((level) => [measure("step_up", level, up, total), measure("readmission_30d", level, readmitted, discharged)]);
  const doc: PathwaysDocument = { data_cut: "2026-01-31", within_days: 14, transitions: row(matrix), measures };
  const spans = Object.fromEntries(PATHWAY_MEASURES.map((m) => [m, ["2025Q4"]])) as ContinuityCounts["spans"];
  return { quarter: "2025Q4", spans, doc, readmission: [{ quarter: "2025Q3", events: 2 * readmitted, total: 2 * discharged }, { quarter: "2025Q4", events: readmitted, total: discharged }] };
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
  const stepUp = (site: string | null) => (site ? result.sites.get(site)! : result.all).measures.find((m) => m.measure === "step up" && m["level of care"] === "OP")!;
  const rate = (site: string) => result.sites.get(site)!.measures.find((m) => m.measure === "readmission 30d" && m["level of care"] === "all")!;

  it("publishes the all-sites figures as they are, and no matrix", () => {
    expect(stepUp(null)).toMatchObject({ discharges: "205", rate: "49 %" });
    expect(result.all.transitions).toEqual([]);
    expect(rate("A").rate).not.toBe("—");
  });

  it("hides a second site's step-up rate when one site's is only a bound and the total is published", () => {
    // A: 20 of 25 stepped up — 5 did not, a small count, so its rate is a bound; 100 − 50 (C) − 30 (B) would give A's 20 back.
    expect(stepUp("A")).toMatchObject({ discharges: "25", rate: "> 56 %", "95% CI": "—" });
    expect(stepUp("B")).toMatchObject({ discharges: "70", rate: "—" });
    expect(stepUp("C").rate).toBe("45 %");
    expect(result.hidden.get("B")).toContain("continuity:step_up:OP:num");
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

describe("the quarters a continuity measure covers", () => {
  it("are the four most recent up to the report's whose window closed for every discharge by the cut", () => {
    // 2026Q3 ends 2026-09-30: its 14 days close on 10-14, its 30 on 10-30, its 90 on 12-29.
    expect(closedQuarters("2026Q3", 14, "2026-10-14")).toEqual(["2025Q4", "2026Q1", "2026Q2", "2026Q3"]);
    expect(closedQuarters("2026Q3", 14, "2026-10-13")).toEqual(["2025Q3", "2025Q4", "2026Q1", "2026Q2"]);
    expect(closedQuarters("2026Q3", 90, "2026-11-15")).toEqual(["2025Q3", "2025Q4", "2026Q1", "2026Q2"]);
    expect(closedQuarters("2026Q3", 180, "2026-11-15")).toEqual(["2025Q2", "2025Q3", "2025Q4", "2026Q1"]);
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
