// Funnel plot (Spiegelhalter 2005): each site's observed ÷ expected reliable improvement
// against its expected count, with the 95 % and 99.8 % limits around 1 narrowing as the expected
// count grows — a site is unusual only outside the funnel, and where it sits inside says
// nothing (no ranking). Sites are labelled points; on a site's page its own point is ringed.
import * as Plot from "@observablehq/plot";
import { renderPlotSvg } from "./render.ts";

export interface FunnelPoint {
  label: string;
  /** Expected count (x) and observed ÷ expected (y). */
  x: number;
  y: number;
  outlier: boolean;
}

export interface FunnelCurvePoint {
  x: number;
  ll95: number;
  ul95: number;
  ll998: number;
  ul998: number;
}

export function funnelPlotSvg(points: readonly FunnelPoint[], curve: readonly FunnelCurvePoint[], { target = 1, highlight = null as string | null, xLabel = "expected number reliably improved →", yLabel = "↑ observed ÷ expected" } = {}): string {
  const ys = [...points.map((p) => p.y), ...curve.flatMap((c) => [c.ll998, c.ul998]), target];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const pad = 0.05 * (hi - lo || 1);
  const limit = (y: keyof FunnelCurvePoint, dash: string) => Plot.line(curve, { x: "x", y, stroke: "#6b7b8c", strokeDasharray: dash, strokeWidth: 1.2 });
  return renderPlotSvg({
    width: 640,
    height: 360,
    marginRight: 70,
    marginTop: 24,
    x: { label: xLabel, grid: true, domain: [0, Math.max(...curve.map((c) => c.x), ...points.map((p) => p.x)) * 1.03] },
    y: { label: yLabel, domain: [lo - pad, hi + pad], grid: true },
    marks: [
      Plot.areaY(curve, { x: "x", y1: "ll95", y2: "ul95", fill: "#eef2f7" }),
      limit("ll95", "4,3"),
      limit("ul95", "4,3"),
      limit("ll998", ""),
      limit("ul998", ""),
      Plot.ruleY([target], { stroke: "#333" }),
      Plot.text([curve[curve.length - 1]], { x: "x", y: "ul998", text: () => "99.8 %", dx: 4, textAnchor: "start", fill: "#6b7b8c" }),
      Plot.text([curve[curve.length - 1]], { x: "x", y: "ul95", text: () => "95 %", dx: 4, textAnchor: "start", fill: "#6b7b8c" }),
      Plot.dot(points, { x: "x", y: "y", r: 4, fill: (p: FunnelPoint) => (p.outlier ? "#c0392b" : "#2c3e50") }),
      Plot.dot(points.filter((p) => p.label === highlight), { x: "x", y: "y", r: 8, stroke: "#d35400", strokeWidth: 2 }),
      Plot.text(points, { x: "x", y: "y", text: "label", dx: 7, textAnchor: "start", fontSize: 10 }),
    ],
  });
}
