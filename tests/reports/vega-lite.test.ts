// Exported Vega-Lite specs compile and draw, and carry exactly the rows they were given.
import { describe, expect, it } from "vitest";
import { durabilitySpec, forestPlotSpec, vegaLiteToSvg } from "../../reports/charts/vega-lite.ts";

const ROWS = [
  { instrument: "PHQ9", label: "IOP", estimate: 0.93, lower: 0.8, upper: 1.06, n: 388 },
  { instrument: "PHQ9", label: "PHP", estimate: 1.12, lower: 0.95, upper: 1.29, n: 240 },
];

describe("Vega-Lite export", () => {
  it("forest plot spec compiles, renders to SVG and holds its data inline", async () => {
    const spec = forestPlotSpec(ROWS);
    expect((spec.data as { values: unknown[] }).values).toEqual(ROWS);
    const svg = await vegaLiteToSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("IOP");
  });

  it("durability spec compiles and renders", async () => {
    const svg = await vegaLiteToSvg(
      durabilitySpec(["intake", "discharge", "followup_6m"].map((timepoint, i) => ({ instrument: "GAD7", label: "IOP", timepoint, mean: 14 - 3 * i, lower: 13 - 3 * i, upper: 15 - 3 * i }))),
    );
    expect(svg).toContain("followup_6m");
  });
});
