// The CLI contract (DESIGN.md "Command line"): help, usage errors (exit 2), an unreachable
// database (exit 4), one-line errors, --debug stacks, migrate and check on the embedded engine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli.ts";

const home = mkdtempSync(path.join(tmpdir(), "continuum-cli-"));
const env = { CONTINUUM_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

const oneLine = (text: string) => expect(text.trimEnd().split("\n")).toHaveLength(1);

describe("continuum CLI", () => {
  it("prints help listing every command", async () => {
    const run = await cli(["--help"], env);
    expect(run.code).toBe(0);
    for (const name of ["demo", "migrate", "ingest", "check", "analyze", "report"]) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });

  it("exits 2 with one line for an unknown command or option", async () => {
    const unknown = await cli(["frobnicate"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^continuum: unknown command "frobnicate".*\(usage\)\n$/);
    const option = await cli(["migrate", "--frob"], env);
    expect(option.code).toBe(2);
    oneLine(option.stderr);
    expect(option.stderr).toMatch(/\(usage\)$/m);
  });

  it("exits 4 with one line when the server is unreachable, and --debug adds the stack", async () => {
    const run = await cli(["migrate", "--db", "postgres://nobody@127.0.0.1:9/none"], env);
    expect(run.code).toBe(4);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^continuum: cannot open the database: .*\(database_unavailable\)$/m);
    const debug = await cli(["migrate", "--debug", "--db", "postgres://nobody@127.0.0.1:9/none"], env);
    expect(debug.code).toBe(4);
    expect(debug.stderr.split("\n").length).toBeGreaterThan(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("never prints a password from the connection URL", async () => {
    const run = await cli(["check", "--db", "postgres://u:hunter2@127.0.0.1:9/none"], env);
    expect(run.code).toBe(4);
    expect(run.stderr).not.toContain("hunter2");
  });

  it("migrates the embedded database in CONTINUUM_HOME, then reports it up to date", async () => {
    const first = await cli(["migrate", "--json"], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ database: "pglite", applied: expect.arrayContaining(["0001-core"]), latest: expect.any(String) });
    const second = await cli(["migrate"], env);
    expect(second.stdout).toMatch(/is up to date/);
    expect(second.stdout).toContain(path.join(home, "db"));
  });

  it("check --json prints one JSON document of findings", async () => {
    const run = await cli(["check", "--json"], env);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.findings.length).toBeGreaterThan(5);
    for (const f of doc.findings) expect(Object.keys(f).sort()).toEqual(["code", "count", "examples", "severity"]);
  });
});
