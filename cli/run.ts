// argv → command → exit code. Pure of process globals (the context carries streams and env),
// so tests call runCli() in-process; cli/main.ts is the only place that touches `process`.
import { parseArgs } from "node:util";
import { GLOBAL_OPTIONS } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import type { CliContext } from "./context.ts";
import { describeFailure, EXIT, type ExitCode, usageError } from "./errors.ts";

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "continuum — outcomes analytics for behavioral-health treatment programs",
    "",
    "usage: continuum [--db URL] [--json] [--debug] <command> [options]",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "options for every command (before or after it, as `continuum --db URL migrate`):",
    "  --db URL   a Postgres server (else DATABASE_URL, else the embedded database in",
    "             $CONTINUUM_HOME/db, default ./.continuum/db)",
    "  --json     one machine-readable JSON document on stdout",
    "  --debug    print the stack trace of a failure",
    "  --help     this text, or a command's usage with `continuum <command> --help`",
    "",
    "exit codes: 0 done · 1 failed (--strict with bad rows, or an unexpected error) · 2 usage ·",
    "            3 file refused whole · 4 database unreachable or failed",
    "",
  ].join("\n");
}

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const debug = argv.includes("--debug");
  try {
    const { name, rest } = splitCommand(argv);
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      ctx.stdout.write(helpText());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw usageError(`unknown command "${name}"; see continuum --help`);
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw usageError(`${(error as Error).message.split("\n")[0].replace(/\. To specify.*$/, "")}; usage: ${command.usage}`);
    }
    if (parsed.values.help) {
      ctx.stdout.write(`usage: ${command.usage}\n${command.summary}\n`);
      return EXIT.ok;
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, ctx);
  } catch (error) {
    const { line, exitCode } = describeFailure(error);
    ctx.stderr.write(`${line}\n`);
    if (debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
    return exitCode;
  }
}

/** The options every command takes that a user may type before the command name. */
const LEADING = new Set(["--db", "--json", "--debug"]);

/**
 * Finds the command name after any leading global options (`continuum --db URL migrate`, as
 * git and psql users type it) and moves those options after it, where parseArgs
 * reads them with the command's own. `--help` before a command still means the general help.
 */
export function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const option = argv[i].split("=")[0];
    if (option === "--help" || option === "-h") return { name: "--help", rest: [] };
    if (!LEADING.has(option)) throw usageError(`unknown option "${argv[i]}" before the command; see continuum --help`);
    const takesValue = option === "--db" && !argv[i].includes("=");
    if (takesValue && (i + 1 >= argv.length || argv[i + 1].startsWith("-"))) throw usageError("--db needs a URL; see continuum --help");
    leading.push(...argv.slice(i, i + (takesValue ? 2 : 1)));
    i += takesValue ? 2 : 1;
  }
  return { name: argv[i], rest: [...argv.slice(i + 1), ...leading] };
}
