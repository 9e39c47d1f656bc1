// `notebook run` without --out writes beside the demo's report sets, ./reports/out/notebooks
// of the working folder, and says where — the package bin, as a user runs it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../../bin/continuum.js");
const cwd = mkdtempSync(path.join(tmpdir(), "continuum-notebook-default-"));
const env = { ...process.env, CONTINUUM_HOME: path.join(cwd, ".continuum"), DATABASE_URL: "" };
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("notebook run without --out", () => {
  it("writes to reports/out/notebooks and says where", () => {
    execFileSync(process.execPath, [BIN, "demo", "--episodes", "300", "--skip-pdf"], { cwd, env, stdio: "ignore" });
    const stdout = execFileSync(process.execPath, [BIN, "notebook", "run", "dose"], { cwd, env, encoding: "utf8" });
    const folder = path.join(cwd, "reports", "out", "notebooks");
    expect(stdout).toBe(`notebooks written to ${folder}: dose.html\n`);
    expect(existsSync(path.join(folder, "dose.html"))).toBe(true);
    expect(existsSync(path.join(folder, "manifest.json"))).toBe(true);
  }, 240_000);
});
