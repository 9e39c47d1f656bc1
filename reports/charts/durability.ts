// Six-month durability: mean score at intake, discharge and six months (95% CIs) by level
// of care, one panel per instrument — does the gain hold after discharge?
import * as Plot from "@observablehq/plot";
import { facetTitles } from "./facets.ts";
import { renderPlotSvg } from "./render.ts";

export interface DurabilityPoint {
  instrument: string;
  label: string;
  timepoint: string;
  mean: number;
  lower: number;
  upper: number;
}

export function durabilitySvg(points: readonly DurabilityPoint[], timepoints: readonly string[] = ["intake", "discharge", "followup_6m"]): string {
  const instruments = [...new Set(points.map((p) => p.instrument))];
  const labels = [...new Set(points.map((p) => p.label))];
  return renderPlotSvg({
    width: 640,
    height: 80 + 170 * instruments.length,
    marginLeft: 110,
    marginRight: 70,
    marginTop: 24,
    x: { domain: timepoints, label: null, padding: 0.3 },
    y: { label: "mean score", grid: true },
    fy: { domain: instruments, axis: null },
    color: { domain: labels, range: ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"] },
    marks: [
      facetTitles(instruments),
      Plot.ruleX(points, { x: "timepoint", y1: "lower", y2: "upper", fy: "instrument", stroke: "label" }),
      Plot.line(points, { x: "timepoint", y: "mean", fy: "instrument", stroke: "label", z: "label", strokeWidth: 1.5 }),
      Plot.dot(points, { x: "timepoint", y: "mean", fy: "instrument", fill: "label", r: 3.5 }),
      Plot.text(
        points.filter((p) => p.timepoint === timepoints.at(-1)),
        { x: "timepoint", y: "mean", fy: "instrument", text: "label", fill: "label", dx: 8, textAnchor: "start" },
      ),
    ],
  });
}
