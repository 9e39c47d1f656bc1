// Finding the resource files of a FHIR export (DESIGN.md "Input formats" 4): a Bulk Data
// folder (`Type.NNN.ndjson` files, or those its `manifest.json` lists in `output[].type/url`),
// single NDJSON files, or a Bundle `.json`. Each file's resource type comes from the manifest,
// else its name, else its first line; a file whose first line is not a FHIR resource (a
// server's `log.ndjson`) has no type and is skipped whole.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "../../domain/errors.ts";

export interface FhirFile {
  file: string;
  /** The resource type its lines hold (NDJSON), or "Bundle", or null when it holds no FHIR resources. */
  resourceType: string | null;
}

/** Whether an ingest argument is a FHIR export: a folder, an `.ndjson` file, or a JSON Bundle. */
export function isFhirInput(arg: string): boolean {
  try {
    if (statSync(arg).isDirectory()) return true;
  } catch {
    return false;
  }
  if (/\.ndjson$/i.test(arg)) return true;
  return /\.json$/i.test(arg) && /^\s*\{[^{}]*"resourceType"\s*:\s*"Bundle"/.test(head(arg, 4096));
}

function head(file: string, bytes: number): string {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "");
  } finally {
    closeSync(fd);
  }
}

const NAMED = /^([A-Z][A-Za-z]+)(?:[._-]\d+)?\.ndjson$/;

/** The resource type a file's first non-empty line names, or null. */
function firstLineType(file: string): string | null {
  const text = head(file, 1 << 16);
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  const m = line.match(/"resourceType"\s*:\s*"([A-Za-z]+)"/);
  return m ? m[1] : null;
}

function ndjsonFile(file: string, declared?: string): FhirFile {
  const named = path.basename(file).match(NAMED)?.[1];
  return { file, resourceType: declared ?? firstLineType(file) ?? (named && named !== "Log" ? named : null) };
}

/** The resource files named by the arguments, in argument order (a folder's in name order). */
export function listFhirFiles(args: readonly string[]): FhirFile[] {
  const out: FhirFile[] = [];
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch (error) {
      throw new CliError(`${arg}: cannot read the file (${(error as NodeJS.ErrnoException).code})`, "unreadable_file", EXIT.refused);
    }
    if (!isDir) {
      out.push(/\.ndjson$/i.test(arg) ? ndjsonFile(arg) : { file: arg, resourceType: "Bundle" });
      continue;
    }
    const manifest = path.join(arg, "manifest.json");
    let listed: { type: string; url: string }[] | null = null;
    try {
      const m = JSON.parse(readFileSync(manifest, "utf8")) as { output?: { type?: unknown; url?: unknown }[] };
      listed = (m.output ?? []).filter((o): o is { type: string; url: string } => typeof o.type === "string" && typeof o.url === "string");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new CliError(`${manifest}: not a Bulk Data manifest (expected JSON with output[].type and url)`, "bad_manifest", EXIT.refused);
    }
    if (listed) {
      // The manifest's URLs point at the server; the files are in the folder under their last path segment.
      for (const o of listed) out.push(ndjsonFile(path.join(arg, path.basename(new URL(o.url, "http://export/").pathname)), o.type));
    } else {
      for (const name of readdirSync(arg).filter((n) => /\.ndjson$/i.test(n)).sort()) out.push(ndjsonFile(path.join(arg, name)));
    }
  }
  return out;
}
