// `continuum backup` / `continuum restore` on both engines (issue 9): a round trip gives the
// same content hash and row counts after the database was changed in between; refusals are
// one line with their reason code.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { countRows, messy, tableContent } from "../ingest/support.ts";
import { cli } from "../support/cli.ts";

const dir = mkdtempSync(path.join(tmpdir(), "continuum-backup-"));
let files: { episodesFile: string; assessmentsFile: string };
beforeAll(async () => {
  files = await writeCohort(path.join(dir, "data"), { episodes: 300, seed: 17 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fingerprint(engine: Engine): Promise<{ hash: string; counts: Record<string, number> }> {
  return { hash: createHash("sha256").update(JSON.stringify(await tableContent(engine))).digest("hex"), counts: await countRows(engine) };
}

for (const kind of ENGINES) {
  describe(`backup and restore on ${kind}`, () => {
    it("round-trips the database to identical content", async () => {
      const home = path.join(dir, `home-${kind}`);
      const env = { CONTINUUM_HOME: home, DATABASE_URL: "" };
      const server = kind === "postgres" ? await openFreshEngine("postgres") : null;
      const reopen = () => (server ? openEngine({ url: server.options.url }) : openEngine({ dataDir: path.join(home, "db") }));
      const dbArgs = server ? ["--db", server.options.url!] : [];
      const file = path.join(dir, `backup-${kind}.bin`);
      try {
        let engine = await reopen();
        await migrateToLatest(engine.db);
        await ingestFile(engine, files.episodesFile);
        await ingestFile(engine, files.assessmentsFile);
        const original = await fingerprint(engine);
        await engine.close();

        const made = await cli(["backup", file, "--json", ...dbArgs], env);
        expect(made.code, made.stderr).toBe(0);
        expect(JSON.parse(made.stdout)).toMatchObject({ file, engine: kind, bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

        engine = await reopen(); // change the database after the backup
        await ingestFile(engine, messy("episodes-clean.csv"));
        expect((await fingerprint(engine)).hash).not.toBe(original.hash);
        await engine.close();

        if (!server) {
          const refused = await cli(["restore", file], env);
          expect(refused.code).toBe(2);
          expect(refused.stderr).toMatch(/^continuum: .+ \(database_not_empty\)\n$/);
        }
        const restored = await cli(["restore", file, "--force", ...dbArgs], env);
        expect(restored.code, restored.stderr).toBe(0);
        engine = await reopen();
        try {
          expect(await fingerprint(engine)).toEqual(original);
        } finally {
          await engine.close();
        }
      } finally {
        await server?.close();
      }
    }, 120_000);

    it("refuses a file that is no backup, and another engine's backup", async () => {
      const garbage = path.join(dir, "garbage.bin");
      writeFileSync(garbage, "episode_id,level_of_care\n");
      const url = kind === "postgres" ? ["--db", process.env.DATABASE_URL!] : [];
      const env = { CONTINUUM_HOME: path.join(dir, "home-refusals"), DATABASE_URL: "" };
      const bad = await cli(["restore", garbage, ...url], env);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toMatch(/^continuum: .+ \(unreadable_backup\)\n$/);
      const other = path.join(dir, "other.bin");
      writeFileSync(other, kind === "postgres" ? Buffer.from([0x1f, 0x8b, 8, 0, 0]) : "PGDMP\u0001");
      const mismatch = await cli(["restore", other, ...url], env);
      expect(mismatch.code).toBe(2);
      expect(mismatch.stderr).toMatch(/^continuum: .+ \(backup_engine_mismatch\)\n$/);
    });
  });
}
