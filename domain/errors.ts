// The error every layer may throw to end a command with a reason code and one of DESIGN.md's
// exit codes ("Command line"): 0 done, 1 --strict with bad rows (or failure), 2 usage,
// 3 file refused whole, 4 database unreachable or failed. cli/ prints it as one line.

export const EXIT = {
  ok: 0,
  /** `--strict` and some rows were bad; also any failure without a more specific code. */
  failed: 1,
  usage: 2,
  /** A file refused whole: identifiers, unreadable, unknown header. */
  refused: 3,
  /** Database unreachable or failed. */
  database: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
    this.name = "CliError";
  }
}
