// Migrations run to the latest version on both engines, create the schema's tables, and a
// second run is a no-op.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

for (const kind of ENGINES) {
  describe(`migrations on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind, { migrate: false });
    });
    afterAll(() => engine.close());

    it("migrates an empty database to the latest version", async () => {
      const first = await migrateToLatest(engine.db);
      expect(first.applied).toEqual(["0001-core", "0002-quarantine-index", "0003-load-physical-design", "0004-timepoint-scores", "0005-comparison-pairs", "0006-episode-pathways", "0007-timepoint-score-statistics", "0008-fhir-ledger", "0009-pair-group-statistics"]);
      expect(first.latest).toBe("0009-pair-group-statistics");
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(engine.db);
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        "assessments",
        "comparison_pairs",
        "episode_pathways",
        "episodes",
        "ingest_changes",
        "ingest_ledger",
        "quarantine",
        "quarantine_index",
        "sites",
        "timepoint_scores",
      ]);
    });

    it("is a no-op when already at the latest version", async () => {
      const again = await migrateToLatest(engine.db);
      expect(again.applied).toEqual([]);
      expect(again.latest).toBe("0009-pair-group-statistics");
    });

    it("returns dates as ISO text and counts as numbers on this engine", async () => {
      const { rows } = await sql<{ d: string; n: number; x: number }>`
        select date '2026-03-01' as d, count(*) as n, 1.5::numeric as x from sites`.execute(engine.db);
      expect(rows[0]).toEqual({ d: "2026-03-01", n: 0, x: 1.5 });
    });
  });
}
