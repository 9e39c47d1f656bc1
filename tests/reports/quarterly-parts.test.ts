// The quarterly report's pure parts: complementary suppression across sites, the tiles'
// change and hiding, and the "what changed" sentences — each against hand-worked answers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, complementarySuppression } from "../../reports/quarterly/across-sites.ts";
import { buildTiles, type QuarterFigures } from "../../reports/quarterly/tiles.ts";
import { whatChanged } from "../../reports/quarterly/what-changed.ts";

const cell = (key: string, total: number, threshold = 11): Cell => ({ key, total, hidden: total > 0 && total < threshold });

describe("complementarySuppression", () => {
  it("hides the next smallest site when exactly one site is hidden", () => {
    const hide = complementarySuppression(
      [cell("admissions:2026Q3", 60)],
      new Map([
        ["S01", [cell("admissions:2026Q3", 35)]],
        ["S02", [cell("admissions:2026Q3", 20)]],
        ["S03", [cell("admissions:2026Q3", 5)]],
      ]),
    );
    expect([...hide.get("S02")!]).toEqual(["admissions:2026Q3"]);
    expect(hide.get("S01")!.size).toBe(0);
    expect(hide.get("S03")!.size).toBe(0);
  });

  it("leaves relations alone that hide none or two sites, or whose total is hidden", () => {
    const hide = complementarySuppression(
      [cell("a", 50), cell("b", 14), cell("c", 8)],
      new Map([
        ["S01", [cell("a", 25), cell("b", 4), cell("c", 8)]],
        ["S02", [cell("a", 25), cell("b", 10)]],
      ]),
    );
    expect(hide.get("S01")!.size + hide.get("S02")!.size).toBe(0);
  });

  it("never leaves a small site figure recoverable as total minus the shown sites", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 6 }), (figures) => {
        const total = figures.reduce((a, b) => a + b, 0);
        const sites = new Map(figures.map((n, i) => [`S${i}`, [cell("k", n)]]));
        const extra = complementarySuppression([cell("k", total)], sites);
        const hidden = figures.filter((n, i) => (n > 0 && n < 11) || extra.get(`S${i}`)!.has("k"));
        const remainder = total - figures.filter((n, i) => !((n > 0 && n < 11) || extra.get(`S${i}`)!.has("k"))).reduce((a, b) => a + b, 0);
        // Either the total is itself hidden, nothing is hidden, or the remainder is shared by 2+ sites.
        return cell("k", total).hidden || hidden.length === 0 || hidden.length >= 2 || remainder === 0;
      }),
    );
  });
});

const figures = (quarter: string, discharges: number, completed: number): QuarterFigures => ({
  quarter,
  volumes: { quarter, admissions: 40, discharges, completed, median_los_days: 30, measured: discharges, recommend_answered: 0, recommend_yes: 0 },
  reliable: {},
});

describe("quarterly tiles", () => {
  it("give each figure with its change against the previous quarter", () => {
    const tiles = buildTiles(figures("2026Q3", 100, 70), figures("2026Q2", 80, 48), 11);
    const completion = tiles.find((t) => t.id === "completion")!;
    expect(completion).toMatchObject({ value: "70 %", previous: "60 %", change: "+10.0 pts", basis: "n = 100" });
    expect(tiles.find((t) => t.id === "discharges")).toMatchObject({ value: "100", previous: "80", change: "+20" });
  });

  it("hide the discharge family of a quarter named in `hide`", () => {
    const tiles = buildTiles(figures("2026Q3", 100, 70), figures("2026Q2", 80, 48), 11, new Set(["discharges:2026Q3"]));
    for (const id of ["discharges", "completion", "length_of_stay", "measurement"]) {
      expect(tiles.find((t) => t.id === id)).toMatchObject({ value: "—", current: null, change: null });
    }
    expect(tiles.find((t) => t.id === "admissions")!.value).toBe("40");
  });
});

describe("quarterly tiles' basis", () => {
  it("can hide only the n under a share", () => {
    const now = { ...figures("2026Q3", 100, 70), reliable: { PHQ9: { n: 80, improved: 30 } } };
    const tiles = buildTiles(now, figures("2026Q2", 80, 48), 11, new Set(["basis:phq9_improved:2026Q3"]));
    expect(tiles.find((t) => t.id === "phq9_improved")).toMatchObject({ value: "38 %", basis: "n not shown: it would reveal a small level of care" });
  });
});

describe("whatChanged", () => {
  it("reports tiles that moved more than the stated amount, with their direction", () => {
    const tiles = buildTiles(figures("2026Q3", 100, 70), figures("2026Q2", 98, 59), 11);
    const lines = whatChanged({ quarter: "2026Q3", previousQuarter: "2026Q2", tiles, charts: [], benchmarks: [] });
    expect(lines).toEqual(["Completed treatment rose from 60 % in 2026Q2 to 70 % (+9.8 pts) — an improvement."]);
  });

  it("names control-chart signals of the quarter and effects outside the published range", () => {
    const tiles = buildTiles(figures("2026Q3", 100, 60), figures("2026Q2", 100, 60), 11);
    const series = { points: [], omitted: [], missing: null, signals: [{ quarter: "2026Q3", signals: ["outside_limits" as const] }] };
    const lines = whatChanged({
      quarter: "2026Q3",
      previousQuarter: "2026Q2",
      tiles,
      charts: [{ title: "The completion rate", series }],
      benchmarks: [{ instrument: "PHQ-9", level_of_care: "IOP", verdict: "below", estimate: 0.42, lower: 0.88, upper: 1.04 }],
    });
    expect(lines).toEqual([
      "The completion rate in 2026Q3 is outside its control limits (special-cause variation, worth a look).",
      "PHQ-9, IOP: the effect (d = 0.42) is below the range published for comparable programs (0.88–1.04), its whole 95% CI outside it.",
    ]);
  });

  it("says so when nothing moved", () => {
    const tiles = buildTiles(figures("2026Q3", 100, 60), figures("2026Q2", 100, 60), 11);
    expect(whatChanged({ quarter: "2026Q3", previousQuarter: "2026Q2", tiles, charts: [], benchmarks: [] })[0]).toMatch(/^No headline figure moved/);
  });
});
