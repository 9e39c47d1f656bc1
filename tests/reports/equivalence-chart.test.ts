// The equivalence chart and the margin curve (reports/charts/equivalence.ts) as golden SVGs,
// with the numbers and verdicts of every row and a PNG that draws text.
import { describe, expect, it } from "vitest";
import { equivalenceChartSvg, marginCurveSvg } from "../../reports/charts/equivalence.ts";
import { svgToPng } from "../../reports/charts/render.ts";
import { marginCurve } from "../../stats/equivalence.ts";
import { compareSvgSnapshot } from "../support/snapshot.ts";

const ROWS = [
  { panel: "IOP vs residential", label: "ANCOVA", estimate: 1.17, lower: 0.44, upper: 1.9, margin: 5, verdict: "equivalent but different" },
  { panel: "IOP vs residential", label: "weighted", estimate: 1.29, lower: 0.42, upper: 2.16, margin: 5, verdict: "equivalent but different" },
  { panel: "Virtual vs in person (IOP)", label: "ANCOVA", estimate: -2.8, lower: -6.1, upper: 0.5, margin: 5, verdict: "inconclusive" },
  { panel: "Virtual vs in person (IOP)", label: "weighted", estimate: -3.1, lower: -6.6, upper: 0.4, margin: 5, verdict: "inconclusive" },
];

describe("equivalence chart", () => {
  const svg = equivalenceChartSvg(ROWS);

  it("matches its golden SVG", () => {
    expect(compareSvgSnapshot("equivalence", svg)).toBeNull();
  });

  it("writes every row's difference, 90% CI and verdict, and a symmetric axis around 0", () => {
    for (const r of ROWS) expect(svg).toContain(`${r.estimate.toFixed(2)} [${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}] ${r.verdict}`);
    for (const tick of [">−5<", ">0<", ">5<"]) expect(svg).toContain(tick);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svgToPng(svg).subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("margin curve", () => {
  const points = [
    { series: "A", difference: { estimate: 1, se: 0.4, df: 200 } },
    { series: "B", difference: { estimate: -0.2, se: 0.3, df: 200 } },
  ].flatMap(({ series, difference }) => marginCurve(difference, [0.25, 0.5, 1, 1.5, 2, 3]).map((c) => ({ series, margin: c.margin, p: c.p })));
  const svg = marginCurveSvg(points, { marked: { margin: 2.5, label: "MCID 2.5" } });

  it("matches its golden SVG", () => {
    expect(compareSvgSnapshot("margin-curve", svg)).toBeNull();
  });

  it("labels each curve, the .05 line and the declared margin", () => {
    for (const label of [">A<", ">B<", ">p = .05<", ">MCID 2.5<"]) expect(svg).toContain(label);
    expect(svgToPng(svg).subarray(1, 4).toString()).toBe("PNG");
  });
});
