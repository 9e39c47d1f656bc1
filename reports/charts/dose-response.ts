// Dose–response: mean improvement (95% CI) per bin of hours attended per week, with the
// level-of-care thresholds marked (IOP ≥ 9 h/week, PHP ≥ 20 h/week; DESIGN.md / ASAM), so a
// reader sees where the program's intensity bands fall on the curve.
import * as Plot from "@observablehq/plot";
import { renderPlotSvg } from "./render.ts";

export interface DoseBin {
  /** Bin centre on the x axis (hours per week). */
  x: number;
  label: string;
  mean: number;
  lower: number;
  upper: number;
  n: number;
}

export function doseResponseSvg(bins: readonly DoseBin[], { xLabel = "hours attended per week →", yLabel = "↑ mean improvement, points (95% CI)", thresholds = [9, 20] } = {}): string {
  return renderPlotSvg({
    width: 640,
    height: 300,
    marginTop: 30,
    marginRight: 30,
    x: { label: xLabel, grid: true, domain: [0, Math.max(30, ...bins.map((b) => b.x + 3))] },
    y: { label: yLabel, grid: true, zero: true },
    marks: [
      Plot.ruleX(thresholds, { stroke: "#4a6a90", strokeDasharray: "4,3" }),
      Plot.text(thresholds, { x: (d: number) => d, frameAnchor: "top", dy: -12, text: (d: number) => (d === 9 ? "IOP ≥ 9 h" : d === 20 ? "PHP ≥ 20 h" : `${d} h`), fill: "#4a6a90" }),
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.ruleX(bins, { x: "x", y1: "lower", y2: "upper", stroke: "#222" }),
      Plot.dot(bins, { x: "x", y: "mean", fill: "#222", r: 3.5 }),
      Plot.text(bins, { x: "x", y: "upper", dy: -8, text: (b: DoseBin) => `n=${b.n}`, fontSize: 9 }),
    ],
  });
}
