// Backups of either engine (issue 9): the embedded database as PGlite's own dump of its data
// folder (a gzipped tarball that PGlite loads back), a server as `pg_dump --format=custom`
// restored with `pg_restore`. A backup is written to a temp file and renamed into place, so a
// crash never leaves half a backup under the final name; a restore of the embedded database
// is loaded into a sibling folder, checked, and only then swapped in, so a failed restore
// leaves the old database as it was. A server restore runs in one transaction for the same
// reason.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { CliError, EXIT } from "../domain/errors.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import type { Engine, EngineKind } from "./engine.ts";

export interface BackupResult {
  file: string;
  engine: EngineKind;
  bytes: number;
  sha256: string;
}

/** Writes a backup of `engine` (opened on `url` when it is a server) to `file`. */
export async function backupDatabase(engine: Engine, url: string | undefined, file: string): Promise<BackupResult> {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    if (engine.dumpDataDir) writeFileSync(temp, await engine.dumpDataDir());
    else runTool("pg_dump", ["--format=custom", "--no-owner", "--file", temp], url!);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const data = readFileSync(file);
  return { file, engine: engine.kind, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") };
}

/** Which engine wrote a backup, by its first bytes: gzip (PGlite's dump) or pg_dump's "PGDMP". */
export function backupKind(file: string): EngineKind {
  let head: Buffer;
  try {
    head = readFileSync(file).subarray(0, 5);
  } catch (error) {
    throw new CliError(`cannot read the backup ${file}: ${(error as Error).message.split("\n")[0]}`, "unreadable_backup", EXIT.refused);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  if (head.toString("latin1") === "PGDMP") return "postgres";
  throw new CliError(`${file} is not a continuum backup (neither an embedded-database dump nor pg_dump's custom format)`, "unreadable_backup", EXIT.refused);
}

/** Replaces the embedded database in `dataDir` with the backup; refuses a non-empty one unless `force`. */
export async function restoreEmbedded(dataDir: string, file: string, { force = false } = {}): Promise<void> {
  const release = await lockDataDir(dataDir);
  const staging = `${path.resolve(dataDir)}.restore-${process.pid}`;
  try {
    if (!force && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new CliError(`the embedded database at ${path.resolve(dataDir)} already holds data; --force replaces it`, "database_not_empty", EXIT.usage);
    }
    rmSync(staging, { recursive: true, force: true });
    try {
      const pglite = await PGlite.create(staging, { loadDataDir: new Blob([readFileSync(file)]) });
      await pglite.query("select count(*) from pg_class");
      await pglite.close();
    } catch (error) {
      throw new CliError(`${file} could not be loaded as an embedded database: ${(error as Error).message.split("\n")[0]}`, "unreadable_backup", EXIT.refused);
    }
    const old = `${path.resolve(dataDir)}.old-${process.pid}`;
    if (existsSync(dataDir)) renameSync(dataDir, old);
    renameSync(staging, dataDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/** Restores a pg_dump backup into the server database at `url`, in one transaction. */
export function restoreServer(url: string, file: string): void {
  runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname"], url, [file]);
}

/**
 * Runs pg_dump / pg_restore against `url`. The password goes through PGPASSWORD, not the
 * command line, where any user of the machine could read it.
 */
function runTool(tool: "pg_dump" | "pg_restore", args: string[], url: string, after: string[] = []): void {
  const binary = findTool(tool);
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const target = tool === "pg_dump" ? ["--dbname", u.toString()] : [u.toString()];
  try {
    execFileSync(binary, [...args, ...target, ...after], { env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim().split("\n")[0] || (error as Error).message;
    throw new CliError(`${tool} failed: ${stderr.replace(/^\S+: /, "")}`, `${tool === "pg_dump" ? "backup" : "restore"}_failed`, EXIT.database);
  }
}

/** The tool on PATH, else the newest PostgreSQL installation's (Debian keeps them in /usr/lib/postgresql/N/bin). */
function findTool(tool: string): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && existsSync(path.join(dir, tool))) return path.join(dir, tool);
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", tool))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length) return path.join(root, versions[0], "bin", tool);
  throw new CliError(`${tool} not found; install postgresql-client-15`, "backup_tool_missing", EXIT.database);
}
