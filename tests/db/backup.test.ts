// `continuum backup` / `continuum restore` on both engines: a round trip gives the
// same content hash and row counts after the database was changed in between; refusals are
// one line with their reason code (tests/db/backup-refusals.test.ts). Also: an embedded backup
// restored on a machine that has no CONTINUUM_HOME yet, and a server backup restored into
// another, empty database with a password in the URL that is never printed.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
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
        if (!server) {
          // a new machine: no CONTINUUM_HOME folder yet, so nothing to replace and no --force
          const fresh = path.join(dir, "new-machine", "home");
          const moved = await cli(["restore", file], { CONTINUUM_HOME: fresh, DATABASE_URL: "" });
          expect(moved.code, moved.stderr).toBe(0);
          engine = await openEngine({ dataDir: path.join(fresh, "db") });
          try {
            expect(await fingerprint(engine)).toEqual(original);
          } finally {
            await engine.close();
          }
        }
      } finally {
        await server?.close();
      }
    }, 120_000);
  });
}

if (ENGINES.includes("postgres")) describe("backup and restore onto another server database", () => {
  it("restores into a new empty database, and never prints the password of the URL", async () => {
    const source = await openFreshEngine("postgres");
    const target = await openFreshEngine("postgres", { migrate: false });
    // The test server trusts local connections, so any password is accepted and none must show.
    const withPassword = (url: string) => Object.assign(new URL(url), { password: "never-printed" }).toString();
    const file = path.join(dir, "backup-move.bin");
    try {
      await ingestFile(source, files.episodesFile);
      await ingestFile(source, files.assessmentsFile);
      const original = await fingerprint(source);
      const made = await cli(["backup", file, "--db", withPassword(source.options.url!)], {});
      const restored = await cli(["restore", file, "--db", withPassword(target.options.url!)], {});
      for (const run of [made, restored]) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout + run.stderr).not.toContain("never-printed");
      }
      expect(made.stdout).toContain(":***@");
      expect(await fingerprint(target)).toEqual(original);
    } finally {
      await source.close();
      await target.close();
    }
  }, 120_000);
});
