// Equivalence chart (Lakens 2017, fig. 1): each adjusted difference as a dot with its 90 % CI
// (the interval TOST reads) against the shaded ±margin band of its row; equivalence is shown
// when the whole interval lies inside the band. One panel per question; the verdict in words
// at the right. Counts are not drawn (a caller that labels rows passes published text).
import * as Plot from "@observablehq/plot";
import { spreadLabels } from "./end-labels.ts";
import { FACET_GAP, facetTitles, firstPanelNote } from "./facets.ts";
import { renderPlotSvg } from "./render.ts";

export interface EquivalenceRow {
  /** The panel, e.g. "Virtual vs in person (IOP, PHQ-9)". */
  panel: string;
  /** The row within the panel, e.g. the adjustment ("ANCOVA", "weighted"). */
  label: string;
  estimate: number;
  /** 90 % interval. */
  lower: number;
  upper: number;
  margin: number;
  /** What the right-hand text says, e.g. "equivalent within ±5". */
  verdict: string;
}

export function equivalenceChartSvg(rows: readonly EquivalenceRow[], { axisLabel = "difference in the post score, points (group − reference) →", width = 760 } = {}): string {
  const panels = [...new Set(rows.map((r) => r.panel))];
  const labels = [...new Set(rows.map((r) => r.label))];
  const extent = [0, ...rows.flatMap((r) => [r.lower, r.upper, -r.margin, r.margin])];
  const reach = Math.max(...extent.map(Math.abs));
  const pad = 0.08 * (reach || 1);
  return renderPlotSvg({
    width,
    height: 60 + panels.length * (26 + 24 * labels.length),
    marginLeft: Math.max(110, 12 + 6.5 * Math.max(...labels.map((l) => l.length))),
    marginRight: 290,
    marginTop: 32,
    x: { domain: [-reach - pad, reach + pad], label: axisLabel, grid: true },
    y: { domain: labels, label: null },
    fy: { domain: panels, axis: null, padding: FACET_GAP },
    marks: [
      facetTitles(panels),
      firstPanelNote(panels, "shaded: ±margin · line: 90% CI", { fill: "#4a6a90" }),
      Plot.rectX(rows, { x1: (r: EquivalenceRow) => -r.margin, x2: "margin", y: "label", fy: "panel", fill: "#dbe6f3", insetTop: 3, insetBottom: 3 }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.ruleY(rows, { y: "label", fy: "panel", x1: "lower", x2: "upper", stroke: "#222", strokeWidth: 1.8 }),
      Plot.dot(rows, { y: "label", fy: "panel", x: "estimate", fill: "#222", r: 3.5 }),
      Plot.text(rows, {
        y: "label",
        fy: "panel",
        frameAnchor: "right",
        dx: 10,
        textAnchor: "start",
        text: (r: EquivalenceRow) => `${r.estimate.toFixed(2)} [${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}] ${r.verdict}`,
      }),
    ],
  });
}

export interface MarginCurvePoint {
  /** One curve, e.g. "IOP vs RES · ANCOVA". */
  series: string;
  margin: number;
  /** TOST p at that margin. */
  p: number;
}

/**
 * Margin curve: the TOST p value of each comparison as the margin widens; equivalence is shown
 * where a curve drops below the dashed .05 line, so its crossing is the smallest margin that
 * would show it (stats/equivalence.ts, equivalenceBound).
 */
export function marginCurveSvg(points: readonly MarginCurvePoint[], { axisLabel = "margin M, points of the instrument →", width = 760, marked }: { axisLabel?: string; width?: number; marked?: { margin: number; label: string } } = {}): string {
  const series = [...new Set(points.map((p) => p.series))];
  const ends = series.map((s) => points.filter((p) => p.series === s).at(-1)!);
  // Curves end near p = 0 together: labels spread apart (reports/charts/end-labels.ts).
  const labelY = spreadLabels(ends.map((p) => p.p), 0.065);
  const lift = Math.max(0, -Math.min(...labelY));
  const last = ends.map((p, i) => ({ ...p, labelY: labelY[i] + lift }));
  return renderPlotSvg({
    width,
    height: 320,
    marginRight: 250,
    marginTop: 24,
    x: { label: axisLabel, grid: true },
    y: { domain: [0, 1], label: "↑ TOST p", grid: true },
    color: { domain: series, range: ["#1b4f8a", "#c0392b", "#2e7d32", "#8e44ad", "#b9770e", "#5d6d7e"] },
    marks: [
      Plot.ruleY([0.05], { stroke: "#555", strokeDasharray: "4 3" }),
      Plot.text([0.05], { y: (d: number) => d, text: () => "p = .05", frameAnchor: "right", textAnchor: "end", dy: -7, dx: -4, fill: "#555" }),
      // The declared margin, when there is one with a source.
      marked ? Plot.ruleX([marked.margin], { stroke: "#4a6a90", strokeDasharray: "2 2" }) : null,
      marked ? Plot.text([marked], { x: "margin", text: "label", frameAnchor: "top", textAnchor: "start", dx: 4, dy: 4, fill: "#4a6a90" }) : null,
      Plot.line(points, { x: "margin", y: "p", z: "series", stroke: "series", strokeWidth: 1.8 }),
      Plot.text(last, { x: "margin", y: "labelY", text: "series", fill: "series", textAnchor: "start", dx: 6 }),
    ],
  });
}
