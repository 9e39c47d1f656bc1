// Fault injection 1: `continuum ingest` SIGKILLed at seeded random moments of a large
// load (an episodes file then an assessments file, one command), on a real server (20 kills)
// and on the embedded database (3 kills, each run is slower there). After every kill the database
// holds whole files only, the ledger agrees with the tables, no staging table survives, and
// rerunning the same command completes the load to exactly a clean load's content hash.
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { Random } from "../../fixtures/random.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { cli } from "../support/cli.ts";
import { cleanLoadHashes, contentHash, faultSandbox, ledgerProblems, runChild, stagingLeftovers, waitForSessionsToEnd } from "./support.ts";

const SEED = 20261125;
const PLAN = [
  { kind: "postgres", kills: 20, episodes: 2500 },
  { kind: "pglite", kills: 3, episodes: 800 },
] as const;

const sandbox = faultSandbox("kills", { server: true });
const { dir } = sandbox;

for (const plan of PLAN) {
  describe(`SIGKILL during ingest on ${plan.kind}`, () => {
    it(`survives ${plan.kills} kills at seeded random moments`, async () => {
      const files = await writeCohort(path.join(dir, `data-${plan.kind}`), { episodes: plan.episodes, seed: 11 });
      const home = path.join(dir, `home-${plan.kind}`);
      const dataDir = path.join(home, "db");
      const database = `continuum_kills`;
      let url = "";
      /** An empty database with the schema (a server's schema is created by `migrate`). */
      const reset = async () => {
        if (plan.kind === "pglite") return rmSync(home, { recursive: true, force: true });
        url = await sandbox.server.createDatabase(database);
        const engine = await openEngine({ url });
        await migrateToLatest(engine.db);
        await engine.close();
      };
      const open = async () => {
        if (plan.kind === "postgres") return openEngine({ url });
        const engine = await openEngine({ dataDir }); // a kill before the first migration leaves no schema
        await migrateToLatest(engine.db);
        return engine;
      };
      const args = () => ["ingest", files.episodesFile, files.assessmentsFile, "--json", ...(url ? ["--db", url] : [])];
      const env = { CONTINUUM_HOME: home };

      const clean = (await cleanLoadHashes([files.episodesFile, files.assessmentsFile]))[1];

      // Kill moments fall between the end of start-up (measured by `--help`) and the end of a clean load.
      const boot = (await runChild(["--help"], env)).ms;
      await reset();
      const cleanRun = await runChild(args(), env);
      expect(cleanRun.code, cleanRun.stderr).toBe(0);

      const random = new Random(SEED);
      let tried = 0;
      let survived = 0;
      const failures: string[] = [];
      for (let attempt = 0; tried < plan.kills && attempt < plan.kills * 2; attempt++) {
        await reset();
        const killAfterMs = Math.round(boot * 0.8 + random.next() * (cleanRun.ms - boot * 0.8));
        const killed = await runChild(args(), env, { killAfterMs });
        if (killed.signal !== "SIGKILL") continue; // it finished first: not a kill
        tried++;
        if (plan.kind === "postgres") await waitForSessionsToEnd(sandbox.server.url, database);

        const problems: string[] = [];
        const after = await open();
        try {
          const { counts } = await contentHash(after);
          if (![0, clean.counts.episodes].includes(counts.episodes)) problems.push(`${counts.episodes} episodes after the kill`);
          if (![0, clean.counts.assessments].includes(counts.assessments)) problems.push(`${counts.assessments} assessments after the kill`);
          problems.push(...(await ledgerProblems(after)));
          if ((await stagingLeftovers(after)) > 0) problems.push("staging tables left behind");
        } finally {
          await after.close();
        }

        // The rerun in-process (the same runCli as the binary) spares a start-up per kill.
        const rerun = await cli(args(), { ...env, DATABASE_URL: "" });
        if (rerun.code !== 0 || rerun.stderr !== "") problems.push(`rerun exited ${rerun.code}: ${rerun.stderr.trim()}`);
        const final = await open();
        try {
          const { hash, counts } = await contentHash(final);
          if (hash !== clean.hash) problems.push("content differs from a clean load");
          if (counts.ledger !== 2 || counts.quarantine !== 0) problems.push(`ledger ${counts.ledger}, quarantine ${counts.quarantine}`);
          problems.push(...(await ledgerProblems(final)));
        } finally {
          await final.close();
        }
        if (problems.length === 0) survived++;
        else failures.push(`kill at ${killAfterMs} ms: ${problems.join("; ")}`);
      }
      console.log(`faults: ${plan.kind}: kills survived ${survived} / tried ${tried} (clean load ${Math.round(cleanRun.ms)} ms, start-up ${Math.round(boot)} ms)`);
      expect(failures).toEqual([]);
      expect(tried).toBe(plan.kills);
      expect(survived).toBe(tried);
    }, 900_000);
  });
}
