// A notebook as one static page: the first prose cell's `# Title` is the page title; each
// `## Heading` in prose starts a section; code cells are shown folded (a researcher opens
// them, a director reads past them) with their tables and figures right after.
import { escapeHtml } from "../reports/html/escape.ts";
import { renderPage, type Section } from "../reports/html/page.ts";
import { renderTable } from "../reports/html/table.ts";
import type { SourceCell } from "./cells.ts";
import type { Cell, Output } from "./context.ts";
import { markdownToHtml } from "./markdown.ts";

const number = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) < 0.001 ? x.toExponential(2) : x.toFixed(3));
const shown = (x: Cell) => (x === null ? "—" : typeof x === "number" ? number(x) : x);
/** Columns holding shares (0–1) in a notebook's numbers: shown on the page as percentages. */
const SHARE_COLUMN = /^(not_readmitted_\d+d|followup_rate|surv(_.*)?)$/;
const P_COLUMN = /^(p|p_.+|.+_p)$/;
/** A cell as a director reads it; the notebook's JSON keeps the number or the machine name. */
function cellText(column: string, x: Cell): string {
  if (typeof x === "number" && SHARE_COLUMN.test(column)) return `${(100 * x).toFixed(0)} %`;
  if (typeof x === "number" && P_COLUMN.test(column) && x < 0.001) return "< 0.001";
  if (typeof x === "string" && /^[a-z]+(_[a-z]+)+$/.test(x)) return x.replaceAll("_", " ");
  return shown(x);
}

function outputHtml(o: Output, figures: ReadonlyMap<string, string>): string {
  if (o.kind === "table") return renderTable(o.columns, o.rows.map((r) => r.map((x, i) => cellText(o.columns[i], x))), o.caption);
  if (o.kind === "figure") return `<figure>${figures.get(o.id) ?? o.svg}<figcaption class="note">${escapeHtml(o.caption)}</figcaption></figure>`;
  return `<p class="value"><strong>${escapeHtml(o.label)}:</strong> ${escapeHtml(shown(o.value))}</p>`;
}

export function renderNotebookPage({
  name,
  cells,
  outputs,
  figures,
  dataCut,
  threshold,
}: {
  name: string;
  cells: readonly SourceCell[];
  outputs: ReadonlyMap<number, Output[]>;
  figures: ReadonlyMap<string, string>;
  dataCut: string;
  threshold: number;
}): string {
  let title = name;
  const sections: Section[] = [];
  let section: Section = { id: "about", heading: "About this notebook", html: "" };
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
    sections,
  });
}
