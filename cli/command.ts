// The shape of one CLI command: options for node:util parseArgs, a one-line summary for
// --help, and run(). Commands stay thin; the work lives in pipelines/, queries/, reports/.
import type { ParseArgsConfig } from "node:util";
import type { CliContext } from "./context.ts";
import type { ExitCode } from "./errors.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  run(args: { values: ParsedValues; positionals: string[] }, ctx: CliContext): Promise<ExitCode>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpec = {
  db: { type: "string" },
  json: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

export const stringOption = (values: ParsedValues, name: string): string | undefined => {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
};
