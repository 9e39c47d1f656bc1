// `continuum ingest` as a user runs it: the --json contract, exit 1 under --strict, the
// human summary, usage errors.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli.ts";
import { messy } from "./support.ts";

const home = mkdtempSync(path.join(tmpdir(), "continuum-cli-ingest-"));
const env = { CONTINUUM_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("continuum ingest", () => {
  it("prints the JSON contract of DESIGN.md, episodes first whatever the order given", async () => {
    const run = await cli(["ingest", messy("assessments-clean.csv"), messy("episodes-clean.csv"), "--json"], env);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(["episodes", "assessments"]);
    for (const f of doc.files) {
      expect(Object.keys(f).sort()).toEqual(["file", "inserted", "kind", "quarantined", "reasons", "rows_read", "sha256", "status", "unchanged", "updated"].sort());
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.status).toBe("loaded");
    }
  });

  it("exits 1 under --strict when rows are bad, and says why in one line", async () => {
    const run = await cli(["ingest", messy("episodes-bad.csv"), "--strict"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^continuum: .*episodes-bad\.csv: --strict and 9 rows are bad .*\(strict_bad_rows\)$/m);
  });

  it("reports quarantined rows without failing, and a summary per file", async () => {
    const run = await cli(["ingest", messy("episodes-bad.csv")], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/episodes-bad\.csv: episodes, 10 rows read — 1 inserted, 0 updated, 0 unchanged, 9 quarantined/);
  });

  it("loads through --profile, and refuses a malformed profile with a usage error", async () => {
    const run = await cli(["ingest", messy("other-ehr-episodes.csv"), "--profile", messy("other-ehr-profile.json"), "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ status: "loaded", inserted: 3 });
    const bad = await cli(["ingest", messy("other-ehr-episodes.csv"), "--profile", messy("episodes-clean.csv")], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\(bad_profile\)$/m);
  });

  it("refuses a missing file (3) and a bad option value (2)", async () => {
    const missing = await cli(["ingest", path.join(home, "nope.csv")], env);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/\(unreadable_file\)$/m);
    const kind = await cli(["ingest", messy("episodes-clean.csv"), "--kind", "spreadsheet"], env);
    expect(kind.code).toBe(2);
  });
});
