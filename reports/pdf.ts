// PDF of a report page, printed by headless Chromium (Debian's `chromium`, driven by
// playwright-core; never a downloaded browser). Optional at runtime: when Chromium is absent
// the caller gets a typed "unavailable" answer and says so in one line.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Flags for a closed network (STACK.md / env: no background connections, no sandbox as root). */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CONTINUUM_CHROMIUM;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

export type PdfResult = { ok: true; pdf: Buffer } | { ok: false; reason: "chromium_unavailable"; message: string };

export async function htmlToPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<PdfResult> {
  return (await htmlsToPdfs([html], env))[0];
}

/** Pages printed at once: Chromium lays out and prints each page mostly on one core. */
const PRINTING_AT_ONCE = 2;

/**
 * Several pages printed by one Chromium: a launch costs about as much as printing a page (a
 * quarterly report with three sites has four pages), so a report starts it once, and prints
 * two pages at a time in their own tabs (each PDF depends on its page alone).
 */
export async function htmlsToPdfs(htmls: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<PdfResult[]> {
  const executablePath = findChromium(env);
  if (!executablePath) {
    return htmls.map(() => ({ ok: false, reason: "chromium_unavailable", message: "PDF skipped: Chromium not found (apt-get install chromium, or set CONTINUUM_CHROMIUM)" }));
  }
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const results: PdfResult[] = new Array(htmls.length);
    let next = 0;
    const printer = async () => {
      for (let i = next++; i < htmls.length; i = next++) {
        const page = await browser.newPage();
        // The page is self-contained; refuse any request it might still make.
        await page.route("**/*", (route) => route.abort());
        await page.setContent(htmls[i], { waitUntil: "load" });
        results[i] = { ok: true, pdf: await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "14mm", right: "14mm" } }) };
        await page.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(PRINTING_AT_ONCE, htmls.length) }, printer));
    return results;
  } finally {
    await browser.close();
  }
}
