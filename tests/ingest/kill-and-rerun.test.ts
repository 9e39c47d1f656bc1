// Crash safety: `continuum ingest` killed with SIGKILL in the middle of a load leaves all of
// the file or none of it; rerunning completes the load, and the tables equal a clean load.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { cli } from "../support/cli.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { countRows, tableContent } from "./support.ts";

const BIN = path.resolve(import.meta.dirname, "../../bin/continuum.js");
const dir = mkdtempSync(path.join(tmpdir(), "continuum-kill-"));
let files: { episodesFile: string; assessmentsFile: string };
beforeAll(async () => {
  files = await writeCohort(path.join(dir, "data"), { episodes: 6000, seed: 3 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts an ingest and SIGKILLs it once it has run `afterMs`; resolves with how it ended. */
function killDuring(args: string[], env: NodeJS.ProcessEnv, afterMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === "SIGKILL", code });
    });
  });
}

for (const kind of ENGINES) {
  describe(`kill and rerun on ${kind}`, () => {
    it("a killed ingest leaves nothing half-loaded and a rerun equals a clean load", async () => {
      const reference = await openFreshEngine(kind);
      const target = await openFreshEngine(kind);
      const home = path.join(dir, `home-${kind}`);
      const dataDir = path.join(home, "db");
      try {
        await ingestFile(reference, files.episodesFile);
        await ingestFile(reference, files.assessmentsFile);
        const expected = await tableContent(reference);

        // The CLI process needs a database it can open itself: the server test database,
        // or an embedded one on disk.
        const dbArgs = target.options.url ? ["--db", target.options.url] : [];
        const env = { CONTINUUM_HOME: home, DATABASE_URL: "" };
        if (!target.options.url) {
          const disk = await openEngine({ dataDir });
          await migrateToLatest(disk.db);
          await ingestFile(disk, files.episodesFile);
          await disk.close();
        } else {
          await ingestFile(target, files.episodesFile);
        }
        const kills = [];
        for (const afterMs of [900, 1600]) kills.push(await killDuring(["ingest", files.assessmentsFile, ...dbArgs], env, afterMs));
        expect(kills.some((k) => k.killed)).toBe(true);

        const rerun = await cli(["ingest", files.assessmentsFile, "--json", ...dbArgs], env);
        expect(rerun.stderr, "stderr of the rerun").toBe("");
        expect(rerun.code, rerun.stderr).toBe(0);
        expect(rerun.code).toBe(0);
        const [outcome] = JSON.parse(rerun.stdout).files;
        expect(["loaded", "already_ingested"]).toContain(outcome.status);

        const check = target.options.url ? target : await openEngine({ dataDir });
        try {
          expect(await tableContent(check)).toEqual(expected);
          const counts = await countRows(check);
          expect(counts.ledger).toBe(2); // one loaded row per file, no leftovers from the kills
          expect(counts.quarantine).toBe(0);
        } finally {
          if (check !== target) await check.close();
        }
      } finally {
        await reference.close();
        await target.close();
      }
    }, 120_000);
  });
}
