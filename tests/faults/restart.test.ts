// Fault injection 2: the server restarts (`pg_ctl restart -m fast`, which cuts every
// session) while `continuum ingest` is loading a file. The command ends with exit 4 and one
// clear line; the database holds whole files only, and rerunning the command completes it.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { cleanLoadHashes, contentHash, ERROR_LINE, faultSandbox, ingestUnderWay, ledgerProblems, runChild } from "./support.ts";

const sandbox = faultSandbox("restart", { server: true });
let files: { episodesFile: string; assessmentsFile: string };
/** Content hashes of a clean load: the episodes file alone, then both files. */
let episodesOnly: string;
let clean: Awaited<ReturnType<typeof contentHash>>;
beforeAll(async () => {
  files = await writeCohort(path.join(sandbox.dir, "data"), { episodes: 6000, seed: 9 });
  [{ hash: episodesOnly }, clean] = await cleanLoadHashes([files.episodesFile, files.assessmentsFile]);
});

describe("server restart during ingest", () => {
  // Restart as soon as the load starts (COPY into staging), and later (validation and merge).
  for (const delayMs of [0, 600]) {
    it(`exits 4 with one line and a rerun completes (restart ${delayMs} ms into the load)`, async () => {
      const database = `continuum_restart_${delayMs}`;
      const url = await sandbox.server.createDatabase(database);
      const engine = await openEngine({ url });
      await migrateToLatest(engine.db);
      await ingestFile(engine, files.episodesFile);
      await engine.close();

      const args = ["ingest", files.assessmentsFile, "--db", url];
      const running = runChild(args, {});
      expect(await ingestUnderWay({ adminUrl: sandbox.server.url, database })).toBe(true);
      await new Promise((r) => setTimeout(r, delayMs));
      sandbox.server.restart();
      const cut = await running;
      expect(cut.code, cut.stderr).toBe(4);
      expect(cut.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(cut.stderr.trimEnd()).toMatch(ERROR_LINE);
      expect(cut.stderr).toMatch(/\(database_unavailable\)/);

      const after = await openEngine({ url });
      try {
        expect((await contentHash(after)).hash).toBe(episodesOnly);
        expect(await ledgerProblems(after)).toEqual([]);
      } finally {
        await after.close();
      }
      const rerun = await runChild(args, {});
      expect(rerun.code, rerun.stderr).toBe(0);
      const final = await openEngine({ url });
      try {
        expect(await contentHash(final)).toEqual(clean);
      } finally {
        await final.close();
      }
      console.log(`faults: server restart ${delayMs} ms into the load: "${cut.stderr.trimEnd()}"`);
    });
  }
});
