// A control chart over quarters (p-chart or XmR from stats/control-limits.ts): the series,
// centre line, 3-sigma limits as steps, and special-cause points ringed in red.
import * as Plot from "@observablehq/plot";
import { renderPlotSvg } from "./render.ts";

export interface ControlPoint {
  quarter: string;
  value: number;
  centre: number;
  lower: number;
  upper: number;
  signal: boolean;
}

export function controlChartSvg(points: readonly ControlPoint[], { label, percent = false }: { label: string; percent?: boolean }): string {
  // A flat series (a 30-day readmission rate of 0 every quarter) gives Plot an empty domain,
  // whose ticks print as "0.000000%": open it to a readable band above the value instead.
  const values = points.flatMap((p) => [p.value, p.lower, p.upper]);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const flat = hi - lo < 1e-12 ? { domain: [lo, lo + (percent ? 0.05 : 1)] } : {};
  return renderPlotSvg({
    width: 640,
    height: 240,
    marginLeft: 60,
    x: { domain: points.map((p) => p.quarter), label: null, padding: 0.1 },
    y: { label: `↑ ${label}`, grid: true, tickFormat: percent ? "%" : undefined, ...flat },
    marks: [
      Plot.line(points, { x: "quarter", y: "upper", stroke: "#b44", strokeDasharray: "4,3", curve: "step" }),
      Plot.line(points, { x: "quarter", y: "lower", stroke: "#b44", strokeDasharray: "4,3", curve: "step" }),
      Plot.line(points, { x: "quarter", y: "centre", stroke: "#777" }),
      Plot.line(points, { x: "quarter", y: "value", stroke: "#222" }),
      Plot.dot(points, { x: "quarter", y: "value", fill: "#222", r: 3 }),
      Plot.dot(points.filter((p) => p.signal), { x: "quarter", y: "value", stroke: "#c00", r: 7, strokeWidth: 2 }),
    ],
  });
}
