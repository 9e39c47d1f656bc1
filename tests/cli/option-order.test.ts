// The options every command takes (--db, --json, --debug) may stand before the
// command as well as after it (`continuum --db URL migrate` = `continuum migrate --db URL`),
// on both engines; anything else before the command is a usage error in one line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitCommand } from "../../cli/run.ts";
import { cli } from "../support/cli.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

describe("splitCommand", () => {
  it("moves leading global options after the command name", () => {
    expect(splitCommand(["--db", "postgres://h/db", "migrate"])).toEqual({ name: "migrate", rest: ["--db", "postgres://h/db"] });
    expect(splitCommand(["--json", "--db=postgres://h/db", "check", "--debug"])).toEqual({ name: "check", rest: ["--debug", "--json", "--db=postgres://h/db"] });
    expect(splitCommand(["analyze", "retention", "--json"])).toEqual({ name: "analyze", rest: ["retention", "--json"] });
    expect(splitCommand(["--json", "--help", "migrate"])).toEqual({ name: "--help", rest: [] });
    expect(splitCommand(["--json"])).toEqual({ name: undefined, rest: ["--json"] });
  });

  it("refuses an unknown leading option and a --db without its URL", () => {
    expect(() => splitCommand(["--strict", "ingest", "a.csv"])).toThrow(/unknown option "--strict" before the command/);
    expect(() => splitCommand(["--db", "--json", "check"])).toThrow(/--db needs a URL/);
  });
});

for (const kind of ENGINES) {
  describe(`options before the command on ${kind}`, () => {
    let engine: TestEngine | null = null;
    const home = mkdtempSync(path.join(tmpdir(), "continuum-order-"));
    let db: string[] = [];
    beforeAll(async () => {
      if (kind === "postgres") {
        engine = await openFreshEngine(kind, { migrate: false });
        db = ["--db", engine.options.url!];
      }
    });
    afterAll(async () => {
      await engine?.close();
      rmSync(home, { recursive: true, force: true });
    });
    const env = () => ({ CONTINUUM_HOME: home });

    it("migrate with --db before it, check with --json and --db before it, migrate with --db after it", async () => {
      const first = await cli([...db, "migrate"], env());
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^migrated /);
      const check = await cli(["--json", ...db, "check"], env());
      expect(check.code, check.stderr).toBe(0);
      expect(Array.isArray(JSON.parse(check.stdout).findings)).toBe(true);
      const again = await cli(["migrate", ...db], env());
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/is up to date/);
    });

    it("answers an unknown leading option in one line, exit 2", async () => {
      const run = await cli(["--frob", ...db, "check"], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^continuum: unknown option "--frob" before the command.*\(usage\)\n$/);
    });
  });
}
