// Each HTML report opened in headless Chromium (Debian's, via playwright-core) as a reader
// would open it from a folder: it makes no network request, every chart has rendered (an SVG
// with a size, axes and marks), and a full-page screenshot is saved under .tmp/screenshots/
// for a person to look at. On both engines (the pages come from the database).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCompleteQuarter } from "../../domain/quarters.ts";
import { findChromium } from "../../reports/pdf.ts";
import { defaultYear, writeAccreditationReport } from "../../reports/accreditation/index.ts";
import { writeQuarterlyReport } from "../../reports/quarterly/index.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { loadCohort } from "../support/cohort.ts";

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../.tmp/screenshots");

/** The report pages to open, written by each report set into `dir`. */
async function writeReports(kind: (typeof ENGINES)[number], dir: string): Promise<string[]> {
  const engine = await openFreshEngine(kind);
  try {
    const { dataCut } = await loadCohort(engine, { episodes: 900, seed: 21, sites: 2 });
    const quarterly = await writeQuarterlyReport(engine.db, { out: path.join(dir, "quarterly"), quarter: lastCompleteQuarter(dataCut), dataCut, threshold: 11, engine: kind, pdf: false });
    const accreditation = await writeAccreditationReport(engine.db, { out: path.join(dir, "accreditation"), year: defaultYear(dataCut) - 1, dataCut, threshold: 11, engine: kind, pdf: false });
    return [...quarterly.pages.map((p) => path.join(dir, "quarterly", p)), ...accreditation.pages.map((p) => path.join(dir, "accreditation", p))];
  } finally {
    await engine.close();
  }
}

for (const kind of ENGINES) {
  describe(`report pages in Chromium (${kind})`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "continuum-browser-"));
    let browser: Browser;
    let pages: string[] = [];
    beforeAll(async () => {
      pages = await writeReports(kind, dir);
      const executablePath = findChromium();
      if (!executablePath) throw new Error("Chromium is required for the browser test (apt-get install chromium)");
      browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
      mkdirSync(SCREENSHOTS, { recursive: true });
      // Loading the cohort and writing both report sets on PGlite passed 180 s in a full CI run
      // on 2 cores once the reports gained the continuity and comparable sections.
    }, 600_000);
    afterAll(async () => {
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("opens every page with no network request and every chart drawn", async () => {
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const file of pages) {
        const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
        const requests: string[] = [];
        page.on("request", (r) => {
          if (r.url() !== `file://${file}`) requests.push(r.url());
        });
        await page.goto(`file://${file}`, { waitUntil: "load" });
        expect(requests, file).toEqual([]);
        const charts = await page.$$eval("figure > svg", (svgs) =>
          svgs.map((svg) => ({
            width: svg.getBoundingClientRect().width,
            height: svg.getBoundingClientRect().height,
            axes: svg.querySelectorAll('[aria-label$="-axis tick"]').length,
            marks: svg.querySelectorAll('[aria-label="dot"] circle, [aria-label="line"] path, [aria-label="rule"] line, [aria-label="area"] path, [aria-label="arrow"] path').length,
          })),
        );
        expect(charts.length, file).toBeGreaterThanOrEqual(file.includes("accreditation") ? 1 : 4);
        for (const chart of charts) {
          expect(chart.width * chart.height, file).toBeGreaterThan(10_000);
          expect(chart.axes, file).toBeGreaterThanOrEqual(1);
          expect(chart.marks, file).toBeGreaterThan(0);
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-${path.basename(path.dirname(file))}-${path.basename(file, ".html")}.png`), fullPage: true });
        await page.close();
      }
    }, 120_000);
  });
}
