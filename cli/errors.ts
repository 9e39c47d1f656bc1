// The error contract (DESIGN.md "Command line"): every failure is one line
// `continuum: <what> (<reason code>)` on stderr and one of these exit codes.

import { CliError, EXIT, type ExitCode } from "../domain/errors.ts";

export { CliError, EXIT, type ExitCode };

export const usageError = (message: string) => new CliError(message, "usage", EXIT.usage);

/** SQLSTATE classes and socket errors that mean "the database is not there or broke". */
const DATABASE_CODES = /^(08|53|57|58|XX)|^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE)$/;

export function isDatabaseFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && DATABASE_CODES.test(code)) return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|terminating connection|connection error and is not queryable|PGlite is closed|could not connect|database .* does not exist/i.test(message);
}

/** The session was cut (server restart, network): a file in flight was rolled back. */
function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return (typeof code === "string" && /^(57P0[1-3]|08006|ECONNRESET|EPIPE)$/.test(code)) || /Connection terminated|terminating connection|not queryable/i.test(message);
}

/**
 * A full disk or a folder the database may not write, from Postgres (SQLSTATE 53100 or its
 * message) or from the operating system (errno code): each gets its own reason code, since
 * the fix is the user's (free space, fix permissions), not a retry.
 */
export function storageFault(error: unknown): { reason: "disk_full" | "permission_denied"; what: string } | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  if (code === "ENOSPC" || code === "53100" || /no space left on device/i.test(message)) return { reason: "disk_full", what: "the disk is full" };
  if (code === "EACCES" || code === "EPERM" || code === "EROFS" || /permission denied|read-only file system/i.test(message)) {
    return { reason: "permission_denied", what: "permission denied" };
  }
  return null;
}

/** Maps any thrown value to the one line and exit code the user sees. */
export function describeFailure(error: unknown): { line: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { line: `continuum: ${error.message} (${error.reason})`, exitCode: error.exitCode };
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const storage = storageFault(error);
  // 42501: the database role lacks a privilege (a report role asked to ingest): the database refused.
  const privilege = (error as { code?: unknown } | null)?.code === "42501";
  if (storage && (isDatabaseFailure(error) || privilege)) return { line: `continuum: database failed, ${storage.what}: ${message} (${storage.reason})`, exitCode: EXIT.database };
  if (connectionLost(error)) {
    return { line: `continuum: lost the connection to the database (${message}); its unfinished transaction was rolled back, run the command again (database_unavailable)`, exitCode: EXIT.database };
  }
  if (isDatabaseFailure(error)) return { line: `continuum: database failed: ${message} (database_unavailable)`, exitCode: EXIT.database };
  return { line: `continuum: ${message} (internal_error)`, exitCode: EXIT.failed };
}
