// Fault injection 3: the embedded database's folder runs out of space mid-ingest, or
// may not be written at all (tests/faults/support/fs-faults.mjs injects ENOSPC after a seeded
// number of bytes, or EACCES). The command ends with one line, its own reason code and exit 4;
// afterwards the database opens, holds exactly what it held before, and a rerun completes.
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { Random } from "../../fixtures/random.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { cleanLoadHashes, contentHash, ERROR_LINE, faultSandbox, ledgerProblems, runChild } from "./support.ts";

const FAULTS = path.resolve(import.meta.dirname, "support/fs-faults.mjs");
const { dir } = faultSandbox("disk");
const pristine = path.join(dir, "pristine"); // a home whose database holds the episodes file
const home = path.join(dir, "home");
const dataDir = path.join(home, "db");
let files: { episodesFile: string; assessmentsFile: string };
let before: string;
let full: string;

async function hashOf(folder: string): Promise<{ hash: string; problems: string[] }> {
  const engine = await openEngine({ dataDir: folder });
  try {
    return { hash: (await contentHash(engine)).hash, problems: await ledgerProblems(engine) };
  } finally {
    await engine.close();
  }
}

beforeAll(async () => {
  files = await writeCohort(path.join(dir, "data"), { episodes: 2500, seed: 5 });
  [{ hash: before }, { hash: full }] = await cleanLoadHashes([files.episodesFile, files.assessmentsFile]);
  const engine = await openEngine({ dataDir: path.join(pristine, "db") });
  await migrateToLatest(engine.db);
  await ingestFile(engine, files.episodesFile);
  await engine.close();
});

const withFault = (fault: string) => ({ CONTINUUM_HOME: home, CONTINUUM_FAULT_DIR: dataDir, CONTINUUM_FAULT: fault });

describe("disk faults on the embedded database", () => {
  it("a full disk at seeded moments: disk_full, nothing changed, rerun completes", async () => {
    const random = new Random(20261125);
    // Log-uniform from 64 KB to 32 MB of writes allowed: faults land in the temp files of
    // staging, the relation files and the WAL, at different phases of the load.
    const budgets = Array.from({ length: 3 }, () => Math.round(2 ** (16 + random.next() * 9)));
    const outcomes: string[] = [];
    for (const budget of budgets) {
      rmSync(home, { recursive: true, force: true });
      cpSync(pristine, home, { recursive: true });
      const run = await runChild(["ingest", files.assessmentsFile], withFault(`enospc:${budget}`), { preload: FAULTS });
      const after = await hashOf(dataDir);
      expect(after.problems).toEqual([]);
      if (run.code === 0) {
        expect(after.hash).toBe(full); // the budget sufficed: a whole load
      } else {
        expect(run.code, run.stderr).toBe(4);
        expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(run.stderr.trimEnd()).toMatch(ERROR_LINE);
        expect(run.stderr).toContain("(disk_full)");
        expect(after.hash).toBe(before); // nothing of the file
      }
      outcomes.push(`${budget} B → exit ${run.code}`);
      const rerun = await runChild(["ingest", files.assessmentsFile], { CONTINUUM_HOME: home });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect((await hashOf(dataDir)).hash).toBe(full);
    }
    console.log(`faults: disk full: ${outcomes.join(", ")}`);
    expect(outcomes.filter((o) => o.endsWith("exit 4")).length).toBeGreaterThanOrEqual(2);
  });

  it("a folder that may not be written: permission_denied, nothing changed", async () => {
    rmSync(home, { recursive: true, force: true });
    cpSync(pristine, home, { recursive: true });
    const run = await runChild(["ingest", files.assessmentsFile], withFault("eacces"), { preload: FAULTS });
    expect(run.code).toBe(4);
    expect(run.stderr.trimEnd()).toMatch(ERROR_LINE);
    expect(run.stderr).toContain("(permission_denied)");
    expect((await hashOf(dataDir)).hash).toBe(before);

    // A new database in a folder that may not be created.
    rmSync(home, { recursive: true, force: true });
    const fresh = await runChild(["ingest", files.episodesFile], withFault("eacces"), { preload: FAULTS });
    expect(fresh.code).toBe(4);
    expect(fresh.stderr.trimEnd()).toMatch(/^continuum: cannot open the embedded database at .+: permission denied \(permission_denied\)$/);
  });
});
