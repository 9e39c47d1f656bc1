// `continuum notebook run`: executes notebooks (notebooks/*.nb.ts, percent cell format) in
// order against the database and renders each to one self-contained HTML page — prose, code,
// tables and figures — plus `<name>.json` with its numeric outputs (the snapshot CI compares)
// and the report folder's manifest.json. A notebook publishes only through `show`, which
// refuses small cells (notebooks/context.ts).
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { ReportFolder } from "../reports/report-folder.ts";
import { instrument, splitCells } from "./cells.ts";
import { NotebookRecorder, type Output, setCurrentNotebook } from "./context.ts";
import { renderNotebookPage } from "./page.ts";

export const NOTEBOOK_DIR = import.meta.dirname;
const SUFFIX = ".nb.ts";

/** The notebooks in run order (their file names sort in the order they build on each other). */
export const listNotebooks = (): string[] =>
  readdirSync(NOTEBOOK_DIR)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .map((f) => f.slice(0, -SUFFIX.length));

let runs = 0;

async function execute(name: string, source: string, recorder: NotebookRecorder, db: Kysely<Database>, dataCut: string): Promise<void> {
  // The instrumented copy sits beside the source so its relative imports resolve.
  const file = path.join(NOTEBOOK_DIR, `.${name}.${process.pid}.${runs++}.run.ts`);
  writeFileSync(file, instrument(source));
  const global = globalThis as { __notebookCell?: (k: number) => void };
  global.__notebookCell = (k) => {
    recorder.cell = k;
  };
  setCurrentNotebook(recorder.context(db, dataCut));
  try {
    await import(pathToFileURL(file).href);
  } finally {
    setCurrentNotebook(null);
    delete global.__notebookCell;
    rmSync(file, { force: true });
  }
}

/** Numbers as published (JSON keeps full precision; pages round). */
const numericOutputs = (outputs: Output[]) => ({
  tables: outputs.filter((o) => o.kind === "table").map(({ kind: _k, ...t }) => t),
  values: Object.fromEntries(outputs.flatMap((o) => (o.kind === "value" ? [[o.id, o.value]] : []))),
});

export async function runNotebooks(
  db: Kysely<Database>,
  options: { names: readonly string[]; out: string; dataCut: string; threshold: number; engine: string; note?: (line: string) => void },
): Promise<{ dir: string; pages: string[] }> {
  const folder = new ReportFolder(options.out, { note: options.note });
  const pages: string[] = [];
  for (const name of options.names) {
    const source = readFileSync(path.join(NOTEBOOK_DIR, `${name}${SUFFIX}`), "utf8");
    const recorder = new NotebookRecorder(options.threshold);
    await execute(name, source, recorder, db, options.dataCut);
    const outputs = [...recorder.outputs.values()].flat();
    const figures = new Map(outputs.flatMap((o) => (o.kind === "figure" ? [[o.id, folder.writeChart(`${name}-${o.id}`, o.svg)]] : [])));
    const page = `${name}.html`;
    await folder.writePage(page, renderNotebookPage({ name, cells: splitCells(source), outputs: recorder.outputs, figures, dataCut: options.dataCut, threshold: options.threshold }));
    folder.writeJson(`${name}.json`, { notebook: name, data_cut: options.dataCut, threshold: options.threshold, ...numericOutputs(outputs) });
    pages.push(page);
  }
  await folder.writeManifest(db, { report: "notebooks", engine: options.engine, dataCut: options.dataCut, parameters: { notebooks: options.names, threshold: options.threshold } });
  return { dir: options.out, pages };
}
