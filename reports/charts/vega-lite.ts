// Vega-Lite specs of the report charts for the research export: the same encodings as the
// Plot SVGs, with the (already suppressed) data inline, so a researcher can restyle a chart
// in any Vega tool. `vegaLiteToSvg` renders a spec headless (renderer "none", no canvas) to
// prove each exported spec compiles and draws.
import { compile, type TopLevelSpec } from "vega-lite";
import * as vega from "vega";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

export function forestPlotSpec(rows: readonly { instrument: string; label: string; estimate: number; lower: number; upper: number; n: number }[], metric = "d_z"): TopLevelSpec {
  return {
    $schema: SCHEMA,
    description: `Effect sizes (${metric}, positive = improvement) with 95% CIs by group and instrument`,
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { row: { field: "instrument", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: { step: 22 },
      layer: [
        { mark: { type: "rule" }, encoding: { y: { field: "label", type: "nominal", title: null }, x: { field: "lower", type: "quantitative", title: metric }, x2: { field: "upper" } } },
        { mark: { type: "point", filled: true, color: "black" }, encoding: { y: { field: "label", type: "nominal" }, x: { field: "estimate", type: "quantitative" }, tooltip: [{ field: "n" }, { field: "estimate", format: ".2f" }] } },
      ],
    },
  };
}

export function durabilitySpec(points: readonly { instrument: string; label: string; timepoint: string; mean: number; lower: number; upper: number }[]): TopLevelSpec {
  return {
    $schema: SCHEMA,
    description: "Mean score at intake, discharge and six months with 95% CIs, by level of care",
    data: { values: points.map((p) => ({ ...p })) },
    facet: { row: { field: "instrument", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: 160,
      layer: [
        { mark: "line", encoding: { x: { field: "timepoint", type: "ordinal", sort: ["intake", "discharge", "followup_6m"] }, y: { field: "mean", type: "quantitative" }, color: { field: "label", type: "nominal", title: "level of care" } } },
        { mark: "rule", encoding: { x: { field: "timepoint", type: "ordinal", sort: ["intake", "discharge", "followup_6m"] }, y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color: { field: "label", type: "nominal" } } },
      ],
    },
  };
}

export function prePostSpec(rows: readonly { instrument: string; label: string; pre: number; preLower: number; preUpper: number; post: number; postLower: number; postUpper: number; n: number }[]): TopLevelSpec {
  const values = rows.flatMap((r) => [
    { instrument: r.instrument, label: r.label, timepoint: "intake", mean: r.pre, lower: r.preLower, upper: r.preUpper, n: r.n },
    { instrument: r.instrument, label: r.label, timepoint: "discharge", mean: r.post, lower: r.postLower, upper: r.postUpper, n: r.n },
  ]);
  return {
    $schema: SCHEMA,
    description: "Mean score at intake and discharge (95% CI) by level of care; lower is better for symptom scales",
    data: { values },
    facet: { row: { field: "instrument", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: { step: 22 },
      layer: [
        { mark: "line", encoding: { y: { field: "label", type: "nominal", title: null }, x: { field: "mean", type: "quantitative", title: "mean score (95% CI)" }, detail: { field: "label" } } },
        { mark: "rule", encoding: { y: { field: "label", type: "nominal" }, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" }, color: { field: "timepoint", type: "nominal" } } },
        { mark: { type: "point", filled: true }, encoding: { y: { field: "label", type: "nominal" }, x: { field: "mean", type: "quantitative" }, color: { field: "timepoint", type: "nominal", sort: ["intake", "discharge"] }, tooltip: [{ field: "n" }, { field: "mean", format: ".1f" }] } },
      ],
    },
  };
}

export function retentionSpec(steps: readonly { label: string; day: number; surv: number; lower: number; upper: number }[]): TopLevelSpec {
  return {
    $schema: SCHEMA,
    description: "Kaplan–Meier share still in treatment by days since admission, by level of care (95% band, weekly grid)",
    data: { values: steps.map((s) => ({ ...s })) },
    width: 480,
    height: 260,
    layer: [
      { mark: { type: "area", opacity: 0.15, interpolate: "step-after" }, encoding: { x: { field: "day", type: "quantitative", title: "days since admission" }, y: { field: "lower", type: "quantitative", scale: { domain: [0, 1] }, axis: { format: "%" }, title: "share still in treatment" }, y2: { field: "upper" }, color: { field: "label", type: "nominal", title: "level of care" } } },
      { mark: { type: "line", interpolate: "step-after" }, encoding: { x: { field: "day", type: "quantitative" }, y: { field: "surv", type: "quantitative" }, color: { field: "label", type: "nominal" } } },
    ],
  };
}

export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
