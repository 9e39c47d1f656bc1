// Six-month durability: mean score at intake, discharge and six months (95% CIs) by level
// of care, one panel per instrument — does the gain hold after discharge?
import * as Plot from "@observablehq/plot";
import { spreadLabels } from "./end-labels.ts";
import { FACET_GAP, facetTitles } from "./facets.ts";
import { renderPlotSvg } from "./render.ts";

export interface DurabilityPoint {
  instrument: string;
  label: string;
  timepoint: string;
  mean: number;
  lower: number;
  upper: number;
}

const TIMEPOINT_TICKS: Record<string, string> = { intake: "intake", discharge: "discharge", followup_1m: "1 month after", followup_3m: "3 months after", followup_6m: "6 months after" };

export function durabilitySvg(
  points: readonly DurabilityPoint[],
  timepoints: readonly string[] = ["intake", "discharge", "followup_6m"],
  { yLabel = "mean score" } = {},
): string {
  const instruments = [...new Set(points.map((p) => p.instrument))];
  const labels = [...new Set(points.map((p) => p.label))];
  return renderPlotSvg({
    width: 640,
    height: 80 + 170 * instruments.length,
    marginLeft: 110,
    marginRight: 70,
    marginTop: 44,
    x: { domain: timepoints, label: null, padding: 0.3, tickFormat: (t: string) => TIMEPOINT_TICKS[t] ?? t },
    y: { label: yLabel, grid: true },
    fy: { domain: instruments, axis: null, padding: FACET_GAP },
    color: { domain: labels, range: ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"] },
    marks: [
      facetTitles(instruments),
      Plot.ruleX(points, { x: "timepoint", y1: "lower", y2: "upper", fy: "instrument", stroke: "label" }),
      Plot.line(points, { x: "timepoint", y: "mean", fy: "instrument", stroke: "label", z: "label", strokeWidth: 1.5 }),
      Plot.dot(points, { x: "timepoint", y: "mean", fy: "instrument", fill: "label", r: 3.5 }),
      Plot.text(endLabels(points, instruments, timepoints.at(-1)!), { x: "timepoint", y: "labelY", fy: "instrument", text: "label", fill: "label", dx: 8, textAnchor: "start" }),
    ],
  });
}

/** The last timepoint's points of each panel, with label positions spread 10 % of the panel's range apart. */
function endLabels(points: readonly DurabilityPoint[], instruments: readonly string[], last: string) {
  return instruments.flatMap((instrument) => {
    const panel = points.filter((p) => p.instrument === instrument);
    const ends = panel.filter((p) => p.timepoint === last);
    const span = Math.max(...panel.map((p) => p.upper)) - Math.min(...panel.map((p) => p.lower)) || 1;
    const ys = spreadLabels(
      ends.map((p) => p.mean),
      0.1 * span,
    );
    return ends.map((p, i) => ({ ...p, labelY: ys[i] }));
  });
}
