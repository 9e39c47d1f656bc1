// A Love plot (Ahmed et al. 2006; Austin 2009): each covariate's absolute standardized mean
// difference between two groups before (○) and after (●) weighting, with the 0.1 line below
// which a covariate is usually read as balanced; one panel per comparison.
import * as Plot from "@observablehq/plot";
import { FACET_GAP, facetTitles } from "./facets.ts";
import { renderPlotSvg } from "./render.ts";

export interface BalanceRow {
  group: string;
  covariate: string;
  before: number;
  after: number;
}

export function lovePlotSvg(rows: readonly BalanceRow[]): string {
  const groups = [...new Set(rows.map((r) => r.group))];
  const covariates = [...new Set(rows.map((r) => r.covariate))];
  return renderPlotSvg({
    width: 640,
    height: 60 + groups.length * (30 + 16 * covariates.length),
    marginLeft: 150,
    marginTop: 30,
    x: { label: "|standardized mean difference| →", grid: true, domain: [0, Math.max(0.25, ...rows.flatMap((r) => [r.before, r.after])) * 1.05] },
    y: { domain: covariates, label: null },
    fy: { domain: groups, axis: null, padding: FACET_GAP },
    marks: [
      facetTitles(groups),
      Plot.ruleX([0.1], { stroke: "#b44", strokeDasharray: "4,3" }),
      Plot.link(rows, { x1: "before", x2: "after", y: "covariate", fy: "group", stroke: "#bbb" }),
      Plot.dot(rows, { x: "before", y: "covariate", fy: "group", stroke: "#555", fill: "white", r: 3.5 }),
      Plot.dot(rows, { x: "after", y: "covariate", fy: "group", fill: "#222", r: 3.5 }),
    ],
  });
}
