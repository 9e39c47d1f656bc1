// forEachBatch streams a query's rows through a server-side cursor: every row once, in order,
// in batches no larger than asked; inside a snapshot transaction it reads that snapshot; a
// failing consumer's error reaches the caller and the connection stays usable.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachBatch } from "../../db/cursor.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const SITES = 23;

for (const kind of ENGINES_WITH_CITUS) {
  describe(`cursor batches on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await sql`insert into sites (site_id, name) select 'S' || lpad(n::text, 3, '0'), 'Site ' || n from generate_series(1, ${SITES}::int) n`.execute(engine.db);
    });
    afterAll(() => engine?.close());

    const sitesAfter = (db: TestEngine["db"], from: string) => db.selectFrom("sites").select(["site_id", "name"]).where("site_id", ">", from).orderBy("site_id", "desc");

    it("gives every row once, in order, in batches of at most the size asked", async () => {
      const batches: string[][] = [];
      await forEachBatch(engine.db, sitesAfter(engine.db, "S005"), 5, (rows) => void batches.push(rows.map((r) => r.site_id)));
      expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 3]);
      expect(batches.flat()).toEqual(Array.from({ length: SITES - 5 }, (_, i) => `S${String(SITES - i).padStart(3, "0")}`));
    });

    it("runs inside the readers' snapshot transaction and leaves it open", async () => {
      const view = await engine.snapshot();
      try {
        const seen: string[] = [];
        await forEachBatch(view.db, sitesAfter(view.db, "S000"), 100, (rows) => void seen.push(...rows.map((r) => r.site_id)));
        expect(seen).toHaveLength(SITES);
        const { rows } = await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(view.db);
        expect(rows[0].level).toBe("repeatable read");
      } finally {
        await view.end();
      }
    });

    it("passes a consumer's error on, closes the cursor and leaves the connection usable", async () => {
      await engine.db.connection().execute(async (connection) => {
        await expect(
          forEachBatch(connection, sitesAfter(connection, "S000"), 4, () => {
            throw new Error("disk full");
          }),
        ).rejects.toThrow("disk full");
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_cursors`.execute(connection);
        expect(rows[0].n).toBe(0);
      });
    });
  });
}
