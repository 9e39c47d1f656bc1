// What a command may touch, injected (Observable Framework's `{logger, output}` pattern) so
// tests run commands in-process and read what they printed.
import type { Writable } from "node:stream";
import { defaultDataDir, type Engine, openEngine } from "../db/engine.ts";
import { CliError, EXIT, isDatabaseFailure } from "./errors.ts";

export interface CliContext {
  stdout: Pick<Writable, "write">;
  stderr: Pick<Writable, "write">;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress bars only then). */
  interactive: boolean;
}

export const processContext = (): CliContext => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interactive: Boolean(process.stderr.isTTY),
});

/** `--db URL`, else DATABASE_URL, else the embedded database (DESIGN.md "Command line"). */
export async function connect(ctx: CliContext, dbOption: string | undefined): Promise<Engine> {
  const url = dbOption ?? ctx.env.DATABASE_URL;
  try {
    const engine = await openEngine(url ? { url } : { dataDir: defaultDataDir(ctx.env) });
    await engine.db.selectNoFrom((eb) => eb.lit(1).as("ok")).execute();
    return engine;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const what = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (url || isDatabaseFailure(error)) {
      throw new CliError(`cannot open the database: ${what}`, "database_unavailable", EXIT.database);
    }
    throw new CliError(`cannot open the embedded database: ${what}`, "database_unavailable", EXIT.database);
  }
}
