// An independent reader of published artifacts for the suppression tests: it finds every
// count a report folder shows — "n = 7" / "n=7" in HTML and SVG text, cells of count columns
// in HTML tables and CSV files, count fields in JSON and in Vega-Lite inline data — and lists
// those between 1 and threshold − 1. It knows nothing of how the reports were made.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Field / column names that hold counts of episodes, people or assessments. */
export const COUNT_NAME = /^(n|n_[a-z_]+|[a-z_]+_n|events|censored|count|episodes|admissions|discharges|completed|measured|assessments|answered|yes|at_risk|n_episodes|n_observations)$/i;

const isCountName = (name: string) => COUNT_NAME.exec(name) !== null;

export interface Violation {
  file: string;
  where: string;
  value: number;
}

const small = (x: unknown, threshold: number) => {
  const n = typeof x === "string" && /^\d+$/.exec(x.trim()) !== null ? Number(x) : x;
  return typeof n === "number" && Number.isInteger(n) && n > 0 && n < threshold ? n : null;
};

function walkJson(value: unknown, trail: string, threshold: number, out: (where: string, n: number) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walkJson(v, `${trail}[${i}]`, threshold, out));
  else if (value && typeof value === "object") {
    // A headline tile of kind "count" shows its count as `value` / `previous` (text).
    const tile = value as { kind?: unknown; value?: unknown; previous?: unknown };
    if (tile.kind === "count")
      for (const k of ["value", "previous"] as const) {
        const n = small(tile[k], threshold);
        if (n !== null) out(`${trail}.${k}`, n);
      }
    for (const [k, v] of Object.entries(value)) {
      const n = isCountName(k) ? small(v, threshold) : null;
      if (n !== null) out(`${trail}.${k}`, n);
      walkJson(v, `${trail}.${k}`, threshold, out);
    }
  }
}

/** Splits one CSV line (RFC 4180 quotes) — enough for our own writers' output. */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") cells.push(cell), (cell = "");
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

function scanText(text: string, file: string, threshold: number, out: (where: string, n: number) => void): void {
  for (const m of text.matchAll(/\bn\s*=\s*(\d+)\b/g)) {
    const n = small(m[1], threshold);
    if (n !== null) out(`"${m[0]}"`, n);
  }
  // HTML tables: cells under a count-named header.
  for (const table of text.matchAll(/<table[\s\S]*?<\/table>/g)) {
    const headers = [...table[0].matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((h) => h[1].replace(/<[^>]+>/g, "").trim().toLowerCase());
    const countColumns = headers.map((h) => isCountName(h.replace(/\s+/g, "_")));
    for (const row of table[0].matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].forEach((c, j) => {
        const n = countColumns[j] ? small(c[1].replace(/<[^>]+>/g, ""), threshold) : null;
        if (n !== null) out(`${file} table column "${headers[j]}"`, n);
      });
    }
  }
}

export function findSmallCounts(dir: string, threshold = 11): Violation[] {
  const violations: Violation[] = [];
  const visit = (full: string) => {
    if (statSync(full).isDirectory()) return readdirSync(full).sort().forEach((f) => visit(path.join(full, f)));
    const file = path.relative(dir, full);
    const out = (where: string, value: number) => violations.push({ file, where, value });
    if (file === "manifest.json") return; // row counts of the database, not of a published cell
    if (/\.(html|svg)$/.exec(file)) scanText(readFileSync(full, "utf8"), file, threshold, out);
    else if (file.endsWith(".json")) walkJson(JSON.parse(readFileSync(full, "utf8")), "$", threshold, out);
    else if (file.endsWith(".csv")) {
      const [header, ...rows] = readFileSync(full, "utf8").split(/\r?\n/).filter(Boolean);
      const names = csvCells(header);
      for (const [i, line] of rows.entries())
        csvCells(line).forEach((c, j) => {
          const n = isCountName(names[j] ?? "") ? small(c, threshold) : null;
          if (n !== null) out(`line ${i + 2} column ${names[j]}`, n);
        });
    }
  };
  visit(dir);
  return violations;
}
