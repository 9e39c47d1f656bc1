// Runs the migrations of db/migrations/ to the latest version (Kysely's Migrator, which takes
// an advisory lock, so two processes migrating at once are safe).
import { Migrator } from "kysely";
import type { Kysely } from "kysely";
import { migrationProvider } from "./migrations/index.ts";

export interface MigrationOutcome {
  applied: string[];
  latest: string | null;
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  const all = await migrator.getMigrations();
  const executed = all.filter((m) => m.executedAt);
  return {
    applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName),
    latest: executed.at(-1)?.name ?? null,
  };
}
