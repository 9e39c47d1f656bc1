// The same product on a Citus cluster (coordinator + two workers on loopback,
// scripts/citus-cluster.sh; CITUS_URL names the coordinator). `migrate` distributes the large
// tables by episode_id with shards on both workers and makes the small ones reference tables;
// the golden cohort loaded there gives every analysis the embedded engine gives, to 1e-9.
// Without Citus, distribution is a no-op. (The rest of the suite runs on Citus too: CITUS_URL
// adds it to tests/engines.ts's matrix; a worker killed mid-ingest is tests/faults/citus.test.ts.)
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distributeForCitus } from "../../db/citus.ts";
import { COMPARISONS, type Comparison } from "../../domain/timepoints.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { compareAnalysis, ittAnalysis, retentionAnalysis } from "../../queries/analyses/other-analyses.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { expectClose } from "../support/expect-close.ts";

const GOLDEN_DATA = path.resolve(import.meta.dirname, "../golden/data");

/** Every analysis `continuum analyze` offers, over the loaded data. */
async function analyses(engine: TestEngine) {
  const cut = (await dataCut(engine.db))!;
  return {
    cut,
    effects: await effectSizeTable(engine.db, { comparisons: Object.keys(COMPARISONS) as Comparison[], by: ["level_of_care"], dataCut: cut }),
    retention: await retentionAnalysis(engine.db, { dataCut: cut, by: "level_of_care" }),
    itt: await ittAnalysis(engine.db, { instrument: "PHQ9", dataCut: cut, by: "level_of_care" }),
    compare: await compareAnalysis(engine.db, { instrument: "PHQ9", comparison: "intake_discharge", dataCut: cut }),
  };
}

describe("distribution without Citus", () => {
  it("is a no-op on a database without the extension", async () => {
    const engine = await openFreshEngine("pglite");
    try {
      expect(await distributeForCitus(engine.db)).toBe("no_citus");
    } finally {
      await engine.close();
    }
  });
});

if (ENGINES_WITH_CITUS.includes("citus")) {
  describe("on a Citus cluster", () => {
    let citus: TestEngine;
    let embedded: TestEngine;
    beforeAll(async () => {
      [citus, embedded] = [await openFreshEngine("citus"), await openFreshEngine("pglite")];
      for (const engine of [citus, embedded]) for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(GOLDEN_DATA, file));
    }, 300_000);
    afterAll(async () => {
      await citus?.close();
      await embedded?.close();
    });

    it("distributes the large tables by episode_id, co-located, with shards on both workers; the small ones are reference tables", async () => {
      const { rows } = await sql<{ table: string; method: string; colocation: number }>`
        select logicalrelid::text as table, partmethod as method, colocationid as colocation from pg_dist_partition order by 1`.execute(citus.db);
      const by = Object.fromEntries(rows.map((r) => [r.table, r]));
      for (const t of ["episodes", "assessments", "ingest_changes"]) expect(by[t]?.method, t).toBe("h");
      expect(new Set(["episodes", "assessments", "ingest_changes"].map((t) => by[t].colocation)).size).toBe(1);
      const reference = await sql<{ table: string }>`select logicalrelid::text as table from pg_dist_partition where repmodel = 't' order by 1`.execute(citus.db);
      expect(reference.rows.map((r) => r.table)).toEqual(["ingest_ledger", "sites"]);
      const placements = await sql<{ port: number; shards: number }>`
        select p.nodeport as port, count(*)::int as shards from pg_dist_shard s join pg_dist_shard_placement p using (shardid)
        where s.logicalrelid = 'assessments'::regclass group by 1 order by 1`.execute(citus.db);
      expect(placements.rows).toHaveLength(2);
      for (const p of placements.rows) expect(p.shards).toBeGreaterThan(0);
      const { rows: stored } = await sql<{ n: number }>`select count(*)::int as n from assessments`.execute(citus.db);
      expect(stored[0].n).toBeGreaterThan(1000);
    });

    it("reports that a second migrate finds the tables distributed already", async () => {
      expect(await distributeForCitus(citus.db)).toBe("already_distributed");
    });

    it("gives every analysis the embedded engine gives, to 1e-9", async () => {
      const [onCitus, onEmbedded] = [await analyses(citus), await analyses(embedded)];
      expect(onCitus.effects.length).toBeGreaterThan(20);
      expectClose(onCitus, onEmbedded);
    });
  });
}
