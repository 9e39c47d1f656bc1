// manifest.json of a report folder (DESIGN.md "Publishing rules"): input file hashes (from
// the ingest ledger), database row counts, code version (git commit + dirty flag),
// package-lock hash, parameters, random seeds, the data cut, and a hash of every output file.
// Everything but `generated_at` and the manifest itself is a function of inputs and code,
// so two runs on the same data give the same manifest apart from that one field.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

export interface Manifest {
  manifest_version: 1;
  report: string;
  generated_at: string;
  data_cut: string | null;
  code: { commit: string | null; dirty: boolean | null; package_lock_sha256: string | null };
  database: { engine: string; row_counts: Record<string, number> };
  inputs: { file: string; kind: string; sha256: string; rows_read: number }[];
  parameters: Record<string, unknown>;
  seeds: Record<string, number>;
  outputs: { file: string; sha256: string; bytes: number }[];
}

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** The git commit of the code and whether the work tree differs from it (null outside git). */
export function codeVersion(root: string): Manifest["code"] {
  const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = git("rev-parse", "HEAD");
    dirty = git("status", "--porcelain", "--untracked-files=no").length > 0;
  } catch {
    // Not a git checkout (e.g. an installed package): the lock hash still pins dependencies.
  }
  const lock = path.join(root, "package-lock.json");
  return { commit, dirty, package_lock_sha256: existsSync(lock) ? sha256(readFileSync(lock)) : null };
}

export async function databaseFacts(db: Kysely<Database>): Promise<{ row_counts: Record<string, number>; inputs: Manifest["inputs"] }> {
  const { rows } = await sql<{ table_name: string; n: number }>`
    select 'episodes' as table_name, count(*) as n from episodes
    union all select 'assessments', count(*) from assessments
    union all select 'sites', count(*) from sites
    union all select 'quarantine', count(*) from quarantine_index`.execute(db);
  const inputs = await db
    .selectFrom("ingest_ledger")
    .where("status", "=", "loaded")
    .select(["file_name as file", "kind", "sha256", "rows_read"])
    .orderBy("ingest_id")
    .execute();
  return { row_counts: Object.fromEntries(rows.map((r) => [r.table_name, Number(r.n)])), inputs };
}

/** Every file under `dir` (but manifest.json), sorted, with its SHA-256. */
export function hashOutputs(dir: string): Manifest["outputs"] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (path.relative(dir, full) !== "manifest.json") files.push(full);
    }
  };
  walk(dir);
  return files.map((full) => ({ file: path.relative(dir, full).split(path.sep).join("/"), ...fileDigest(full) }));
}

/** A file's SHA-256 and size, read in 1 MB pieces: the research dataset can be gigabytes. */
function fileDigest(file: string): { sha256: string; bytes: number } {
  const hash = createHash("sha256");
  const piece = Buffer.alloc(1 << 20);
  const fd = openSync(file, "r");
  let bytes = 0;
  try {
    for (let n; (n = readSync(fd, piece, 0, piece.length, null)) > 0; bytes += n) hash.update(piece.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest("hex"), bytes };
}
