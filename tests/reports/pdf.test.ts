// PDF printing through Debian's Chromium (installed by .ci/run), and the clear answer when
// Chromium is absent.
import { describe, expect, it } from "vitest";
import { renderPage } from "../../reports/html/page.ts";
import { findChromium, htmlsToPdfs, htmlToPdf } from "../../reports/pdf.ts";

describe("htmlToPdf", () => {
  const html = renderPage({ title: "Quarterly outcomes", subtitle: "test", provenance: [], sections: [{ id: "a", heading: "A", html: "<p>hello</p>" }] });

  it("prints a page to PDF with Chromium", async () => {
    expect(findChromium()).not.toBeNull();
    const result = await htmlToPdf(html);
    if (!result.ok) throw new Error(result.message);
    expect(result.pdf.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("prints several pages at once, each PDF in its page's place", async () => {
    // Pages of 1, 3 and 2 printed sheets: each PDF's sheet count tells which page it came from.
    const sheets = [1, 3, 2];
    const htmls = sheets.map((n) => `<html><body>${Array.from({ length: n }, (_, i) => `<p style="page-break-after: always">sheet ${i + 1}</p>`).join("")}</body></html>`);
    const results = await htmlsToPdfs(htmls);
    const counted = results.map((r) => {
      if (!r.ok) throw new Error(r.message);
      return (r.pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    });
    expect(counted).toEqual(sheets);
  }, 60_000);

  it("answers chromium_unavailable when no browser is configured", async () => {
    const result = await htmlToPdf(html, { CONTINUUM_CHROMIUM: "/nonexistent/chromium" });
    expect(result).toMatchObject({ ok: false, reason: "chromium_unavailable" });
  });
});
