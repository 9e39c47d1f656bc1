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
  return /Connection terminated|terminating connection|PGlite is closed|could not connect|database .* does not exist/i.test(message);
}

/** Maps any thrown value to the one line and exit code the user sees. */
export function describeFailure(error: unknown): { line: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { line: `continuum: ${error.message} (${error.reason})`, exitCode: error.exitCode };
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (isDatabaseFailure(error)) return { line: `continuum: database failed: ${message} (database_unavailable)`, exitCode: EXIT.database };
  return { line: `continuum: ${message} (internal_error)`, exitCode: EXIT.failed };
}
