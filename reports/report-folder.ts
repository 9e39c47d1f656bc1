// A report folder on disk: every report set writes its files through this one object, so
// every chart gets its SVG, PNG and Vega-Lite spec side by side, HTML pages may be printed
// to PDF, and `manifest.json` (reports/manifest.ts) is written last over whatever was
// written. Paths are relative to the folder and always use `/`.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { TopLevelSpec } from "vega-lite";
import type { Database } from "../db/schema.ts";
import { pngFontsAvailable, svgToPng } from "./charts/render.ts";
import { codeVersion, databaseFacts, hashOutputs, type Manifest } from "./manifest.ts";
import { htmlsToPdfs } from "./pdf.ts";

/** The repository root (for the code version in the manifest). */
const ROOT = path.resolve(import.meta.dirname, "..");

export interface ReportFolderOptions {
  /** Print HTML pages to PDF (needs Chromium; skipped with a note when absent). */
  pdf?: boolean;
  /** Where one-line notes go (e.g. "PDF skipped: …"). */
  note?: (line: string) => void;
}

/**
 * A value from the data (a site id) as part of a file name: kept when it is plain letters,
 * digits, `-` and `_`; otherwise those characters plus a hash of the whole value, so `../x`
 * or `a/b` can neither escape the folder nor collide with another site's pages.
 */
export function fileSafe(value: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(value)) return value;
  const hash = createHash("sha256").update(value).digest("hex").slice(0, 8);
  return `${value.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40)}-${hash}`;
}

export class ReportFolder {
  readonly notes: string[] = [];
  /** Pages whose PDF is still to print. */
  readonly #unprinted: { file: string; html: string }[] = [];

  constructor(
    readonly dir: string,
    private readonly options: ReportFolderOptions = {},
  ) {
    mkdirSync(dir, { recursive: true });
  }

  write(file: string, data: string | Uint8Array): string {
    writeFileSync(this.#target(file), data);
    return file;
  }

  /** A file written in pieces, as `produce` hands them over: a large CSV is never held whole. */
  async writeStream(file: string, produce: (write: (text: string) => void) => Promise<void>): Promise<string> {
    const fd = openSync(this.#target(file), "w");
    try {
      await produce((text) => writeSync(fd, text));
    } finally {
      closeSync(fd);
    }
    return file;
  }

  /** The full path of a file in the folder, its directory created. */
  #target(file: string): string {
    const full = path.join(this.dir, ...file.split("/"));
    // Names can carry data (a site id): nothing may land outside the folder.
    const inside = path.relative(this.dir, full);
    if (inside.startsWith("..") || path.isAbsolute(inside)) throw new Error(`refusing to write ${file} outside the report folder`);
    mkdirSync(path.dirname(full), { recursive: true });
    return full;
  }

  /** JSON with two-space indentation and a final newline (stable bytes for hashing). */
  writeJson(file: string, value: unknown): string {
    return this.write(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  /**
   * A chart as `charts/<name>.svg`, `.png` (2×) and, when given, `.vl.json` (its Vega-Lite
   * spec with the published data inline). Returns the SVG for inlining in a page.
   */
  writeChart(name: string, svg: string, spec?: TopLevelSpec): string {
    this.write(`charts/${name}.svg`, svg);
    if (pngFontsAvailable()) this.write(`charts/${name}.png`, svgToPng(svg));
    else this.note("PNG skipped: fonts-dejavu-core is not installed");
    if (spec) this.writeJson(`charts/${name}.vl.json`, spec);
    return svg;
  }

  /**
   * An HTML page, and its PDF beside it when PDFs were asked for and Chromium is present: the
   * PDFs are printed together, by one browser, when the manifest is written (writeManifest).
   */
  async writePage(file: string, html: string): Promise<void> {
    this.write(file, html);
    if (this.options.pdf) this.#unprinted.push({ file, html });
  }

  async #printPdfs(): Promise<void> {
    const pages = this.#unprinted.splice(0);
    if (!pages.length) return;
    const results = await htmlsToPdfs(pages.map((p) => p.html));
    for (const [i, result] of results.entries()) {
      if (result.ok) this.write(pages[i].file.replace(/\.html$/, ".pdf"), result.pdf);
      else this.note(result.message);
    }
  }

  note(line: string): void {
    if (this.notes.includes(line)) return;
    this.notes.push(line);
    this.options.note?.(line);
  }

  /** Prints the pages' PDFs, then writes manifest.json over every file written so far. */
  async writeManifest(
    db: Kysely<Database>,
    { report, engine, dataCut, parameters, seeds = {} }: { report: string; engine: string; dataCut: string | null; parameters: Record<string, unknown>; seeds?: Record<string, number> },
  ): Promise<Manifest> {
    await this.#printPdfs();
    const facts = await databaseFacts(db);
    const manifest: Manifest = {
      manifest_version: 1,
      report,
      generated_at: new Date().toISOString(),
      data_cut: dataCut,
      code: codeVersion(ROOT),
      database: { engine, row_counts: facts.row_counts },
      inputs: facts.inputs,
      parameters,
      seeds,
      // PDFs embed their creation time, so they are hashed but are not byte-reproducible.
      outputs: hashOutputs(this.dir),
    };
    this.writeJson("manifest.json", manifest);
    return manifest;
  }
}
