// CSV as every report writes it: RFC 4180 (comma, CRLF-free `\n` rows, fields quoted when they
// hold a comma, quote or newline, quotes doubled), a header row, and formula injection
// neutralized — a text cell starting with = + - @ or a tab / carriage return gets a leading
// apostrophe so a spreadsheet shows it as text instead of running it (OWASP "CSV Injection").
// Numbers are written as given (negative numbers are numbers, not formulas).

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV lines, each ending in `\n` (for a file written in pieces after its header). */
export function csvLines(columns: readonly string[], rows: readonly Record<string, CsvCell>[]): string {
  let text = "";
  for (const r of rows) text += `${columns.map((c) => csvField(r[c])).join(",")}\n`;
  return text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, CsvCell>[]): string {
  return `${columns.map(csvField).join(",")}\n${csvLines(columns, rows)}`;
}
