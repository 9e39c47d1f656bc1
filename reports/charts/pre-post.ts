// Pre → post by level of care: a dumbbell per group (intake mean → discharge mean, each with
// its 95% CI), one panel per instrument; the arrow shows the direction of change.
import * as Plot from "@observablehq/plot";
import { FACET_GAP, facetTitles, firstPanelNote } from "./facets.ts";
import { renderPlotSvg } from "./render.ts";

export interface PrePostRow {
  instrument: string;
  label: string;
  pre: number;
  preLower: number;
  preUpper: number;
  post: number;
  postLower: number;
  postUpper: number;
  n: number;
}

export function prePostSvg(rows: readonly PrePostRow[], { preLabel = "intake", postLabel = "discharge", xLabel = "mean score (95% CI) →" } = {}): string {
  const labels = [...new Set(rows.map((r) => r.label))];
  const instruments = [...new Set(rows.map((r) => r.instrument))];
  return renderPlotSvg({
    width: 640,
    height: 60 + instruments.length * (24 + 24 * labels.length),
    marginLeft: 110,
    marginRight: 60,
    marginTop: 30,
    x: { label: xLabel, grid: true },
    y: { domain: labels, label: null },
    fy: { domain: instruments, axis: null, padding: FACET_GAP },
    marks: [
      facetTitles(instruments),
      firstPanelNote(instruments, `○ ${preLabel}   ● ${postLabel}`),
      Plot.arrow(rows, { x1: "pre", x2: "post", y: "label", fy: "instrument", stroke: "#888", headLength: 6, inset: 5 }),
      Plot.ruleY(rows, { x1: "preLower", x2: "preUpper", y: "label", fy: "instrument", dy: -4, stroke: "#555" }),
      Plot.ruleY(rows, { x1: "postLower", x2: "postUpper", y: "label", fy: "instrument", dy: 4, stroke: "#222" }),
      Plot.dot(rows, { x: "pre", y: "label", fy: "instrument", dy: -4, stroke: "#555", fill: "white", r: 4 }),
      Plot.dot(rows, { x: "post", y: "label", fy: "instrument", dy: 4, fill: "#222", r: 4 }),
      Plot.text(rows, { y: "label", fy: "instrument", frameAnchor: "right", dx: 55, textAnchor: "end", text: (r: PrePostRow) => `n=${r.n}` }),
    ],
  });
}
