// Hostile input, the fast part (the fuzzing and the 50 MB cases are in
// tests/faults/hostile.test.ts): every file of fixtures/hostile/ gets its documented answer
// with one line and a reason code, the database stays intact, attack strings are stored as
// plain data, formulas are neutralized in every CSV any report writes, SQL in every CLI option
// is only ever a usage error, and nothing is written outside `--out`.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { type Engine, openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { CORPUS, FORMULAS, SQL_INJECTIONS } from "../../fixtures/hostile/corpus.ts";
import { toCsv } from "../../reports/csv.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { loadCohort } from "../support/cohort.ts";
import { cli } from "../support/cli.ts";
import { countRows, tableContent } from "./support.ts";

const HOSTILE = path.resolve(import.meta.dirname, "../../fixtures/hostile");
const dir = mkdtempSync(path.join(tmpdir(), "continuum-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ERROR_LINE = /^continuum: .+ \(([a-z_]+)\)$/;

/** Every file under `root`, relative. */
function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(root, f)).isFile());
}

/** A database the in-process CLI can open: the server test database, or an embedded one on disk. */
async function target(kind: (typeof ENGINES)[number], name: string) {
  const server = kind === "postgres" ? await openFreshEngine("postgres") : null;
  const home = path.join(dir, `${name}-${kind}`);
  const open = async (): Promise<Engine> => (server ? openEngine({ url: server.options.url }) : openEngine({ dataDir: path.join(home, "db") }));
  if (!server) {
    const engine = await open();
    await migrateToLatest(engine.db);
    await engine.close();
  }
  return { env: { CONTINUUM_HOME: home, DATABASE_URL: "" }, args: server ? ["--db", server.options.url!] : [], open, close: async () => server?.close() };
}

describe("the committed corpus", () => {
  it("matches fixtures/hostile/corpus.ts", () => {
    for (const c of CORPUS) expect(readFileSync(path.join(HOSTILE, c.file)).equals(c.bytes()), c.file).toBe(true);
  });
});

for (const kind of ENGINES) {
  describe(`hostile input on ${kind}`, () => {
    it("answers every corpus file as documented and keeps the database intact", async () => {
      const t = await target(kind, "corpus");
      try {
        for (const c of CORPUS) {
          const engine = await t.open();
          const before = await tableContent(engine);
          await engine.close();
          const run = await cli(["ingest", path.join(HOSTILE, c.file), ...t.args], t.env);
          expect(run.code, `${c.file}: ${run.stderr}`).toBe(c.code);
          expect(run.stderr).not.toMatch(/\n\s+at /);
          if (c.code === 3) {
            expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
            expect(run.stderr.trimEnd().match(ERROR_LINE)?.[1], c.file).toBe(c.reason);
            const after = await t.open();
            expect(await tableContent(after), c.file).toEqual(before);
            await after.close();
          }
        }
        const engine = await t.open();
        try {
          // The injection strings are plain data: stored verbatim, and every table still there.
          const { rows } = await sql<{ patient_id: string }>`select patient_id from episodes where episode_id like 'L%' order by patient_id`.execute(engine.db);
          const stored = rows.map((r) => r.patient_id);
          for (const s of SQL_INJECTIONS) expect(stored).toContain(s);
          const counts = await countRows(engine);
          expect(counts.episodes).toBeGreaterThan(0);
          expect(counts.ledger).toBe(CORPUS.filter((c) => c.code === 0).length);
        } finally {
          await engine.close();
        }
      } finally {
        await t.close();
      }
    }, 180_000); // eleven CLI runs, each a fresh process

    it("neutralizes formulas in every CSV of every report, writes nothing outside --out, and treats SQL in options as usage", async () => {
      const t = await target(kind, "reports");
      try {
        const engine = await t.open();
        await loadCohort({ ...engine, options: {} }, { episodes: 400, seed: 3 });
        await engine.close();
        for (const file of ["formula-injection.csv", "site-path-traversal.csv"]) expect((await cli(["ingest", path.join(HOSTILE, file), ...t.args], t.env)).code).toBe(0);

        const parent = path.join(dir, `out-${kind}`);
        mkdirSync(parent);
        const outs = ["research", "quarterly", "accreditation"].map((r) => path.join(parent, r));
        for (const [i, report] of ["research", "quarterly", "accreditation"].entries()) {
          const run = await cli(["report", report, "--skip-pdf", "--out", outs[i], ...t.args], t.env);
          expect(run.code, run.stderr).toBe(0);
        }
        // Nothing outside the three folders (site ids like ../../etc/passwd became file-safe names).
        expect(readdirSync(parent).sort()).toEqual(["accreditation", "quarterly", "research"]);
        const csvs = outs.flatMap((o) => listFiles(o).filter((f) => f.endsWith(".csv")).map((f) => path.join(o, f)));
        expect(csvs.length).toBeGreaterThan(3);
        let cells = 0;
        for (const file of csvs) {
          for (const record of parse(readFileSync(file, "utf8"), { relax_column_count: true }) as string[][]) {
            for (const cell of record) {
              cells++;
              if (/^[=+\-@\t\r]/.test(cell)) expect(Number.isFinite(Number(cell)), `${path.basename(file)}: ${JSON.stringify(cell)}`).toBe(true);
            }
          }
        }
        expect(cells).toBeGreaterThan(100);
        // Published files carry keys and codes, not the ids themselves; the one writer they all
        // use turns every attack into text a spreadsheet shows rather than runs.
        const written = parse(toCsv(["value"], FORMULAS.map((value) => ({ value }))), { columns: true }) as { value: string }[];
        expect(written.map((r) => r.value)).toEqual(FORMULAS.map((f) => `'${f}`));

        // --out onto a folder of someone else's files is refused and leaves it untouched.
        const users = path.join(dir, `users-${kind}`);
        mkdirSync(users);
        writeFileSync(path.join(users, "thesis.docx"), "mine");
        const refused = await cli(["report", "research", "--skip-pdf", "--out", users, ...t.args], t.env);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/\(out_not_empty\)\n$/);
        expect(readdirSync(users)).toEqual(["thesis.docx"]);

        // SQL in every option: a usage error or a refusal, never a failure, and no change.
        const engineBefore = await t.open();
        const before = await tableContent(engineBefore);
        await engineBefore.close();
        const attack = "2026Q3'; drop table episodes; --";
        const cases = [
          ["analyze", "--quarter", attack],
          ["analyze", "--instrument", attack],
          ["analyze", "--by", attack],
          ["analyze", "--from", attack],
          ["analyze", "--to", attack],
          ["analyze", "--site", attack],
          ["analyze", "retention", "--by", attack],
          ["report", "quarterly", "--quarter", attack, "--out", path.join(dir, "q")],
          ["report", "accreditation", "--year", attack, "--out", path.join(dir, "a")],
          ["report", "research", "--threshold", attack, "--out", path.join(dir, "r")],
          ["ingest", path.join(HOSTILE, "ragged-rows.csv"), "--kind", attack],
          ["ingest", path.join(HOSTILE, "ragged-rows.csv"), "--encoding", attack],
          ["ingest", path.join(HOSTILE, "ragged-rows.csv"), "--max-field-size", attack],
          ["ingest", path.join(HOSTILE, "ragged-rows.csv"), "--profile", attack],
          ["ingest", attack],
          ["notebook", "run", attack, "--out", path.join(dir, "n")],
          ["backup", path.join(dir, attack, "x")],
          ["restore", attack],
        ];
        for (const argv of cases) {
          const run = await cli([...argv, ...t.args], t.env);
          expect([0, 2, 3], `${argv.join(" ")}: ${run.stderr}`).toContain(run.code);
          if (run.code !== 0) expect(run.stderr.trimEnd(), argv.join(" ")).toMatch(ERROR_LINE);
        }
        const dbAttack = await cli(["analyze", "--db", `postgres://x@127.0.0.1:1/${encodeURIComponent(attack)}`], t.env);
        expect(dbAttack.code).toBe(4);
        const engineAfter = await t.open();
        expect(await tableContent(engineAfter)).toEqual(before);
        await engineAfter.close();
        console.log(`hostile: ${kind}: ${CORPUS.length} corpus files, ${cells} CSV cells checked, ${cases.length + 1} option attacks`);
      } finally {
        await t.close();
      }
    }, 240_000);
  });
}
