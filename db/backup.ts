// Backups of either engine: the embedded database as PGlite's own dump of its data
// folder (a gzipped tarball that PGlite loads back), a server as `pg_dump --format=custom`
// restored with `pg_restore`. A backup is written to a temp file and renamed into place, so a
// crash never leaves half a backup under the final name; a restore of the embedded database
// is loaded into a sibling folder, checked, and only then swapped in, so a failed restore
// leaves the old database as it was. A server restore runs in one transaction for the same
// reason. Either kind of backup is read through whole before anything is replaced, so a
// damaged one (cut short by a full disk or an interrupted copy) is refused whole: exit 3,
// unreadable_backup, database untouched.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { CliError, EXIT } from "../domain/errors.ts";
import { type DataDirLockOptions, lockDataDir } from "./data-dir-lock.ts";
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
    throw unreadable(`cannot read the backup ${file}`, error);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  if (head.toString("latin1") === "PGDMP") return "postgres";
  throw new CliError(`${file} is not a continuum backup (neither an embedded-database dump nor pg_dump's custom format)`, "unreadable_backup", EXIT.refused);
}

/** Replaces the embedded database in `dataDir` with the backup; refuses a non-empty one unless `force`. */
export async function restoreEmbedded(dataDir: string, file: string, { force = false, lock }: { force?: boolean; lock?: DataDirLockOptions } = {}): Promise<void> {
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true }); // a fresh machine has no CONTINUUM_HOME yet
  const release = await lockDataDir(dataDir, lock);
  const staging = `${path.resolve(dataDir)}.restore-${process.pid}`;
  try {
    if (!force && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new CliError(`the embedded database at ${path.resolve(dataDir)} already holds data; --force replaces it`, "database_not_empty", EXIT.usage);
    }
    const tar = embeddedTar(file);
    rmSync(staging, { recursive: true, force: true });
    try {
      const pglite = await PGlite.create(staging, { loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>]) });
      await pglite.query("select count(*) from pg_class");
      await pglite.close();
    } catch (error) {
      throw unreadable(`${file} could not be loaded as an embedded database`, error);
    }
    const old = `${path.resolve(dataDir)}.old-${process.pid}`;
    const hadOld = existsSync(dataDir);
    if (hadOld) renameSync(dataDir, old);
    try {
      renameSync(staging, dataDir);
    } catch (error) {
      if (hadOld) renameSync(old, dataDir); // put the old database back before reporting
      throw error;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/**
 * The embedded backup as the plain tar archive PGlite loads. Decompressed here, not by PGlite:
 * PGlite 0.5 gunzips through a DecompressionStream whose write it never awaits, so a cut-short
 * file rejected a second time after the first failure was handled, and the process died with
 * a second line (internal_error) after the refusal. gunzip checks the CRC; a gzip that holds
 * no tar archive (a compressed CSV) has no "ustar" at offset 257 of its first header.
 */
function embeddedTar(file: string): Uint8Array {
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(file));
  } catch (error) {
    throw unreadable(`${file} is damaged`, error);
  }
  if (tar.subarray(257, 262).toString("latin1") !== "ustar") {
    throw new CliError(`${file} is not an embedded-database backup (gzip without a tar archive inside)`, "unreadable_backup", EXIT.refused);
  }
  return tar;
}

/** A backup refused whole (exit 3), with the first line of why. */
function unreadable(what: string, error: unknown): CliError {
  return new CliError(`${what}: ${(error as Error).message.split("\n")[0]}`, "unreadable_backup", EXIT.refused);
}

/**
 * Restores a pg_dump backup into the server database at `url`, in one transaction. The file
 * is read through whole once first (`pg_restore --file /dev/null`, no connection; `--list`
 * reads only the table of contents and misses a cut in the data): a backup cut short is then
 * refused whole as unreadable (exit 3) rather than failing halfway as a database error.
 */
export function restoreServer(url: string, file: string): void {
  try {
    execFileSync(findTool("pg_restore"), ["--file", "/dev/null", file], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw unreadable(`${file} is damaged`, new Error(firstStderrLine(error)));
  }
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
    throw new CliError(`${tool} failed: ${firstStderrLine(error)}`, `${tool === "pg_dump" ? "backup" : "restore"}_failed`, EXIT.database);
  }
}

/** A failed tool's first line of stderr without its "pg_restore: " prefix. */
function firstStderrLine(error: unknown): string {
  const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim().split("\n")[0] || (error as Error).message;
  return stderr.replace(/^\S+: /, "");
}

/**
 * The tool on PATH, else the newest PostgreSQL installation's (Debian keeps them in
 * /usr/lib/postgresql/N/bin, off PATH). `where` is for tests.
 */
export function findTool(tool: string, where = { path: process.env.PATH ?? "", root: "/usr/lib/postgresql" }): string {
  for (const dir of where.path.split(path.delimiter)) if (dir && existsSync(path.join(dir, tool))) return path.join(dir, tool);
  const { root } = where;
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", tool))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length) return path.join(root, versions[0], "bin", tool);
  throw new CliError(`${tool} not found; install postgresql-client-15`, "backup_tool_missing", EXIT.database);
}
