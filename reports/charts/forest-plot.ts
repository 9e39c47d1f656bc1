// Forest plot of effect sizes (positive = improvement) with 95% CIs, one panel per
// instrument, the published benchmark band shaded behind each panel so a director sees
// "within / above / below the range reported for comparable programs" at a glance.
import * as Plot from "@observablehq/plot";
import { facetTitles, firstPanelNote } from "./facets.ts";
import { renderPlotSvg } from "./render.ts";

export interface ForestRow {
  instrument: string;
  /** The group a row describes, e.g. the level of care. */
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  n: number;
}

export interface BenchmarkBand {
  instrument: string;
  lower: number;
  upper: number;
  source: string;
}

export function forestPlotSvg(rows: readonly ForestRow[], bands: readonly BenchmarkBand[], { metric = "d_z" } = {}): string {
  const labels = [...new Set(rows.map((r) => r.label))];
  const instruments = [...new Set(rows.map((r) => r.instrument))];
  const extent = [0, ...rows.flatMap((r) => [r.lower, r.upper]), ...bands.flatMap((b) => [b.lower, b.upper])];
  const pad = 0.1 * (Math.max(...extent) - Math.min(...extent) || 1);
  return renderPlotSvg({
    width: 640,
    height: 60 + instruments.length * (24 + 22 * labels.length),
    marginLeft: 110,
    marginRight: 150,
    marginTop: 24,
    x: { domain: [Math.min(...extent) - pad, Math.max(...extent) + pad], label: `${metric} (positive = improvement) →`, grid: true },
    y: { domain: labels, label: null },
    fy: { domain: instruments, axis: null },
    marks: [
      facetTitles(instruments),
      firstPanelNote(instruments, "shaded: range published for comparable programs", { fill: "#4a6a90" }),
      Plot.rectX(bands.filter((b) => instruments.includes(b.instrument)), { x1: "lower", x2: "upper", fy: "instrument", fill: "#dbe6f3" }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.ruleY(rows, { y: "label", fy: "instrument", x1: "lower", x2: "upper", stroke: "#222", strokeWidth: 1.5 }),
      Plot.dot(rows, { y: "label", fy: "instrument", x: "estimate", fill: "#222", r: 3.5 }),
      Plot.text(rows, {
        y: "label",
        fy: "instrument",
        frameAnchor: "right",
        dx: 145,
        textAnchor: "end",
        text: (r: ForestRow) => `${r.estimate.toFixed(2)} [${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}] n=${r.n}`,
      }),
    ],
  });
}
