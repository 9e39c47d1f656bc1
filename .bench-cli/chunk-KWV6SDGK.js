// reports/report-folder.ts
import { createHash as createHash2 } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path2 from "node:path";

// reports/charts/render.ts
import { existsSync } from "node:fs";
import * as Plot from "@observablehq/plot";
import { Resvg } from "@resvg/resvg-js";
import { parseHTML } from "linkedom";
var FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif";
var FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];
function renderPlotSvg(options) {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const chart = Plot.plot({ ...options, document, style: { fontFamily: FONT_FAMILY, fontSize: "11px", background: "white" } });
  if (chart.tagName.toLowerCase() !== "svg") throw new Error("chart rendered as a <figure>: draw legends and titles as marks");
  chart.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return chart.outerHTML;
}
var pngFontsAvailable = () => FONT_FILES.every((f) => existsSync(f));
function svgToPng(svg, scale = 2) {
  if (!pngFontsAvailable()) throw new Error(`PNG needs the fonts ${FONT_FILES.join(", ")} (Debian package fonts-dejavu-core)`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    background: "white"
  });
  return resvg.render().asPng();
}

// reports/manifest.ts
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync as existsSync2, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
var sha256 = (data) => createHash("sha256").update(data).digest("hex");
function codeVersion(root) {
  const git = (...args) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  let commit = null;
  let dirty = null;
  try {
    commit = git("rev-parse", "HEAD");
    dirty = git("status", "--porcelain", "--untracked-files=no").length > 0;
  } catch {
  }
  const lock = path.join(root, "package-lock.json");
  return { commit, dirty, package_lock_sha256: existsSync2(lock) ? sha256(readFileSync(lock)) : null };
}
async function databaseFacts(db) {
  const { rows } = await sql`
    select 'episodes' as table_name, count(*) as n from episodes
    union all select 'assessments', count(*) from assessments
    union all select 'sites', count(*) from sites
    union all select 'quarantine', count(*) from quarantine_index`.execute(db);
  const inputs = await db.selectFrom("ingest_ledger").where("status", "=", "loaded").select(["file_name as file", "kind", "sha256", "rows_read"]).orderBy("ingest_id").execute();
  return { row_counts: Object.fromEntries(rows.map((r) => [r.table_name, Number(r.n)])), inputs };
}
function hashOutputs(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (path.relative(dir, full) !== "manifest.json") files.push(full);
    }
  };
  walk(dir);
  return files.map((full) => {
    const data = readFileSync(full);
    return { file: path.relative(dir, full).split(path.sep).join("/"), sha256: sha256(data), bytes: data.length };
  });
}

// reports/pdf.ts
import { existsSync as existsSync3 } from "node:fs";
import { chromium } from "playwright-core";
var CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
var ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
function findChromium(env = process.env) {
  const configured = env.CONTINUUM_CHROMIUM;
  if (configured) return existsSync3(configured) ? configured : null;
  return CANDIDATES.find((c) => existsSync3(c)) ?? null;
}
async function htmlToPdf(html, env = process.env) {
  const executablePath = findChromium(env);
  if (!executablePath) {
    return { ok: false, reason: "chromium_unavailable", message: "PDF skipped: Chromium not found (apt-get install chromium, or set CONTINUUM_CHROMIUM)" };
  }
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "14mm", right: "14mm" } });
    return { ok: true, pdf };
  } finally {
    await browser.close();
  }
}

// reports/report-folder.ts
var ROOT = path2.resolve(import.meta.dirname, "..");
function fileSafe(value) {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(value)) return value;
  const hash = createHash2("sha256").update(value).digest("hex").slice(0, 8);
  return `${value.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40)}-${hash}`;
}
var ReportFolder = class {
  constructor(dir, options = {}) {
    this.dir = dir;
    this.options = options;
    mkdirSync(dir, { recursive: true });
  }
  dir;
  options;
  notes = [];
  write(file, data) {
    const full = path2.join(this.dir, ...file.split("/"));
    const inside = path2.relative(this.dir, full);
    if (inside.startsWith("..") || path2.isAbsolute(inside)) throw new Error(`refusing to write ${file} outside the report folder`);
    mkdirSync(path2.dirname(full), { recursive: true });
    writeFileSync(full, data);
    return file;
  }
  /** JSON with two-space indentation and a final newline (stable bytes for hashing). */
  writeJson(file, value) {
    return this.write(file, `${JSON.stringify(value, null, 2)}
`);
  }
  /**
   * A chart as `charts/<name>.svg`, `.png` (2×) and, when given, `.vl.json` (its Vega-Lite
   * spec with the published data inline). Returns the SVG for inlining in a page.
   */
  writeChart(name, svg, spec) {
    this.write(`charts/${name}.svg`, svg);
    if (pngFontsAvailable()) this.write(`charts/${name}.png`, svgToPng(svg));
    else this.note("PNG skipped: fonts-dejavu-core is not installed");
    if (spec) this.writeJson(`charts/${name}.vl.json`, spec);
    return svg;
  }
  /** An HTML page, and its PDF beside it when PDFs were asked for and Chromium is present. */
  async writePage(file, html) {
    this.write(file, html);
    if (!this.options.pdf) return;
    const result = await htmlToPdf(html);
    if (result.ok) this.write(file.replace(/\.html$/, ".pdf"), result.pdf);
    else this.note(result.message);
  }
  note(line) {
    if (this.notes.includes(line)) return;
    this.notes.push(line);
    this.options.note?.(line);
  }
  /** Writes manifest.json over every file written so far. */
  async writeManifest(db, { report, engine, dataCut, parameters, seeds = {} }) {
    const facts = await databaseFacts(db);
    const manifest = {
      manifest_version: 1,
      report,
      generated_at: (/* @__PURE__ */ new Date()).toISOString(),
      data_cut: dataCut,
      code: codeVersion(ROOT),
      database: { engine, row_counts: facts.row_counts },
      inputs: facts.inputs,
      parameters,
      seeds,
      // PDFs embed their creation time, so they are hashed but are not byte-reproducible.
      outputs: hashOutputs(this.dir)
    };
    this.writeJson("manifest.json", manifest);
    return manifest;
  }
};

export {
  renderPlotSvg,
  fileSafe,
  ReportFolder
};
