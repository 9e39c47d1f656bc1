// Report pages are self-contained and escape every text they show.
import { describe, expect, it } from "vitest";
import { forestPlotSvg } from "../../reports/charts/forest-plot.ts";
import { renderPage } from "../../reports/html/page.ts";
import { renderTable } from "../../reports/html/table.ts";

describe("renderPage", () => {
  const svg = forestPlotSvg([{ instrument: "PHQ9", label: "IOP", estimate: 0.9, lower: 0.8, upper: 1, n: 120 }], []);
  const html = renderPage({
    title: "Quarterly outcomes <2026Q3>",
    subtitle: "Site & program",
    provenance: ["data cut 2026-09-30"],
    sections: [
      { id: "effects", heading: "Effect sizes", evidence: "CARF: effectiveness", html: `<figure>${svg}</figure>` },
      { id: "table", heading: "Counts", html: renderTable(["level", "n"], [["IOP", "<11"], ["<script>", "12"]]) },
    ],
  });

  it("makes no network request: no external URL, script or stylesheet link", () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link /i);
    expect(html).toContain("<svg");
  });

  it("escapes text, including data values inside tables", () => {
    expect(html).toContain("Quarterly outcomes &lt;2026Q3&gt;");
    expect(html).toContain("<td>&lt;script&gt;</td>");
    expect(html).toContain("<td>&lt;11</td>");
  });

  it("carries print rules", () => {
    expect(html).toMatch(/@media print/);
  });
});
