// A table analyzed while empty (as autovacuum does after a killed ingest) and then grown by the
// current transaction: refreshGrownStatistics gives the planner its real size, and leaves a
// table it has not grown alone.
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema.ts";
import { refreshGrownStatistics } from "../../db/table-statistics.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

const EPISODES = 5000;

async function insertEpisodes(db: Kysely<Database>, prefix: string): Promise<void> {
  await sql`insert into sites (site_id) values ('S01') on conflict do nothing`.execute(db);
  const { rows } = await sql<{ id: number }>`insert into ingest_ledger (file_name, sha256, kind, status, rows_read)
    values ('e.csv', md5(${prefix}) || md5(${prefix}), 'episodes', 'loaded', 0) returning ingest_id as id`.execute(db);
  await sql`insert into episodes (episode_id, patient_id, site_id, level_of_care, admitted_on, ingest_id)
    select ${prefix} || n, 'P' || n, 'S01', 'IOP', date '2026-01-01' + n % 300, ${rows[0].id}::int
    from generate_series(1, ${EPISODES}::int) n`.execute(db);
}

/** The planner's row estimate for a scan of the whole table. */
async function plannedRows(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] | string }>`explain (format json) select * from ${sql.table(table)}`.execute(db);
  const plan = rows[0]["QUERY PLAN"];
  return (typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan["Plan Rows"];
}

for (const kind of ENGINES) {
  describe(`grown-table statistics on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
      // A load that rolled back, then the analysis autovacuum makes of what it left: no live rows.
      await engine
        .transaction(async (tx) => {
          await insertEpisodes(tx.db, "X");
          throw new Error("killed");
        })
        .catch(() => {});
      await sql`analyze episodes, assessments`.execute(engine.db);
    });
    afterEach(() => engine.close());

    it("gives the planner the size the transaction has grown a table to", async () => {
      await engine.transaction(async (tx) => {
        await insertEpisodes(tx.db, "E");
        expect(await plannedRows(tx.db, "episodes")).toBeLessThan(10);
        await refreshGrownStatistics(tx.db, ["episodes", "assessments"]);
        expect(await plannedRows(tx.db, "episodes")).toBeGreaterThan(EPISODES * 0.9);
      });
    });

    it("leaves a table the transaction has not grown as its statistics stand", async () => {
      await engine.transaction(async (tx) => {
        await refreshGrownStatistics(tx.db, ["episodes"]);
        const { rows } = await sql<{ n: number }>`select reltuples::int as n from pg_class where relname = 'episodes'`.execute(tx.db);
        expect(rows[0].n).toBe(0);
      });
    });
  });
}
