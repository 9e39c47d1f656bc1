// Process entry of the CLI (bin/continuum.js loads it through tsx).
import { processContext } from "./context.ts";
import { describeFailure } from "./errors.ts";
import { runCli } from "./run.ts";

// The last line of defence of the error contract: an error no command caught (an event
// emitter's 'error', a stray rejection) still ends in one line and DESIGN.md's exit code.
const debug = process.argv.includes("--debug");
const lastResort = (error: unknown) => {
  const { line, exitCode } = describeFailure(error);
  process.stderr.write(`${line}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCode);
};
process.on("uncaughtException", lastResort);
process.on("unhandledRejection", lastResort);

process.exitCode = await runCli(process.argv.slice(2), processContext());
