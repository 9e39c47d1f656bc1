// Runs the migrations of db/migrations/ to the latest version (Kysely's Migrator, which takes
// an advisory lock, so two processes migrating at once are safe), then, on a database with the
// citus extension, distributes the tables (db/citus.ts) if they are not distributed yet. When
// this run created a derived table (migrations 0004–0006), they are filled from the existing data.
import { Migrator } from "kysely";
import type { Kysely } from "kysely";
import { distributeForCitus } from "./citus.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { rebuildDerivedTables } from "./derived-tables.ts";

/** Migrations that create a derived table: when one runs, the tables are derived from the data. */
const DERIVED_TABLE_MIGRATIONS = ["0004-timepoint-scores", "0005-comparison-pairs", "0006-episode-pathways"];

export interface MigrationOutcome {
  applied: string[];
  latest: string | null;
  /** Present on a Citus database: whether this run distributed the tables. */
  citus?: "distributed" | "already_distributed";
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  const all = await migrator.getMigrations();
  const executed = all.filter((m) => m.executedAt);
  const citus = await distributeForCitus(db);
  const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
  if (applied.some((name) => DERIVED_TABLE_MIGRATIONS.includes(name))) {
    await (db as unknown as Kysely<Database>).transaction().execute((tx) => rebuildDerivedTables(tx));
  }
  return {
    applied,
    latest: executed.at(-1)?.name ?? null,
    ...(citus === "no_citus" ? {} : { citus }),
  };
}
