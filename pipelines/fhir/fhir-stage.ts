// Reading one FHIR resource file into a staging table: NDJSON streamed line by line (or a
// Bundle's entries), each resource parsed once, screened for identifiers (pipelines/fhir/
// screen.ts), mapped to the parts of a canonical row (pipelines/fhir/resources.ts) and sent to
// Postgres by COPY in batches of about 2 MB, one batch in flight while the next is built.
// Memory holds one batch, never the file. A line that is not JSON, or longer than the limit,
// is staged apart (`fhir_bad`) for the quarantine; a resource of another type is skipped.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { EngineTransaction } from "../../db/engine.ts";
import { CliError, EXIT } from "../../domain/errors.ts";
import type { FhirSkipReason } from "../../domain/vocabulary.ts";
import { pipelined } from "../copy-pipeline.ts";
import { identifierShape } from "../identifier-screen.ts";
import type { FhirFile } from "./export-files.ts";
import { TABLES, type StagedTable } from "./fhir-sql.ts";
import { ndjsonLines } from "./ndjson-lines.ts";
import { isSkip, type Skip } from "./resources.ts";
import { screenResource } from "./screen.ts";

type Resource = Record<string, unknown> & { resourceType?: unknown };

/** One resource of a file: parsed, or not a JSON object (`resource` null), or too long to read. */
interface ResourceLine {
  line: number;
  resource: Resource | null;
  oversized?: boolean;
}

/** A file being read: its Bundle entries (parsed once) or its NDJSON path, and its hash once known. */
export interface SourceFile extends FhirFile {
  sha256: string | null;
  entries: ResourceLine[] | null;
}

export function openSource(f: FhirFile): SourceFile {
  if (f.resourceType !== "Bundle") return { ...f, sha256: null, entries: null };
  const bytes = readFileSync(f.file);
  let bundle: { resourceType?: unknown; entry?: { resource?: Resource }[] };
  try {
    bundle = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch {
    throw new CliError(`${f.file}: not a FHIR Bundle (the file is not valid JSON)`, "unparseable_resource", EXIT.refused);
  }
  if (bundle?.resourceType !== "Bundle") throw new CliError(`${f.file}: not a FHIR Bundle`, "unparseable_resource", EXIT.refused);
  // A Bundle's "line" is its entry's position (1-based): what a quarantine row points at.
  const entries = (bundle.entry ?? []).map((e, i) => ({ line: i + 1, resource: e.resource ?? {} }));
  return { ...f, sha256: createHash("sha256").update(bytes).digest("hex"), entries };
}

/** Resource lines of a file in batches, each with whether its raw text could hold an identifier shape. */
async function* batches(f: SourceFile, maxBytes?: number): AsyncGenerator<{ textMayHit: boolean; items: ResourceLine[] }> {
  if (f.entries) {
    yield { textMayHit: true, items: f.entries };
    return;
  }
  for await (const b of ndjsonLines(f.file, (sha) => (f.sha256 = sha), maxBytes)) {
    // JSON may spell a character as \uXXXX: the raw text then says nothing about the parsed strings.
    const textMayHit = identifierShape(b.text) !== null || b.text.includes("\\u");
    yield {
      textMayHit,
      items: b.lines.map(([line, start, end]) => {
        if (start < 0) return { line, resource: null, oversized: true };
        try {
          const resource = JSON.parse(b.text.slice(start, end)) as Resource;
          return { line, resource: resource && typeof resource === "object" && !Array.isArray(resource) ? resource : null };
        } catch {
          return { line, resource: null };
        }
      }),
    };
  }
}

/** A value as a CSV field for COPY: empty for null, quoted only when it must be. */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string") return String(v);
  if (v === "") return '""';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return `"${v.replace(/"/g, '""')}"`;
  }
  return v;
}

export interface StageCounts {
  read: number;
  staged: number;
  bad: number;
  skipped: Partial<Record<FhirSkipReason, number>>;
}

/** Maps one resource to its staged values (without the line), or says why it is skipped. */
export type ResourceMapper = (resource: Resource, line: number) => readonly unknown[] | Skip;

// 2 MB rather than 8: the same speed, and the embedded engine's peak RSS for a 1M-Observation
// export went from 454–508 MB to 415–465 MB (three runs each, the 2-core VM): less garbage in
// flight while its WebAssembly heap is at its largest.
const BATCH_CHARS = 2 << 20;

/**
 * Stages the resources of `types` in file `f` into `table` through `map`; other resource types
 * are counted as skipped (`resource_type`). Throws the refusal of the identifier screen.
 */
export async function stageResources(
  tx: EngineTransaction,
  f: SourceFile,
  types: readonly string[],
  table: StagedTable,
  map: ResourceMapper,
  options: { maxBytes?: number; /** false: the mapper screens what it keeps itself (Patients). */ screenText?: boolean } = {},
): Promise<StageCounts> {
  const t = TABLES[table];
  const copyRows = `copy ${t.name} (${t.columns.join(", ")}) from stdin with (format csv)`;
  const copyBad = `copy ${TABLES.bad.name} (${TABLES.bad.columns.join(", ")}) from stdin with (format csv)`;
  // One COPY in flight while the next batch is built (as pipelines/stage.ts does), on the
  // transaction's one connection: each send waits for the one before.
  const copy = pipelined(([copySql, data]: [string, string]) => tx.copyIn(copySql, data));
  const send = (copySql: string, data: string) => copy.send([copySql, data]);
  const counts: StageCounts = { read: 0, staged: 0, bad: 0, skipped: {} };
  const skip = (reason: FhirSkipReason) => (counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1);
  let rows: string[] = [];
  let rowChars = 0;
  let bad = "";
  for await (const { textMayHit, items } of batches(f, options.maxBytes)) {
    for (const { line, resource, oversized } of items) {
      if (f.entries && !types.includes(String(resource?.resourceType))) continue; // a Bundle's other entries are other phases' work
      counts.read++;
      if (!resource) {
        // Quarantined by file, line and reason, without its text: a line that is not a
        // resource cannot be told apart into structure and identifying elements (a cut-off
        // Patient may hold a name no value screen sees), so none of it is stored.
        bad += `${line},${oversized ? "field_too_long" : "unparseable_resource"},""\n`;
        counts.bad++;
        continue;
      }
      if (!types.includes(String(resource.resourceType))) {
        skip("resource_type");
        continue;
      }
      if (options.screenText !== false) screenResource(resource, f.file, line, textMayHit);
      const values = map(resource, line);
      if (isSkip(values)) {
        skip(values.skip);
        continue;
      }
      // Fields joined once per row and rows once per batch: 3× faster than appending each field to one string.
      const fields: string[] = [String(line)];
      for (const v of values) fields.push(csvField(v));
      const row = fields.join(",");
      rows.push(row);
      rowChars += row.length;
      counts.staged++;
    }
    if (rowChars >= BATCH_CHARS) {
      await send(copyRows, `${rows.join("\n")}\n`);
      rows = [];
      rowChars = 0;
    }
    if (bad.length >= BATCH_CHARS) {
      await send(copyBad, bad);
      bad = "";
    }
  }
  if (rows.length) await send(copyRows, `${rows.join("\n")}\n`);
  if (bad) await send(copyBad, bad);
  await copy.drain();
  return counts;
}

/** Reads a file only to count its resources and hash it (a resource type continuum does not use, or not FHIR at all). */
export async function countResources(f: SourceFile): Promise<number> {
  if (f.entries) return 0; // a Bundle's unused entries are counted by the caller
  let n = 0;
  for await (const b of ndjsonLines(f.file, (sha) => (f.sha256 = sha))) n += b.lines.length;
  return n;
}
