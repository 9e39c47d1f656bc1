// Charts as golden SVG files (Plot's test/output pattern) and their PNG rendering.
import { describe, expect, it } from "vitest";
import { forestPlotSvg } from "../../reports/charts/forest-plot.ts";
import { pngFontsAvailable, svgToPng } from "../../reports/charts/render.ts";
import { compareSvgSnapshot } from "../support/snapshot.ts";

const ROWS = [
  { instrument: "PHQ9", label: "OP", estimate: 0.58, lower: 0.41, upper: 0.75, n: 212 },
  { instrument: "PHQ9", label: "IOP", estimate: 0.93, lower: 0.8, upper: 1.06, n: 388 },
  { instrument: "PHQ9", label: "PHP", estimate: 1.12, lower: 0.95, upper: 1.29, n: 240 },
  { instrument: "GAD7", label: "OP", estimate: 0.5, lower: 0.33, upper: 0.67, n: 210 },
  { instrument: "GAD7", label: "IOP", estimate: 0.84, lower: 0.71, upper: 0.97, n: 380 },
  { instrument: "GAD7", label: "PHP", estimate: 0.99, lower: 0.82, upper: 1.16, n: 236 },
];
const BANDS = [
  { instrument: "PHQ9", lower: 0.88, upper: 1.04, source: "Gaskell et al. 2023" },
  { instrument: "GAD7", lower: 0.72, upper: 0.88, source: "illustrative" },
];

describe("forest plot", () => {
  const svg = forestPlotSvg(ROWS, BANDS);

  it("matches its golden SVG", () => {
    expect(compareSvgSnapshot("forest-plot", svg)).toBeNull();
  });

  it("is a standalone SVG with every row's numbers", () => {
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    for (const r of ROWS) expect(svg).toContain(`${r.estimate.toFixed(2)} [${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}] n=${r.n}`);
  });

  it("rasterizes to a PNG with text drawn", () => {
    expect(pngFontsAvailable()).toBe(true);
    const png = svgToPng(svg);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(10_000);
  });
});
