// An HTML table from already-published cells (strings that passed reports/suppression.ts).
import { escapeHtml } from "./escape.ts";

export function renderTable(columns: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody>`;
  return `<table>${caption ? `<caption class="note">${escapeHtml(caption)}</caption>` : ""}${head}${body}</table>`;
}
