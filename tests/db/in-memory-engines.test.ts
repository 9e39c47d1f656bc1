// In-memory embedded databases start from one empty cluster made once per process
// (db/engine.ts emptyClusterImage): each must still be a cluster of its own — empty when
// opened, and blind to what another, open at the same time or earlier, has written.
import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import type { Database } from "../../db/schema.ts";

const userTables = async (db: Kysely<Database>) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(db)).rows[0]!.n;

describe("in-memory embedded databases", () => {
  it("are separate clusters that each start empty", async () => {
    const first = await openEngine({ dataDir: "memory://" });
    const second = await openEngine({ dataDir: "memory://" });
    try {
      expect(await userTables(first.db)).toBe(0);
      await migrateToLatest(first.db);
      expect(await userTables(first.db)).toBeGreaterThan(5);
      expect(await userTables(second.db)).toBe(0);
      await first.close();
      const third = await openEngine({ dataDir: "memory://" });
      try {
        expect(await userTables(third.db)).toBe(0);
        expect((await sql<{ shared_buffers: string }>`show shared_buffers`.execute(third.db)).rows[0]).toEqual({ shared_buffers: "16MB" });
      } finally {
        await third.close();
      }
    } finally {
      await second.close();
    }
  }, 60_000);
});
