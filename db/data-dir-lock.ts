// One process at a time in an embedded database folder. PGlite is a single-user Postgres with
// no postmaster to arbitrate: two processes opening the same folder would each replay and
// write the WAL and corrupt it. So every process takes `<folder>.lock` (an O_EXCL file
// holding its pid) before opening, and a second process waits for it — concurrent ingests
// then run one after another, each seeing the other's file whole or not at all.
//
// A process killed with SIGKILL cannot remove its lock; a lock whose pid is no longer alive is
// stale and is taken over. Taking over is itself guarded by an O_EXCL directory, so two
// waiters that both found the same stale lock cannot both win.
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CliError, EXIT } from "../domain/errors.ts";

export interface DataDirLockOptions {
  /** How long to wait for another process before giving up (default 10 minutes). */
  waitMs?: number;
  /** Called once when the folder is busy and this process starts waiting. */
  onWait?: (holderPid: number) => void;
}

const POLL_MS = 50;
/** A takeover directory older than this was left by a process that died while taking over. */
const ABANDONED_TAKEOVER_MS = 10_000;

/** Takes the folder's lock; resolves with the function that releases it. */
export async function lockDataDir(dataDir: string, { waitMs = 600_000, onWait }: DataDirLockOptions = {}): Promise<() => void> {
  const lock = `${path.resolve(dataDir)}.lock`;
  const started = Date.now();
  let waiting = false;
  for (;;) {
    if (tryCreate(lock)) return releaser(lock);
    const holder = holderOf(lock);
    if (holder !== null && !alive(holder)) {
      takeOverStale(lock, holder);
      continue;
    }
    if (Date.now() - started > waitMs) {
      throw new CliError(`the embedded database at ${path.resolve(dataDir)} is in use by process ${holder ?? "?"}`, "database_busy", EXIT.database);
    }
    if (!waiting && holder !== null) onWait?.(holder);
    waiting = true;
    await sleep(POLL_MS);
  }
}

function tryCreate(lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The pid in the lock file; null while it is being written (or vanished meanwhile). */
function holderOf(lock: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}

function takeOverStale(lock: string, stalePid: number): void {
  const guard = `${lock}.takeover`;
  try {
    mkdirSync(guard);
  } catch {
    try {
      if (Date.now() - statSync(guard).mtimeMs > ABANDONED_TAKEOVER_MS) rmdirSync(guard);
    } catch {
      // another waiter removed it first
    }
    return;
  }
  try {
    // Re-read under the guard: someone may have taken over (and written a live pid) already.
    if (holderOf(lock) === stalePid) unlinkSync(lock);
  } catch {
    // already gone
  } finally {
    rmdirSync(guard);
  }
}

function releaser(lock: string): () => void {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    try {
      if (holderOf(lock) === process.pid) unlinkSync(lock);
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}
