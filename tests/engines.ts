// The engine matrix (kysely's DIALECTS pattern): every database test loops over ENGINES.
// PGlite always runs; a real Postgres server joins when DATABASE_URL is set (.ci/run sets
// it, and CONTINUUM_REQUIRE_SERVER=1 there makes a missing server a failure, not a skip).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Engine, type EngineKind, openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";

const serverUrl = process.env.DATABASE_URL;
if (process.env.CONTINUUM_REQUIRE_SERVER === "1" && !serverUrl) {
  throw new Error("CONTINUUM_REQUIRE_SERVER=1 but DATABASE_URL is not set");
}

export const ENGINES: readonly EngineKind[] = serverUrl ? ["pglite", "postgres"] : ["pglite"];

export interface TestEngine extends Engine {
  /** Connection options that open this same database again (e.g. for a child process). */
  readonly options: { url?: string; dataDir?: string };
}

/** A fresh, empty database on `kind` (a new in-memory PGlite, or a new server database). */
export async function openFreshEngine(kind: EngineKind, { migrate = true } = {}): Promise<TestEngine> {
  let options: TestEngine["options"];
  let dropDatabase = async () => {};
  if (kind === "pglite") {
    options = { dataDir: "memory://" };
  } else {
    if (!serverUrl) throw new Error("postgres engine needs DATABASE_URL");
    const name = `continuum_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    options = { url: url.toString() };
    dropDatabase = () => adminQuery(`drop database if exists ${name} with (force)`);
  }
  const engine = await openEngine(options);
  if (migrate) await migrateToLatest(engine.db);
  return {
    ...engine,
    options,
    close: async () => {
      await engine.close();
      await dropDatabase();
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
