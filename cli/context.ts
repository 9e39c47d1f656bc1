// What a command may touch, injected (Observable Framework's `{logger, output}` pattern) so
// tests run commands in-process and read what they printed.
import type { Writable } from "node:stream";
import { sql } from "kysely";
import { defaultDataDir, type Engine, openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { CliError, EXIT, isDatabaseFailure, storageFault } from "./errors.ts";

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
export async function connect(ctx: CliContext, dbOption: string | undefined, { schema = true, snapshot = false } = {}): Promise<Engine> {
  const engine = await open(ctx, dbOption);
  if (schema) await ensureSchema(engine);
  if (!snapshot) return engine;
  // Readers (analyze, check, report, notebook) query one consistent moment: an ingest that
  // commits meanwhile is seen whole or not at all.
  const view = await engine.snapshot();
  return {
    ...engine,
    db: view.db,
    close: async () => {
      try {
        await view.end();
      } finally {
        await engine.close();
      }
    },
  };
}

/**
 * The embedded database is the user's own: it is migrated on first use. A server's schema is
 * managed explicitly (`continuum migrate`, by a role allowed to), so there a missing schema
 * is an error that says what to run.
 */
async function ensureSchema(engine: Engine): Promise<void> {
  if (engine.kind === "pglite") {
    await migrateToLatest(engine.db);
    return;
  }
  const { rows } = await sql<{ present: boolean }>`select to_regclass('public.ingest_ledger') is not null as present`.execute(engine.db);
  if (!rows[0]?.present) {
    await engine.close();
    throw new CliError(`the database at ${engine.location} has no continuum schema; run continuum migrate`, "schema_missing", EXIT.database);
  }
}

async function open(ctx: CliContext, dbOption: string | undefined): Promise<Engine> {
  const url = dbOption ?? ctx.env.DATABASE_URL;
  try {
    const onWait = (pid: number) => ctx.stderr.write(`waiting: process ${pid} has the embedded database open\n`);
    const engine = await openEngine(url ? { url } : { dataDir: defaultDataDir(ctx.env), lock: { onWait } });
    await engine.db.selectNoFrom((eb) => eb.lit(1).as("ok")).execute();
    return engine;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const what = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (url || isDatabaseFailure(error)) {
      throw new CliError(`cannot open the database: ${what}`, "database_unavailable", EXIT.database);
    }
    const dataDir = defaultDataDir(ctx.env);
    const storage = storageFault(error);
    if (storage) throw new CliError(`cannot open the embedded database at ${dataDir}: ${storage.what}`, storage.reason, EXIT.database);
    throw new CliError(`cannot open the embedded database at ${dataDir}: ${what}`, "database_unavailable", EXIT.database);
  }
}
