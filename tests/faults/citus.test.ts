// Fault injection on Citus: a worker crashes (immediate shutdown) while an
// assessments file is being loaded, at three moments from the end of staging on. The ingest
// fails in one line's worth of error; once the worker is back (and Citus has resolved any
// transaction it had prepared there) the database holds the file whole or not at all, the
// ledger agrees, no staging table survives, and rerunning completes the load to exactly a
// clean single-node load's content. Runs on the cluster of CITUS_URL / CITUS_DIR (.ci/run
// starts it with scripts/citus-cluster.sh); the fault files run one at a time, so no other
// test uses the cluster meanwhile.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { openFreshEngine, type TestEngine } from "../engines.ts";
import { cleanLoadHashes, contentHash, faultSandbox, ledgerProblems, stagingLeftovers } from "./support.ts";

const CLUSTER = path.resolve(import.meta.dirname, "../../scripts/citus-cluster.sh");
const { CITUS_URL, CITUS_DIR } = process.env;
const sandbox = faultSandbox("citus");

/** Waits until the cluster answers a query that touches every shard, then resolves prepared transactions. */
async function clusterBack(engine: TestEngine): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await sql`select count(*) from assessments`.execute(engine.db);
      await sql`select recover_prepared_transactions()`.execute(engine.db);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

if (!CITUS_URL || !CITUS_DIR) {
  describe("a Citus worker killed mid-ingest", () => {
    it("needs a cluster (CITUS_URL and CITUS_DIR; .ci/run starts one), required in CI", () => {
      expect(process.env.CONTINUUM_REQUIRE_CITUS, "CONTINUUM_REQUIRE_CITUS=1 but no Citus cluster was given").not.toBe("1");
    });
  });
} else {
  describe("a Citus worker killed mid-ingest", () => {
    it("leaves the file whole or absent, and a rerun completes it", async () => {
      const files = await writeCohort(path.join(sandbox.dir, "data"), { episodes: 2500, seed: 11 });
      const [afterEpisodes, afterBoth] = await cleanLoadHashes([files.episodesFile, files.assessmentsFile]);
      const engine = await openFreshEngine("citus");
      const outcomes: string[] = [];
      try {
        await ingestFile(engine, files.episodesFile);
        for (const delayMs of [0, 300, 900]) {
          let timer: NodeJS.Timeout | undefined;
          const result = await ingestFile(engine, files.assessmentsFile, {
            onStaged: () => {
              timer = setTimeout(() => execFileSync(CLUSTER, ["kill-worker", CITUS_DIR, "1"], { stdio: "ignore" }), delayMs);
            },
          }).then(
            (o) => o.status,
            (e: Error) => `failed: ${e.message.split("\n")[0]}`,
          );
          clearTimeout(timer);
          // The kill may have come after the commit; either way the worker is restarted.
          await new Promise((r) => setTimeout(r, delayMs + 100));
          execFileSync(CLUSTER, ["start-worker", CITUS_DIR, "1"], { stdio: "ignore" });
          await clusterBack(engine);
          outcomes.push(result);
          const now = await contentHash(engine);
          expect([afterEpisodes.hash, afterBoth.hash], `after a kill at +${delayMs} ms (${result})`).toContain(now.hash);
          expect(await ledgerProblems(engine)).toEqual([]);
          expect(await stagingLeftovers(engine)).toBe(0);
          if (now.hash === afterBoth.hash) break;
        }
        console.info(`citus worker kills: ${outcomes.join(" | ")}`);
        expect(outcomes[0]).toMatch(/^failed: /); // killed before validation: the file cannot have loaded
        const rerun = await ingestFile(engine, files.assessmentsFile);
        expect(["loaded", "already_ingested"]).toContain(rerun.status);
        expect((await contentHash(engine)).hash).toBe(afterBoth.hash);
      } finally {
        await engine.close();
      }
    });
  });
}
