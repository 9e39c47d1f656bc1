// PDF printing through Debian's Chromium (installed by .ci/run), and the clear answer when
// Chromium is absent.
import { describe, expect, it } from "vitest";
import { renderPage } from "../../reports/html/page.ts";
import { findChromium, htmlToPdf } from "../../reports/pdf.ts";

describe("htmlToPdf", () => {
  const html = renderPage({ title: "Quarterly outcomes", subtitle: "test", provenance: [], sections: [{ id: "a", heading: "A", html: "<p>hello</p>" }] });

  it("prints a page to PDF with Chromium", async () => {
    expect(findChromium()).not.toBeNull();
    const result = await htmlToPdf(html);
    if (!result.ok) throw new Error(result.message);
    expect(result.pdf.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("answers chromium_unavailable when no browser is configured", async () => {
    const result = await htmlToPdf(html, { CONTINUUM_CHROMIUM: "/nonexistent/chromium" });
    expect(result).toMatchObject({ ok: false, reason: "chromium_unavailable" });
  });
});
