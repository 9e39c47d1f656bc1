// Retention: Kaplan–Meier curves of staying in treatment (not leaving early) by level of
// care, with the 95% band, as step functions.
import * as Plot from "@observablehq/plot";
import { spreadLabels } from "./end-labels.ts";
import { renderPlotSvg } from "./render.ts";

export interface SurvivalStep {
  label: string;
  day: number;
  surv: number;
  lower: number;
  upper: number;
}

export function retentionCurvesSvg(steps: readonly SurvivalStep[]): string {
  const labels = [...new Set(steps.map((s) => s.label))];
  const ends = labels.map((label) => steps.filter((s) => s.label === label).at(-1)!);
  const ys = spreadLabels(
    ends.map((s) => s.surv),
    0.045,
  );
  const last = ends.map((s, i) => ({ ...s, labelY: ys[i] }));
  return renderPlotSvg({
    width: 640,
    height: 300,
    marginRight: 60,
    x: { label: "days since admission →", grid: true },
    y: { domain: [0, 1], label: "↑ share still in treatment", tickFormat: "%", grid: true },
    color: { domain: labels, range: ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"] },
    marks: [
      Plot.areaY(steps, { x: "day", y1: "lower", y2: "upper", fill: "label", fillOpacity: 0.12, curve: "step-after", z: "label" }),
      Plot.line(steps, { x: "day", y: "surv", stroke: "label", z: "label", curve: "step-after", strokeWidth: 1.5 }),
      Plot.text(last, { x: "day", y: "labelY", text: "label", fill: "label", dx: 6, textAnchor: "start" }),
    ],
  });
}
