// Sniffing an export from its header line: the delimiter (`,` `;` or tab, whichever splits
// the header into the most fields outside quotes), the column names (parsed by csv-parse),
// and the kind of file the header describes.
import { parse } from "csv-parse/sync";
import { CliError, EXIT } from "../domain/errors.ts";
import type { InputKind } from "../domain/vocabulary.ts";

export const DELIMITERS = [",", ";", "\t"] as const;

export function detectDelimiter(headerLine: string): string {
  let best: string = ",";
  let bestCount = -1;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function parseHeader(headerLine: string, delimiter: string, file: string): string[] {
  let rows: string[][];
  try {
    rows = parse(headerLine, { delimiter, relax_quotes: false, trim: true }) as string[][];
  } catch (error) {
    // A stray quote or carriage return inside the header line: not a header we can read.
    throw new CliError(`${file}: the header line is not valid CSV (${(error as Error).message.split("\n")[0]})`, "unknown_header", EXIT.refused);
  }
  if (rows.length > 1) throw new CliError(`${file}: the header line holds a line break`, "unknown_header", EXIT.refused);
  const columns = (rows[0] ?? []).map((c) => c.toLowerCase());
  if (columns.length === 0 || columns.some((c) => c === "")) {
    throw new CliError(`${file}: the header line has an empty column name`, "unknown_header", EXIT.refused);
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new CliError(`${file}: column "${c}" appears twice in the header`, "unknown_header", EXIT.refused);
    seen.add(c);
  }
  return columns;
}

export function inferKind(columns: readonly string[], file: string): InputKind {
  const has = (c: string) => columns.includes(c);
  if (has("record_id") && has("redcap_event_name")) return "redcap";
  if (has("instrument") && has("assessed_on")) return "assessments";
  if (has("level_of_care") && has("admitted_on")) return "episodes";
  throw new CliError(`${file}: cannot tell the kind of export from its header (use --kind episodes|assessments|redcap)`, "unknown_header", EXIT.refused);
}
