// Where discharges go next: one horizontal bar per level of care discharged from, split
// by the level of the next episode within W days (or none), as shares of the row, each wide
// enough segment labelled with its destination and share. Only rows with a published total are drawn,
// and their hidden cells only as one merged "suppressed" segment (reports/pathways/
// continuity.ts decides), so no bar's width gives back a small count.
import * as Plot from "@observablehq/plot";
import { renderPlotSvg } from "./render.ts";

export interface FlowSegment {
  from: string;
  to: string;
  share: number;
}

const COLOURS = ["#1b9e77", "#66a61e", "#7570b3", "#d95f02", "#e7298a", "#bbbbbb", "#e0e0e0"];

export function transitionFlowSvg(segments: readonly FlowSegment[], targets: readonly string[], colours: readonly string[] = COLOURS): string {
  const froms = [...new Set(segments.map((s) => s.from))];
  return renderPlotSvg({
    width: 640,
    height: 70 + 28 * froms.length,
    marginLeft: 60,
    marginTop: 30,
    x: { label: "share of discharges →", domain: [0, 1], tickFormat: "%", grid: true },
    y: { domain: froms, label: null },
    color: { domain: targets, range: [...colours] },
    marks: [
      Plot.ruleX([0]),
      Plot.barX(segments, Plot.stackX({ x: "share", y: "from", fill: "to", order: [...targets] })),
      Plot.text(segments.filter((s) => s.share >= 0.08), Plot.stackX({ x: "share", y: "from", z: "to", order: [...targets], text: (d: FlowSegment) => `${d.to} ${Math.round(100 * d.share)} %`, fill: "black", fontSize: 10 })),
    ],
  });
}
