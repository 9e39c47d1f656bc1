// Forest plot of effect sizes (positive = improvement) with 95% CIs, one panel per
// instrument, the published benchmark band shaded behind each panel so a director sees
// "within / above / below the range reported for comparable programs" at a glance.
import * as Plot from "@observablehq/plot";
import { FACET_GAP, facetTitles, firstPanelNote } from "./facets.ts";
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
  /** The row (group) the band belongs to, when benchmarks differ by group (e.g. by setting); absent = the whole panel. */
  label?: string;
  lower: number;
  upper: number;
  source: string;
}

export function forestPlotSvg(rows: readonly ForestRow[], bands: readonly BenchmarkBand[], { metric = "d_z" } = {}): string {
  const labels = [...new Set(rows.map((r) => r.label))];
  const instruments = [...new Set(rows.map((r) => r.instrument))];
  const shown = bands.filter((b) => instruments.includes(b.instrument));
  const ranges = shown.filter((b) => b.lower < b.upper);
  const points = shown.filter((b) => b.lower === b.upper);
  const extent = [0, ...rows.flatMap((r) => [r.lower, r.upper]), ...bands.flatMap((b) => [b.lower, b.upper])];
  const pad = 0.1 * (Math.max(...extent) - Math.min(...extent) || 1);
  return renderPlotSvg({
    width: 640,
    height: 60 + instruments.length * (24 + 22 * labels.length),
    marginLeft: Math.max(110, 12 + 6.5 * Math.max(...labels.map((l) => l.length))),
    marginRight: 150,
    marginTop: 30,
    x: { domain: [Math.min(...extent) - pad, Math.max(...extent) + pad], label: `${metric} (positive = improvement) →`, grid: true },
    y: { domain: labels, label: null },
    fy: { domain: instruments, axis: null, padding: FACET_GAP },
    marks: [
      facetTitles(instruments),
      shown.length ? firstPanelNote(instruments, "shaded: range, blue tick: single value published for comparable programs", { fill: "#4a6a90" }) : null,
      // A published range is a shaded band; a single published value (no interval) a tick.
      Plot.rectX(ranges.filter((b) => b.label === undefined), { x1: "lower", x2: "upper", fy: "instrument", fill: "#dbe6f3" }),
      Plot.rectX(ranges.filter((b) => b.label !== undefined), { x1: "lower", x2: "upper", y: "label", fy: "instrument", fill: "#dbe6f3" }),
      Plot.ruleX(points.filter((b) => b.label === undefined), { x: "lower", fy: "instrument", stroke: "#4a6a90", strokeWidth: 2 }),
      Plot.tickX(points.filter((b) => b.label !== undefined), { x: "lower", y: "label", fy: "instrument", stroke: "#4a6a90", strokeWidth: 2 }),
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
