// The ways into staging (pipelines/stage.ts) must load exactly the same thing: a plain file
// goes to COPY as its own bytes, with Postgres numbering the lines (or, the usual assessments
// export, is checked in Node as it streams); any other goes through the record scanner. Each
// file set is loaded both ways into fresh databases and compared: core rows, quarantine (line,
// column, reason, raw row) and ledger counts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EPISODE_COLUMNS } from "../../domain/columns.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { stageRecords } from "../../pipelines/stage.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngineKind } from "../engines.ts";
import { loadFiles, messy } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-staging-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let cohort: { episodesFile: string; assessmentsFile: string };
beforeAll(async () => {
  cohort = await writeCohort(path.join(scratch, "cohort"), { episodes: 60, seed: 7 });
});

/** Loads `files` in order into a fresh database; returns its content and the way each file took. */
const loadAll = (kind: TestEngineKind, files: readonly string[], alwaysScan: boolean) => loadFiles(kind, files, { alwaysScan });

for (const kind of ENGINES_WITH_CITUS) {
  describe(`staging on ${kind}`, () => {
    it("loads plain files as bytes, with the same rows, quarantine lines and counts as the scanner's way", async () => {
      // Not plain: episodes-clean.csv has a line break inside a quoted field, episodes-bad.csv a ragged row.
      const files = [cohort.episodesFile, cohort.assessmentsFile, messy("episodes-clean.csv"), messy("episodes-bad.csv"), messy("assessments-bad.csv")];
      const plain = await loadAll(kind, files, false);
      const scanned = await loadAll(kind, files, true);
      // The generated assessments take the checked way (pass 1 proves their facts), the bad ones repeat a key.
      expect(plain.ways).toEqual(["plain", "checked", "scanner", "scanner", "plain"]);
      expect(scanned.ways).toEqual(files.map(() => "scanner"));
      expect(plain.content).toEqual(scanned.content);
      expect(plain.content.assessments.length).toBeGreaterThan(100);
      expect(plain.content.quarantine.length).toBeGreaterThan(10);
    });

    it("loads a file whose last line ends in a lone carriage return like its LF twin", async () => {
      const lf = readFileSync(cohort.episodesFile, "utf8");
      const crEnd = path.join(scratch, "episodes-cr-end.csv");
      writeFileSync(crEnd, `${lf.trimEnd()}\r`);
      const reference = await loadAll(kind, [cohort.episodesFile], false);
      const other = await loadAll(kind, [crEnd], false);
      expect(other.content.episodes).toEqual(reference.content.episodes);
      expect(other.content.ledger).toEqual([{ ...(reference.content.ledger[0] as object), file_name: "episodes-cr-end.csv" }]);
    });

    it("falls back to the scanner, losing nothing, when Postgres' CSV reader refuses a file called plain", async () => {
      // Pass 1 would never call this file plain (two ragged rows); told so anyway, COPY fails
      // on the bytes, the savepoint undoes what was staged and the scanner stages it again.
      const row = "E1,P1,S01,IOP,,MH,virtual,2026-01-05,,,,,,,,,,";
      const file = path.join(scratch, "ragged.csv");
      writeFileSync(file, `${EPISODE_COLUMNS.join(",")}\n${row}\nE2,P2,S01\n${row.replace("E1", "E3")},extra\n`);
      const engine = await openFreshEngine(kind);
      try {
        const staged = await engine.transaction(async (tx) => {
          const { ingest_id } = await tx.db
            .insertInto("ingest_ledger")
            .values({ file_name: "ragged.csv", sha256: "0".repeat(64), kind: "episodes", profile: null, status: "running", rows_read: 3, finished_at: null, message: null })
            .returning("ingest_id")
            .executeTakeFirstOrThrow();
          const columns = [...EPISODE_COLUMNS];
          const plan = { delimiter: ",", columns, kind: "episodes" as const, rows: 3, plain: true };
          const result = await stageRecords(tx, file, plan, { ingestId: ingest_id, fileName: "ragged.csv", columns, delimiter: ",", rawTable: "continuum_stage" }, {});
          const { rows } = await sql<{ line: number; episode_id: string }>`select line, episode_id from continuum_stage order by line`.execute(tx.db);
          return { ...result, rows };
        });
        expect(staged).toEqual({ way: "scanner", raggedReasons: { wrong_column_count: 2 }, firstLoad: null, rows: [{ line: 2, episode_id: "E1" }] });
      } finally {
        await engine.close();
      }
    });

    it("loads random exports (delimiter, line ends, BOM, good and bad rows) the same both ways", async () => {
      const good = ["E1,P1,S01,IOP,,MH,virtual,2026-01-05,2026-02-20,completed,24,21,63.5,25-34,female,white,medicaid,yes", "E2,P2,S02,PHP,,SUD,in_person,2026-01-07,,,,,,,,,,"];
      const bad = ["E3,,S01,IOP,,MH,virtual,2026-01-05,,,,,,,,,,", "E4,P4,S01,IOP,,MH,virtual,2026-02-30,,,,,,,,,,", "E5,P5,S01,ICU,,,,2026-01-05,,,,,,,,,,", 'E6,P6,S01,IOP,,MH,virtual,2026-01-05,,,,,,,,,"Blue Cross, PPO",'];
      const file = fc.record({
        rows: fc.array(fc.constantFrom(...good, ...bad), { minLength: 1, maxLength: 12 }),
        delimiter: fc.constantFrom(",", ";", "\t"),
        eol: fc.constantFrom("\n", "\r\n"),
        bom: fc.boolean(),
      });
      let n = 0;
      await fc.assert(
        fc.asyncProperty(file, async ({ rows, delimiter, eol, bom }) => {
          // Ids made unique per row (else all but one are duplicate_in_file), fields re-delimited.
          const lines = rows.map((r, i) => r.replace(/^E\d+/, `E${i + 1}`).replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, delimiter));
          const text = `${bom ? "\ufeff" : ""}${[EPISODE_COLUMNS.join(delimiter), ...lines].join(eol)}${eol}`;
          const name = path.join(scratch, `random-${n++}.csv`);
          writeFileSync(name, text);
          const plain = await loadAll(kind, [name], false);
          const scanned = await loadAll(kind, [name], true);
          expect(plain.ways).toEqual(["plain"]);
          expect(plain.content).toEqual(scanned.content);
        }),
        { numRuns: 8, seed: 20261125 },
      );
    }, 180_000);
  });
}
