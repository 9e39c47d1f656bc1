// Publishing continuity of care (reports/pathways/continuity.ts) on a hand-made document: the
// matrix suppressed with its totals (complementary cells), step rates hidden where the matrix
// row hides a cell, other measures' levels suppressed against `all`.
import { describe, expect, it } from "vitest";
import { type PathwaysDocument, rateOf } from "../../queries/analyses/pathways-analysis.ts";
import { publishContinuity } from "../../reports/pathways/continuity.ts";
import { shareText } from "../../reports/suppression.ts";

const cells = (from: "OP" | "IOP", counts: Partial<Record<string, number>>) =>
  (["OP", "IOP", "PHP", "RES", "INP", "none"] as const).map((to) => ({ from, to, n: counts[to] ?? 0 }));
const measure = (level_of_care: PathwaysDocument["measures"][number]["level_of_care"], measure: string, numerator: number, denominator: number) => ({ level_of_care, measure, numerator, denominator, ...rateOf(numerator, denominator) });

const doc: PathwaysDocument = {
  data_cut: "2026-06-30",
  within_days: 14,
  transitions: [...cells("OP", { IOP: 5, none: 40 }), ...cells("IOP", { OP: 30, none: 50 })],
  measures: [
    measure("OP", "step_up", 5, 45),
    measure("IOP", "step_down", 30, 80),
    measure("all", "step_down", 30, 125),
    measure("IOP", "continuing_care_7d", 12, 70),
    measure("PHP", "continuing_care_7d", 4, 8),
    measure("all", "continuing_care_7d", 16, 78),
    measure("OP", "readmission_30d", 20, 40),
    measure("IOP", "readmission_30d", 30, 60),
    measure("all", "readmission_30d", 50, 100),
  ],
};

describe("publishing continuity of care", () => {
  const published = publishContinuity(doc, 11);
  const row = (from: string) => published.transitions.find((r) => r.from === from)!;

  it("suppresses the matrix with its totals so no hidden cell follows by subtraction", () => {
    // OP→IOP (5) and the IOP column total (5) are small; OP→none, IOP→none, IOP→OP and the OP
    // column total are hidden to protect them; row totals and the grand total stay.
    expect(row("OP")).toEqual({ from: "OP", "to OP": "0", "to IOP": "<11", "to PHP": "0", "to RES": "0", "to INP": "0", "to none": "—", total: "45" });
    expect(row("IOP")).toEqual({ from: "IOP", "to OP": "—", "to IOP": "0", "to PHP": "0", "to RES": "0", "to INP": "0", "to none": "—", total: "80" });
    expect(row("total")).toMatchObject({ "to OP": "—", "to IOP": "<11", "to none": "90", total: "125" });
  });

  it("draws each row with a published total, its hidden cells merged into one segment", () => {
    expect(published.flow).toEqual([
      { from: "OP", to: "suppressed", share: 1 },
      { from: "IOP", to: "suppressed", share: 1 },
    ]);
    const clean = publishContinuity({ ...doc, transitions: [...cells("OP", { IOP: 15, none: 45 }), ...cells("IOP", { OP: 30, none: 50 })] }, 11);
    expect(clean.flow).toEqual([
      { from: "OP", to: "IOP", share: 0.25 },
      { from: "OP", to: "none", share: 0.75 },
      { from: "IOP", to: "OP", share: 0.375 },
      { from: "IOP", to: "none", share: 0.625 },
    ]);
  });

  it("hides a step rate whose matrix row hides a cell, and shows its denominator as the row total", () => {
    const m = (level: string, name: string) => published.measures.find((r) => r["level of care"] === level && r.measure === name)!;
    expect(m("IOP", "step down")).toEqual({ "level of care": "IOP", measure: "step down", discharges: "80", rate: "—", "95% CI": "—" });
    expect(m("OP", "step up").rate).toBe("—");
    expect(m("all", "step down")).toMatchObject({ discharges: "125", rate: "—" });
  });

  it("suppresses the other measures' levels against the all row", () => {
    const m = (level: string, name: string) => published.measures.find((r) => r["level of care"] === level && r.measure === name)!;
    expect(m("PHP", "continuing care 7d")).toMatchObject({ discharges: "<11", rate: "—" });
    expect(m("IOP", "continuing care 7d")).toMatchObject({ discharges: "—", rate: "—" }); // else 78 − 70 = 8
    expect(m("all", "continuing care 7d")).toMatchObject({ discharges: "78", rate: "21 %" });
    expect(m("OP", "readmission 30d")).toEqual({ "level of care": "OP", measure: "readmission 30d", discharges: "40", rate: "50 %", "95% CI": `${rateOf(20, 40).ci![0].toFixed(1)}–${rateOf(20, 40).ci![1].toFixed(1)} %` });
  });

  it("hides a second level's rate when one level's numerator is small and the all rate is shown", () => {
    // Readmission: OP 3 of 40 is hidden (3 < 11); all (43 of 120) and IOP (40 of 80) would be
    // shown, and 43 − 40 gives OP's 3 back — so IOP's rate is hidden too; with a third level the
    // smallest other numerator goes.
    const small = (levels: [string, number, number][]) =>
      publishContinuity({ ...doc, measures: levels.map(([level, n, d]) => measure(level as "OP", "readmission_30d", n, d)) }, 11).measures;
    const rate = (ms: ReturnType<typeof small>, level: string) => ms.find((r) => r["level of care"] === level)!.rate;
    const two = small([["OP", 3, 40], ["IOP", 40, 80], ["all", 43, 120]]);
    // OP keeps only its bound (shareText), which does not give 3 back.
    expect([rate(two, "OP"), rate(two, "IOP"), rate(two, "all")]).toEqual([shareText(3, 40, 11), "—", "36 %"]);
    const three = small([["OP", 3, 40], ["IOP", 40, 80], ["PHP", 25, 50], ["all", 68, 170]]);
    expect([rate(three, "OP"), rate(three, "IOP"), rate(three, "PHP"), rate(three, "all")]).toEqual([shareText(3, 40, 11), "50 %", "—", "40 %"]);
  });
});
