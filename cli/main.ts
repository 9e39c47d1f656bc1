// Process entry of the CLI (bin/continuum.js loads it through tsx).
import { processContext } from "./context.ts";
import { runCli } from "./run.ts";

process.exitCode = await runCli(process.argv.slice(2), processContext());
