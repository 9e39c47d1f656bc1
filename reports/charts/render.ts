// Chart rendering on the server, no browser: Observable Plot into a linkedom document
// (STACK.md: set `xmlns` for a standalone SVG; legends and titles are drawn as marks, since
// Plot wraps those in a <figure>), and any SVG to PNG with resvg using the fonts we ship
// with the report (resvg draws no text without explicit fonts: DejaVu Sans from Debian's
// fonts-dejavu-core, which .ci/run installs).
import { existsSync } from "node:fs";
import * as Plot from "@observablehq/plot";
import { Resvg } from "@resvg/resvg-js";
import { parseHTML } from "linkedom";

export const FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif";
const FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];

/** Renders Plot options to a standalone SVG string. */
export function renderPlotSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const chart = Plot.plot({ ...options, document, style: { fontFamily: FONT_FAMILY, fontSize: "11px", background: "white" } });
  if (chart.tagName.toLowerCase() !== "svg") throw new Error("chart rendered as a <figure>: draw legends and titles as marks");
  chart.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return chart.outerHTML;
}

/** Whether PNG text can be drawn (the fonts are installed). */
export const pngFontsAvailable = (): boolean => FONT_FILES.every((f) => existsSync(f));

/** Rasterizes an SVG at 2× for print-quality PNG. */
export function svgToPng(svg: string, scale = 2): Buffer {
  if (!pngFontsAvailable()) throw new Error(`PNG needs the fonts ${FONT_FILES.join(", ")} (Debian package fonts-dejavu-core)`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    background: "white",
  });
  return resvg.render().asPng();
}
