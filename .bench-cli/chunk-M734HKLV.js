import {
  renderPlotSvg
} from "./chunk-KWV6SDGK.js";

// reports/charts/control-chart.ts
import * as Plot from "@observablehq/plot";
function controlChartSvg(points, { label, percent = false }) {
  return renderPlotSvg({
    width: 640,
    height: 240,
    marginLeft: 60,
    x: { domain: points.map((p) => p.quarter), label: null, padding: 0.1 },
    y: { label: `\u2191 ${label}`, grid: true, tickFormat: percent ? "%" : void 0 },
    marks: [
      Plot.line(points, { x: "quarter", y: "upper", stroke: "#b44", strokeDasharray: "4,3", curve: "step" }),
      Plot.line(points, { x: "quarter", y: "lower", stroke: "#b44", strokeDasharray: "4,3", curve: "step" }),
      Plot.line(points, { x: "quarter", y: "centre", stroke: "#777" }),
      Plot.line(points, { x: "quarter", y: "value", stroke: "#222" }),
      Plot.dot(points, { x: "quarter", y: "value", fill: "#222", r: 3 }),
      Plot.dot(points.filter((p) => p.signal), { x: "quarter", y: "value", stroke: "#c00", r: 7, strokeWidth: 2 })
    ]
  });
}

export {
  controlChartSvg
};
