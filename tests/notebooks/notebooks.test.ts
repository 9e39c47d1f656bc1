// Every notebook executed on a fixed generated cohort, on both engines: it renders a page with
// its prose, code, tables and figures; its numeric outputs equal the committed snapshot
// (tests/notebooks/snapshots/<name>.json; UPDATE_SNAPSHOTS=1 rewrites them for review); a
// second run gives byte-identical JSON and HTML; and `show` refuses to publish a small cell.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotebookRecorder } from "../../notebooks/context.ts";
import { listNotebooks, runNotebooks } from "../../notebooks/runner.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { hashOutputs, loadCohort } from "../support/cohort.ts";
import { expectHumanHeaders } from "../support/table-headers.ts";

const SNAPSHOTS = path.resolve(import.meta.dirname, "snapshots");
const names = listNotebooks();

/** Numbers compared to 1e-9 (relative): the engines sum in the same order, this only absorbs the last bit. */
function close(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.length === expected.length && actual.every((a, i) => close(a, expected[i]));
  if (actual && expected && typeof actual === "object" && typeof expected === "object") {
    const keys = Object.keys(expected as object);
    return keys.length === Object.keys(actual as object).length && keys.every((k) => close((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  return actual === expected;
}

describe("notebook show", () => {
  it("refuses a table or figure with a count from 1 to 10", () => {
    const show = new NotebookRecorder(11).context(null as never, "2026-11-15").show;
    expect(() => show.table("t", "caption", [{ level: "IOP", n: 7 }])).toThrow(/count below 11 in column n/);
    expect(() => show.table("t", "caption", [{ level: "IOP", episodes: "3" }])).toThrow(/column episodes/);
    expect(() => show.figure("f", "caption", "<svg><text>n=4</text></svg>")).toThrow(/fewer than 11/);
    expect(() => show.table("t", "caption", [{ level: "IOP", n: "<11", mean: 3 }])).not.toThrow();
  });
});

for (const kind of ENGINES_WITH_CITUS) {
  describe(`notebooks on ${kind}`, () => {
    let engine: TestEngine;
    const out = mkdtempSync(path.join(tmpdir(), "continuum-notebooks-"));
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      const { dataCut } = await loadCohort(engine, { episodes: 1500, seed: 3, sites: 3 });
      for (const run of ["a", "b"]) await runNotebooks(engine.db, { names, out: path.join(out, run), dataCut, threshold: 11, engine: kind });
    }, 300_000);
    afterAll(async () => {
      await engine.close();
      rmSync(out, { recursive: true, force: true });
    });

    it("renders every notebook: question, method, limitations, code and outputs", () => {
      expect(names).toContain("durability");
      for (const name of names) {
        const html = readFileSync(path.join(out, "a", `${name}.html`), "utf8");
        for (const word of ["Question", "Method", "Limitations"]) expect(html, `${name}: ${word}`).toContain(word);
        expect(html).toContain('<details class="code">');
        expect(html).toMatch(/<table>/);
        expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
        expectHumanHeaders(html, name);
      }
    });

    it("gives the committed numeric outputs", () => {
      for (const name of names) {
        const actual = JSON.parse(readFileSync(path.join(out, "a", `${name}.json`), "utf8"));
        const snapshot = path.join(SNAPSHOTS, `${name}.json`);
        if (process.env.UPDATE_SNAPSHOTS === "1" && kind === "pglite") writeFileSync(snapshot, `${JSON.stringify(actual, null, 2)}\n`);
        expect(existsSync(snapshot), `${snapshot} (UPDATE_SNAPSHOTS=1 writes it)`).toBe(true);
        expect(close(actual, JSON.parse(readFileSync(snapshot, "utf8"))), `${name} differs from its snapshot`).toBe(true);
      }
    });

    it("replication sets the published Rogers PTSD PHP table beside the reproduced one, with its figure", () => {
      const doc = JSON.parse(readFileSync(path.join(out, "a", "replication.json"), "utf8"));
      const rows: string[][] = doc.tables.find((t: { id: string }) => t.id === "rogers").rows;
      const row = (quantity: string) => rows.find((r) => r[0].startsWith(quantity))!.slice(1);
      expect(row("n (both")).toEqual(["309", "309"]);
      // Reproduced at two decimals; equal to the published figures at their one decimal.
      const [intake, intakeOurs] = row("admission mean");
      const [discharge, dischargeOurs] = row("discharge mean");
      expect([intake, discharge]).toEqual(["54.5 (12.4)", "36.4 (17.7)"]);
      const oneDecimal = (s: string) => s.match(/[\d.]+/g)!.map((x) => Number(x).toFixed(1)).join("|");
      expect([oneDecimal(intakeOurs), oneDecimal(dischargeOurs)]).toEqual(["54.5|12.4", "36.4|17.7"]);
      expect(readFileSync(path.join(out, "a", "replication.html"), "utf8")).toContain("not peer-reviewed");
      expect(existsSync(path.join(out, "a", "charts", "replication-rogers_pre_post.svg"))).toBe(true);
    });

    it("reruns byte-identically", () => {
      const files = (run: string) => hashOutputs(path.join(out, run)).filter((o) => !o.file.endsWith(".pdf"));
      expect(files("b")).toEqual(files("a"));
    });
  });
}
