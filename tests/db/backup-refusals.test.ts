// What `continuum restore` refuses, on both engines: a file that is no backup, a
// damaged backup (cut short, as by a full disk or an interrupted copy), another engine's
// backup, and an embedded database that holds data without --force. Each refusal is one line
// with its reason code and leaves the database as it was; nothing else is printed after it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { findTool } from "../../db/backup.ts";
import { openEngine } from "../../db/engine.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { countRows, messy } from "../ingest/support.ts";
import { type CliRun, cli } from "../support/cli.ts";

const dir = mkdtempSync(path.join(tmpdir(), "continuum-backup-refusals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line `continuum: … (<reason>)` with the exit code, and nothing after it. */
function expectRefusal(run: CliRun, code: number, reason: string): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(new RegExp(`^continuum: [^\\n]+ \\(${reason}\\)\\n$`));
}

/** Writes `bytes` to a new file in the test folder and returns its path. */
function file(name: string, bytes: string | Uint8Array): string {
  const target = path.join(dir, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  return target;
}

for (const kind of ENGINES) {
  describe(`restore refusals on ${kind}`, () => {
    it("refuses a missing file, a file that is no backup, a cut-short backup, and another engine's backup; the database stays as it was", async () => {
      const home = path.join(dir, `home-${kind}`);
      const env = { CONTINUUM_HOME: home, DATABASE_URL: "" };
      const server = kind === "postgres" ? await openFreshEngine("postgres") : null;
      const dbArgs = server ? ["--db", server.options.url!] : [];
      const reopen = () => (server ? openEngine({ url: server.options.url }) : openEngine({ dataDir: path.join(home, "db") }));
      try {
        expect((await cli(["migrate", ...dbArgs], env)).code).toBe(0);
        let engine = await reopen();
        await ingestFile(engine, messy("episodes-clean.csv"));
        const before = await countRows(engine);
        await engine.close();
        const good = path.join(dir, `good-${kind}.bin`);
        expect((await cli(["backup", good, ...dbArgs], env)).code).toBe(0);
        const whole = readFileSync(good);

        const force = server ? [] : ["--force"];
        expectRefusal(await cli(["restore", path.join(dir, "missing.bin"), ...force, ...dbArgs], env), 3, "unreadable_backup");
        expectRefusal(await cli(["restore", file("csv.bin", "episode_id,level_of_care\n"), ...force, ...dbArgs], env), 3, "unreadable_backup");
        for (const cut of [200, Math.floor(whole.length / 2), whole.length - 10]) {
          const damaged = file(`cut-${kind}-${cut}.bin`, whole.subarray(0, cut));
          expectRefusal(await cli(["restore", damaged, ...force, ...dbArgs], env), 3, "unreadable_backup");
        }
        if (!server) {
          // gzip that holds no tar archive (a compressed CSV, say)
          expectRefusal(await cli(["restore", file("csv.gz", gzipSync("episode_id\n")), "--force"], env), 3, "unreadable_backup");
          expectRefusal(await cli(["restore", good], env), 2, "database_not_empty");
        }
        const other = server ? file("other.bin", gzipSync("x")) : file("other.bin", "PGDMP\u0001");
        expectRefusal(await cli(["restore", other, ...force, ...dbArgs], env), 2, "backup_engine_mismatch");

        engine = await reopen();
        try {
          expect(await countRows(engine)).toEqual(before);
        } finally {
          await engine.close();
        }
      } finally {
        await server?.close();
      }
    }, 120_000);
  });
}

describe("backup tools", () => {
  it("says which package to install when pg_dump is nowhere (exit 4, backup_tool_missing)", () => {
    expect(() => findTool("pg_dump", { path: "", root: path.join(dir, "no-postgresql") })).toThrow(
      expect.objectContaining({ message: "pg_dump not found; install postgresql-client-15", reason: "backup_tool_missing", exitCode: 4 }),
    );
  });

  it("takes the newest installation when the tool is not on PATH", () => {
    const root = path.join(dir, "postgresql");
    for (const version of ["9", "15", "13"]) file(path.join("postgresql", version, "bin", "pg_restore"), "");
    expect(findTool("pg_restore", { path: "", root })).toBe(path.join(root, "15", "bin", "pg_restore"));
  });
});
