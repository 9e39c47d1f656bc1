// Shrunken severity-adjusted effect size per site with its 90 % interval, over ACORN's bands
// (below 0.5; 0.5–0.8 effective; above 0.8 highly effective). Sites in the order of their
// names, never sorted by their estimate: the intervals overlap, and an order would rank noise
// (Goldstein & Spiegelhalter 1996, J R Stat Soc A 159:385). On a site's page its row is bold.
import * as Plot from "@observablehq/plot";
import { renderPlotSvg } from "./render.ts";

export interface SaesRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
}

export function saesDotPlotSvg(rows: readonly SaesRow[], { effective = 0.5, highlyEffective = 0.8, highlight = null as string | null } = {}): string {
  const xs = [0, ...rows.flatMap((r) => [r.lower, r.upper]), highlyEffective + 0.2];
  const [lo, hi] = [Math.min(...xs), Math.max(...xs) + 0.05];
  const bands = [
    { x1: effective, x2: highlyEffective, label: "effective" },
    { x1: highlyEffective, x2: hi, label: "highly effective" },
  ];
  return renderPlotSvg({
    width: 640,
    height: 70 + 24 * rows.length,
    marginLeft: 70,
    marginTop: 30,
    x: { domain: [lo, hi], label: "severity-adjusted effect size, shrunken (90 % interval) →", grid: true },
    y: { domain: rows.map((r) => r.label), label: null, tickFormat: (d: string) => (d === highlight ? `▸ ${d}` : d) },
    marks: [
      Plot.rectX(bands, { x1: "x1", x2: "x2", fill: (b: { label: string }) => (b.label === "effective" ? "#eef5e9" : "#dcebd2") }),
      Plot.text(bands, { x: (b: { x1: number; x2: number }) => (b.x1 + b.x2) / 2, frameAnchor: "top", dy: -18, text: "label", fill: "#3c6e2f" }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.ruleY(rows, { y: "label", x1: "lower", x2: "upper", stroke: "#222", strokeWidth: 1.5 }),
      Plot.dot(rows, { y: "label", x: "estimate", r: (r: SaesRow) => (r.label === highlight ? 5.5 : 3.5), fill: (r: SaesRow) => (r.label === highlight ? "#d35400" : "#222") }),
    ],
  });
}
