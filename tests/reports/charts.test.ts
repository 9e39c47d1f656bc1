// Charts as golden SVG files (Plot's test/output pattern) and their PNG rendering.
import { describe, expect, it } from "vitest";
import { controlChartSvg } from "../../reports/charts/control-chart.ts";
import { durabilitySvg } from "../../reports/charts/durability.ts";
import { forestPlotSvg } from "../../reports/charts/forest-plot.ts";
import { funnelPlotSvg } from "../../reports/charts/funnel-plot.ts";
import { saesDotPlotSvg } from "../../reports/charts/saes-dot-plot.ts";
import { ratioLimits } from "../../stats/funnel-limits.ts";
import { prePostSvg } from "../../reports/charts/pre-post.ts";
import { retentionCurvesSvg } from "../../reports/charts/retention-curves.ts";
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

// Hand-written inputs for the other report charts; each must match its golden SVG.
const LEVELS = ["OP", "IOP", "PHP"];
const CASES: Record<string, () => string> = {
  "pre-post": () =>
    prePostSvg(
      LEVELS.map((label, i) => ({ instrument: "PHQ9", label, pre: 14 + i * 2, preLower: 13.4 + i * 2, preUpper: 14.6 + i * 2, post: 10 - i, postLower: 9.3 - i, postUpper: 10.7 - i, n: 100 + 50 * i })),
    ),
  durability: () =>
    durabilitySvg(
      LEVELS.flatMap((label, i) =>
        [16 + i, 10 - i, 11 - i].map((mean, t) => ({ instrument: "PHQ9", label, timepoint: ["intake", "discharge", "followup_6m"][t], mean, lower: mean - 0.8, upper: mean + 0.8 })),
      ),
    ),
  "retention-curves": () =>
    retentionCurvesSvg(
      LEVELS.flatMap((label, i) =>
        [0, 10, 20, 30, 45, 60].map((day, k) => {
          const surv = Math.pow(0.95 - 0.02 * i, k);
          return { label, day, surv, lower: surv * 0.92, upper: Math.min(1, surv * 1.06) };
        }),
      ),
    ),
  "control-chart": () =>
    controlChartSvg(
      ["2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"].map((quarter, i) => ({
        quarter,
        value: [0.66, 0.64, 0.68, 0.65, 0.63, 0.67, 0.66, 0.48][i],
        centre: 0.634,
        lower: 0.55 - (i % 2) * 0.01,
        upper: 0.72 + (i % 2) * 0.01,
        signal: i === 7,
      })),
      { label: "completion rate", percent: true },
    ),
  "funnel-plot": () =>
    funnelPlotSvg(
      [
        { label: "S01", x: 120, y: 1.05, outlier: false },
        { label: "S02", x: 60, y: 0.82, outlier: false },
        { label: "S03", x: 35, y: 1.62, outlier: true },
        { label: "S04", x: 18, y: 0.9, outlier: false },
      ],
      Array.from({ length: 20 }, (_, i) => 10 + i * 6).map((x) => ({ x, ...ratioLimits(true, 0.01, x) })),
      { highlight: "S02" },
    ),
  "saes-dot-plot": () =>
    saesDotPlotSvg(
      [
        { label: "S01", estimate: 1.12, lower: 1.04, upper: 1.2 },
        { label: "S02", estimate: 0.71, lower: 0.55, upper: 0.87 },
        { label: "S03", estimate: 0.95, lower: 0.7, upper: 1.2 },
      ],
      { highlight: "S03" },
    ),
};

describe("report charts", () => {
  for (const [name, render] of Object.entries(CASES)) {
    it(`${name} matches its golden SVG`, () => {
      const svg = render();
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(compareSvgSnapshot(name, svg)).toBeNull();
    });
  }
});

describe("control chart of a flat series", () => {
  it("labels its axis in whole percents, not an empty domain's long decimals", () => {
    const points = ["2026Q1", "2026Q2", "2026Q3"].map((quarter) => ({ quarter, value: 0, centre: 0, lower: 0, upper: 0, signal: false }));
    const svg = controlChartSvg(points, { label: "30-day readmission rate", percent: true });
    expect(svg).not.toMatch(/0\.0000/);
    expect(svg).toMatch(/>0%</);
    expect(svg).toMatch(/>5%</);
  });
});
