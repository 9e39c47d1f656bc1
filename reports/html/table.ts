// An HTML table from already-published cells (strings that passed reports/suppression.ts),
// headed as a director reads (reports/html/headers.ts); more than seven columns set it in a
// smaller, wrapping type so it fits the page.
import { escapeHtml } from "./escape.ts";
import { humanHeader } from "./headers.ts";

export function renderTable(columns: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(humanHeader(c))}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody>`;
  return `<table${columns.length > 7 ? ' class="wide"' : ""}>${caption ? `<caption class="note">${escapeHtml(caption)}</caption>` : ""}${head}${body}</table>`;
}
