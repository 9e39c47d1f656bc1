import {
  escapeHtml,
  renderPage,
  renderTable
} from "./chunk-WCKVTG5S.js";
import {
  ReportFolder
} from "./chunk-KWV6SDGK.js";
import {
  unsuppressedCells
} from "./chunk-C2NGQUBF.js";

// notebooks/runner.ts
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// notebooks/cells.ts
function splitCells(source) {
  const cells = [];
  let current2 = null;
  const flush = () => {
    if (!current2) return;
    cells.push({ kind: current2.kind, text: current2.lines.join("\n").replace(/^\n+|\s+$/g, "") });
  };
  for (const line of source.split("\n")) {
    const marker = /^\/\/ %%(.*)$/.exec(line);
    if (marker) {
      flush();
      current2 = { kind: marker[1].includes("[markdown]") ? "markdown" : "code", lines: [] };
    } else if (current2) current2.lines.push(current2.kind === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
  }
  flush();
  return cells;
}
function instrument(source) {
  let k = -1;
  return source.split("\n").map((line) => {
    const marker = /^\/\/ %%(.*)$/.exec(line);
    if (!marker) return line;
    k++;
    return marker[1].includes("[markdown]") ? line : `${line}
(globalThis as { __notebookCell?: (k: number) => void }).__notebookCell?.(${k});`;
  }).join("\n");
}

// notebooks/context.ts
var UnsuppressedOutput = class extends Error {
};
var NotebookRecorder = class {
  constructor(threshold) {
    this.threshold = threshold;
  }
  threshold;
  outputs = /* @__PURE__ */ new Map();
  cell = 0;
  context(db, dataCut) {
    const push = (o) => this.outputs.set(this.cell, [...this.outputs.get(this.cell) ?? [], o]);
    return {
      db,
      dataCut,
      threshold: this.threshold,
      show: {
        table: (id, caption, rows) => {
          const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
          const cells = rows.map((r) => columns.map((c) => r[c] ?? null));
          const bad = unsuppressedCells(columns, cells, this.threshold);
          if (bad.length) throw new UnsuppressedOutput(`table ${id} shows a count below ${this.threshold} in column ${bad[0]}`);
          push({ kind: "table", id, caption, columns, rows: cells });
        },
        figure: (id, caption, svg) => {
          const labelled = [...svg.matchAll(/\bn\s*=\s*(\d+)\b/g)].map((m) => Number(m[1]));
          if (labelled.some((n) => n > 0 && n < this.threshold)) throw new UnsuppressedOutput(`figure ${id} labels a group with fewer than ${this.threshold} episodes`);
          push({ kind: "figure", id, caption, svg });
        },
        value: (id, label, value) => push({ kind: "value", id, label, value })
      }
    };
  }
};
var current = null;
var setCurrentNotebook = (ctx) => {
  current = ctx;
};

// notebooks/markdown.ts
var inline = (text) => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/\*([^*]+)\*/g, "<em>$1</em>");
function markdownToHtml(markdown) {
  const blocks = markdown.trim().split(/\n\s*\n/);
  return blocks.map((block) => {
    const lines = block.split("\n").map((l) => l.trimEnd());
    const heading = /^(#{1,3}) (.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) return `<h${heading[1].length + 1}>${inline(heading[2])}</h${heading[1].length + 1}>`;
    if (/^- /.test(lines[0])) {
      const items = lines.reduce((acc, l) => /^\s*- /.test(l) ? [...acc, l.replace(/^\s*- /, "")] : [...acc.slice(0, -1), `${acc.at(-1)} ${l.trim()}`], []);
      return `<ul>${items.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`;
    }
    return `<p>${inline(lines.join(" "))}</p>`;
  }).join("\n");
}

// notebooks/page.ts
var number = (x) => Number.isInteger(x) ? String(x) : Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toFixed(3);
var shown = (x) => x === null ? "\u2014" : typeof x === "number" ? number(x) : x;
function outputHtml(o, figures) {
  if (o.kind === "table") return renderTable(o.columns, o.rows.map((r) => r.map(shown)), o.caption);
  if (o.kind === "figure") return `<figure>${figures.get(o.id) ?? o.svg}<figcaption class="note">${escapeHtml(o.caption)}</figcaption></figure>`;
  return `<p class="value"><strong>${escapeHtml(o.label)}:</strong> ${escapeHtml(shown(o.value))}</p>`;
}
function renderNotebookPage({
  name,
  cells,
  outputs,
  figures,
  dataCut,
  threshold
}) {
  let title = name;
  const sections = [];
  let section = { id: "about", heading: "About this notebook", html: "" };
  cells.forEach((cell, k) => {
    if (cell.kind === "markdown") {
      for (const block of cell.text.split(/\n(?=## )/)) {
        const h1 = /^# (.*)\n?/.exec(block);
        const h2 = /^## (.*)\n?/.exec(block);
        if (h1) title = h1[1];
        if (h2) {
          if (section.html) sections.push(section);
          section = { id: `s${sections.length + 1}`, heading: h2[1], html: "" };
        }
        section.html += markdownToHtml(block.replace(/^#{1,2} .*\n?/, ""));
      }
    } else if (cell.text) {
      section.html += `<details class="code"><summary>code</summary><pre><code>${escapeHtml(cell.text)}</code></pre></details>`;
    }
    for (const o of outputs.get(k) ?? []) section.html += outputHtml(o, figures);
  });
  if (section.html) sections.push(section);
  return renderPage({
    title,
    subtitle: `notebook ${name}`,
    provenance: [`data cut ${dataCut}`, `suppression threshold ${threshold}`, "run with continuum notebook run"],
    sections
  });
}

// notebooks/runner.ts
var NOTEBOOK_DIR = import.meta.dirname;
var SUFFIX = ".nb.ts";
var listNotebooks = () => readdirSync(NOTEBOOK_DIR).filter((f) => f.endsWith(SUFFIX)).sort().map((f) => f.slice(0, -SUFFIX.length));
var runs = 0;
async function execute(name, source, recorder, db, dataCut) {
  const file = path.join(NOTEBOOK_DIR, `.${name}.${process.pid}.${runs++}.run.ts`);
  writeFileSync(file, instrument(source));
  const global = globalThis;
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
var numericOutputs = (outputs) => ({
  tables: outputs.filter((o) => o.kind === "table").map(({ kind: _k, ...t }) => t),
  values: Object.fromEntries(outputs.flatMap((o) => o.kind === "value" ? [[o.id, o.value]] : []))
});
async function runNotebooks(db, options) {
  const folder = new ReportFolder(options.out, { note: options.note });
  const pages = [];
  for (const name of options.names) {
    const source = readFileSync(path.join(NOTEBOOK_DIR, `${name}${SUFFIX}`), "utf8");
    const recorder = new NotebookRecorder(options.threshold);
    await execute(name, source, recorder, db, options.dataCut);
    const outputs = [...recorder.outputs.values()].flat();
    const figures = new Map(outputs.flatMap((o) => o.kind === "figure" ? [[o.id, folder.writeChart(`${name}-${o.id}`, o.svg)]] : []));
    const page = `${name}.html`;
    await folder.writePage(page, renderNotebookPage({ name, cells: splitCells(source), outputs: recorder.outputs, figures, dataCut: options.dataCut, threshold: options.threshold }));
    folder.writeJson(`${name}.json`, { notebook: name, data_cut: options.dataCut, threshold: options.threshold, ...numericOutputs(outputs) });
    pages.push(page);
  }
  await folder.writeManifest(db, { report: "notebooks", engine: options.engine, dataCut: options.dataCut, parameters: { notebooks: options.names, threshold: options.threshold } });
  return { dir: options.out, pages };
}
export {
  NOTEBOOK_DIR,
  listNotebooks,
  runNotebooks
};
