// Ingest on both engines: every reason code, byte-different twins, encodings, quoted fields,
// re-ingest no-ops, updates with their change log, --strict, REDCap.
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile, StrictRefusal } from "../../pipelines/ingest-file.ts";
import { readProfile } from "../../pipelines/profile.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { countRows, messy, tableContent } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-ingest-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`ingest on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("loads a clean episodes file with a quoted comma, doubled quotes and a line break", async () => {
      const outcome = await ingestFile(engine, messy("episodes-clean.csv"));
      expect(outcome).toMatchObject({ kind: "episodes", status: "loaded", rows_read: 4, inserted: 4, updated: 0, unchanged: 0, quarantined: 0 });
      const e3 = await engine.db.selectFrom("episodes").selectAll().where("episode_id", "=", "E3").executeTakeFirstOrThrow();
      expect(e3.payer).toBe('Blue Cross, "PPO"\nplan');
      expect(e3.discharged_on).toBeNull();
      const e1 = await engine.db.selectFrom("episodes").selectAll().where("episode_id", "=", "E1").executeTakeFirstOrThrow();
      expect(e1).toMatchObject({ admitted_on: "2026-01-05", hours_attended: 66.5, sessions_scheduled: 21, would_recommend: "yes" });
    });

    it("loads BOM/CRLF, semicolon and tab twins to identical tables, and each twin adds nothing new", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const reference = await tableContent(engine);
      for (const twin of ["episodes-bom-crlf.csv", "episodes-semicolon.csv", "episodes-tab.tsv"]) {
        const outcome = await ingestFile(engine, messy(twin));
        expect(outcome, twin).toMatchObject({ status: "loaded", inserted: 0, updated: 0, unchanged: 4, quarantined: 0 });
        const other = await openFreshEngine(kind);
        try {
          await ingestFile(other, messy(twin));
          expect(await tableContent(other), twin).toEqual(reference);
        } finally {
          await other.close();
        }
      }
    });

    it("reads Windows-1252 when told", async () => {
      await ingestFile(engine, messy("episodes-windows-1252.csv"), { encoding: "windows-1252" });
      const row = await engine.db.selectFrom("episodes").select("payer").executeTakeFirstOrThrow();
      expect(row.payer).toBe("ESPAÑA – mutual");
    });

    it("refuses invalid UTF-8 whole when no encoding is given", async () => {
      await expect(ingestFile(engine, messy("episodes-windows-1252.csv"))).rejects.toMatchObject({ reason: "unreadable_encoding", exitCode: 3 });
      expect(await countRows(engine)).toMatchObject({ episodes: 0, ledger: 0 });
    });

    it("quarantines each bad episode row with its reason, line and column, and loads the good one", async () => {
      const outcome = await ingestFile(engine, messy("episodes-bad.csv"));
      expect(outcome.inserted).toBe(1);
      expect(outcome.reasons).toEqual({ bad_code: 1, bad_date: 2, bad_number: 1, date_order: 1, duplicate_in_file: 1, missing_required: 1, unknown_level_of_care: 1, wrong_column_count: 1 });
      const rows = await engine.db.selectFrom("quarantine").select(["line", "reason", "column_name"]).orderBy("line").execute();
      expect(rows.map((r) => [r.line, r.reason, r.column_name])).toEqual([
        [2, "missing_required", "patient_id"],
        [3, "unknown_level_of_care", "level_of_care"],
        [4, "bad_code", "track"],
        [5, "bad_date", "admitted_on"],
        [6, "bad_number", "sessions_scheduled"],
        [7, "date_order", "discharged_on"],
        [9, "duplicate_in_file", "episode_id"],
        [10, "wrong_column_count", null],
        [11, "bad_date", "admitted_on"],
      ]);
      const raw = await engine.db.selectFrom("quarantine").select("raw_row").where("line", "=", 6).executeTakeFirstOrThrow();
      expect(raw.raw_row).toContain("ten");
    });

    it("scores items, and quarantines every assessment reason code", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const clean = await ingestFile(engine, messy("assessments-clean.csv"));
      expect(clean).toMatchObject({ inserted: 6, quarantined: 0 });
      const scored = await engine.db.selectFrom("assessments").selectAll().where("assessed_on", "=", "2026-02-19").executeTakeFirstOrThrow();
      expect(scored).toMatchObject({ total_score: 6, items: [1, 1, 1, 1, 1, 1, 0, 0, 0] });
      const gad = await engine.db.selectFrom("assessments").select("items").where("instrument", "=", "GAD7").executeTakeFirstOrThrow();
      expect(gad.items).toEqual([2, 2, 2, 2, 2, 1, 1]);
      const bad = await ingestFile(engine, messy("assessments-bad.csv"));
      expect(bad.inserted).toBe(1);
      expect(bad.reasons).toEqual({
        bad_code: 1,
        bad_date: 1,
        bad_number: 1,
        duplicate_in_file: 1,
        item_out_of_range: 1,
        items_incomplete: 1,
        items_total_mismatch: 1,
        missing_required: 1,
        score_out_of_range: 1,
        unknown_episode: 1,
        unknown_instrument: 1,
      });
    });

    it("keeps the assessments' primary key through a first load (PGlite builds it after the rows)", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const first = await ingestFile(engine, messy("assessments-clean.csv"));
      expect(first.inserted).toBeGreaterThan(0);
      const { rows } = await sql<{ name: string; definition: string }>`
        select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'assessments'::regclass and contype = 'p'`.execute(engine.db);
      expect(rows).toEqual([{ name: "assessments_pkey", definition: "PRIMARY KEY (episode_id, instrument, assessed_on)" }]);
      const row = await engine.db.selectFrom("assessments").selectAll().limit(1).executeTakeFirstOrThrow();
      await expect(engine.db.insertInto("assessments").values({ ...row, items: row.items as never }).execute()).rejects.toThrow(/duplicate key/);
    });

    it("says already_ingested for the same bytes and changes nothing", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const before = await countRows(engine);
      const again = await ingestFile(engine, messy("episodes-clean.csv"));
      expect(again.status).toBe("already_ingested");
      expect(await countRows(engine)).toEqual(before);
    });

    it("records a changed value as an update with old and new value", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const changed = path.join(scratch, `${kind}-changed.csv`);
      writeFileSync(changed, readFileSync(messy("episodes-clean.csv"), "utf8").replace("E1,P1,S01,IOP,2.1,MH,virtual", "E1,P1,S01,PHP,2.5,MH,virtual"));
      const outcome = await ingestFile(engine, changed);
      expect(outcome).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
      const changes = await engine.db.selectFrom("ingest_changes").select(["natural_key", "column_name", "old_value", "new_value"]).orderBy("column_name").execute();
      expect(changes).toEqual([
        { natural_key: "E1", column_name: "asam_level", old_value: "2.1", new_value: "2.5" },
        { natural_key: "E1", column_name: "level_of_care", old_value: "IOP", new_value: "PHP" },
      ]);
      const e1 = await engine.db.selectFrom("episodes").select("level_of_care").where("episode_id", "=", "E1").executeTakeFirstOrThrow();
      expect(e1.level_of_care).toBe("PHP");
    });

    it("with --strict loads nothing from a file with a bad row", async () => {
      const refusal = await ingestFile(engine, messy("episodes-bad.csv"), { strict: true }).catch((e) => e);
      expect(refusal).toBeInstanceOf(StrictRefusal);
      expect((refusal as StrictRefusal).outcome.quarantined).toBe(9);
      expect(await countRows(engine)).toEqual({ episodes: 0, assessments: 0, ledger: 0, quarantine: 0, changes: 0 });
    });

    it("maps another system's columns and codes through a profile", async () => {
      const outcome = await ingestFile(engine, messy("other-ehr-episodes.csv"), { profile: readProfile(messy("other-ehr-profile.json")) });
      expect(outcome).toMatchObject({ kind: "episodes", inserted: 3, quarantined: 0 });
      const rows = await engine.db.selectFrom("episodes").select(["episode_id", "level_of_care", "discharge_reason"]).orderBy("episode_id").execute();
      expect(rows).toEqual([
        { episode_id: "C-1", level_of_care: "IOP", discharge_reason: "completed" },
        { episode_id: "C-2", level_of_care: "PHP", discharge_reason: "left_early" },
        { episode_id: "C-3", level_of_care: "RES", discharge_reason: null },
      ]);
      const ledger = await engine.db.selectFrom("ingest_ledger").select("profile").executeTakeFirstOrThrow();
      expect(ledger.profile).toBe("other-ehr-profile.json");
    });

    it("reshapes a REDCap raw export into scored assessments", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      const outcome = await ingestFile(engine, messy("redcap-export.csv"));
      expect(outcome).toMatchObject({ kind: "redcap", inserted: 5, quarantined: 1, reasons: { items_total_mismatch: 1 } });
      const rows = await engine.db.selectFrom("assessments").select(["instrument", "assessed_on", "timepoint_label", "total_score"]).orderBy("assessed_on").orderBy("instrument").execute();
      expect(rows).toEqual([
        { instrument: "GAD7", assessed_on: "2026-01-04", timepoint_label: "intake", total_score: 12 },
        { instrument: "PHQ9", assessed_on: "2026-01-04", timepoint_label: "intake", total_score: 18 },
        { instrument: "GAD7", assessed_on: "2026-02-21", timepoint_label: "discharge", total_score: 3 },
        { instrument: "PHQ9", assessed_on: "2026-02-21", timepoint_label: "discharge", total_score: 6 },
        { instrument: "PHQ9", assessed_on: "2026-08-20", timepoint_label: "followup_6m", total_score: 7 },
      ]);
    });
  });
}
