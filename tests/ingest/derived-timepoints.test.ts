// The derived tables timepoint_scores, comparison_pairs and episode_pathways
// (db/derived-tables.ts) against a full rebuild: after any sequence of ingests — new files,
// changed rows (episode dates too, and episodes moved between patients),
// re-deliveries of the same bytes, files with quarantined rows, and --strict refusals that roll
// back — the tables the ingest kept equal the derivation from scratch (property), and
// `rebuild` finds no difference. Also: migrate fills the tables for data that predates them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate.ts";
import * as fhirLedger from "../../db/migrations/0008-fhir-ledger.ts";
import type { Database } from "../../db/schema.ts";
import { deriveTimepointScores } from "../../db/timepoint-derivation.ts";
import { rebuildDerivedTables } from "../../db/derived-tables.ts";
import { derivePairs } from "../../db/pair-derivation.ts";
import { deriveEpisodePathways } from "../../db/pathway-derivation.ts";
import { DEFAULT_WINDOWS, EXTRA_FOLLOWUP_WINDOWS } from "../../domain/timepoints.ts";
import { ingestFile, StrictRefusal } from "../../pipelines/ingest-file.ts";
import { timepointScores } from "../../queries/intermediate/timepoint-scores.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { messy } from "./support.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-derived-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let fileNo = 0;
const writeCsv = (lines: string[]) => {
  const file = path.join(scratch, `f${fileNo++}.csv`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
};

const day = (offset: number) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
const EPISODES = ["E1", "E2", "E3", "E4"];
const EPISODE_HEADER = "episode_id,patient_id,site_id,level_of_care,admitted_on,discharged_on";
// Two patients share the episodes, and an episode may move between them, so the pathway rows
// of both the old and the new patient must follow (a row without a key is quarantined).
const PATIENTS = ["PA", "PB", ""];
const episodeLine = (id: string, admit: number, stay: number | null, patient = PATIENTS[EPISODES.indexOf(id) % 2]) =>
  `${id},${patient},S01,IOP,${day(admit)},${stay === null ? "" : day(admit + stay)}`;

// Dates near the anchors, so windows overlap, compete and change hands as episodes move.
const assessedDay = fc.oneof(fc.integer({ min: -16, max: 12 }), fc.integer({ min: 15, max: 60 }), fc.integer({ min: 190, max: 260 }));
// E9 is unknown and GAD7 above 21 out of range: both quarantined.
const assessment = fc.tuple(fc.constantFrom(...EPISODES, "E9"), fc.constantFrom("PHQ9", "GAD7"), assessedDay, fc.integer({ min: 0, max: 24 }));
const episode = fc.tuple(fc.constantFrom(...EPISODES), fc.integer({ min: 0, max: 6 }), fc.option(fc.integer({ min: 5, max: 40 }), { nil: null }), fc.constantFrom(...PATIENTS));
const step = fc.oneof(
  fc.record({ kind: fc.constant("episodes" as const), rows: fc.array(episode, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant("assessments" as const), rows: fc.array(assessment, { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("strict" as const), rows: fc.array(assessment, { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant("again" as const) }),
);

const assessmentLines = (rows: readonly (readonly [string, string, number, number])[]) => [
  "episode_id,instrument,assessed_on,total_score",
  ...rows.map(([id, instrument, offset, score]) => `${id},${instrument},${day(offset)},${score}`),
];

const ORDER = sql`order by episode_id, instrument, timepoint`;
async function kept(db: Kysely<Database>) {
  return (await sql`select * from (${db.selectFrom("timepoint_scores").selectAll()}) k ${ORDER}`.execute(db)).rows;
}
async function derived(db: Kysely<Database>) {
  return (await sql`select * from (${deriveTimepointScores(db)}) d ${ORDER}`.execute(db)).rows;
}
const PAIR_ORDER = sql`order by episode_id, instrument, comparison`;
async function keptPairs(db: Kysely<Database>) {
  return (await sql`select * from (${db.selectFrom("comparison_pairs").selectAll()}) k ${PAIR_ORDER}`.execute(db)).rows;
}
/** The pairs derived from the timepoint scores (once those are shown equal to their derivation). */
async function derivedPairs(db: Kysely<Database>) {
  return (await sql`select * from (${derivePairs(db)}) d ${PAIR_ORDER}`.execute(db)).rows;
}
const PATHWAY_ORDER = sql`order by episode_id`;
async function keptPathways(db: Kysely<Database>) {
  return (await sql`select * from (${db.selectFrom("episode_pathways").selectAll()}) k ${PATHWAY_ORDER}`.execute(db)).rows;
}
async function derivedPathways(db: Kysely<Database>) {
  return (await sql`select * from (${deriveEpisodePathways(db)}) d ${PATHWAY_ORDER}`.execute(db)).rows;
}
const rebuildAll = (engine: TestEngine) => engine.transaction((tx) => rebuildDerivedTables(tx.db));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`derived tables on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("equals a full rebuild after any sequence of ingests", async () => {
      await ingestFile(engine, writeCsv([EPISODE_HEADER, ...EPISODES.map((id) => episodeLine(id, 0, 30))]));
      let last: string | null = null;
      let nonEmpty = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
          for (const s of steps) {
            if (s.kind === "again") {
              if (last) expect((await ingestFile(engine, last)).status).not.toBe("loaded");
            } else if (s.kind === "episodes") {
              last = writeCsv([EPISODE_HEADER, ...s.rows.map(([id, admit, stay, patient]) => episodeLine(id, admit, stay, patient))]);
              await ingestFile(engine, last);
            } else if (s.kind === "assessments") {
              last = writeCsv(assessmentLines(s.rows));
              await ingestFile(engine, last);
            } else {
              // A bad row (unknown episode) makes --strict refuse the whole file: nothing may stay.
              const refused = await ingestFile(engine, writeCsv(assessmentLines([...s.rows, ["E9", "PHQ9", 0, 1]])), { strict: true }).catch((e) => e);
              expect(refused).toBeInstanceOf(StrictRefusal);
            }
          }
          const rows = await kept(engine.db);
          expect(rows).toEqual(await derived(engine.db));
          const pairs = await keptPairs(engine.db);
          expect(pairs).toEqual(await derivedPairs(engine.db));
          expect(await keptPathways(engine.db)).toEqual(await derivedPathways(engine.db));
          if (pairs.length > 0) nonEmpty++;
        }),
        { numRuns: kind === "pglite" ? 25 : 10, seed: 20 },
      );
      expect(nonEmpty).toBeGreaterThan(0);
      for (const check of await rebuildAll(engine)) {
        expect(check.differences).toBe(0);
        expect(check.rows).toBe(check.kept);
      }
    });

    it("rebuild counts the rows that differ, and repairs them", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      await ingestFile(engine, messy("assessments-clean.csv"));
      const before = await kept(engine.db);
      expect(before.length).toBeGreaterThan(0);
      await sql`update timepoint_scores set total_score = total_score + 1 where episode_id = 'E1'`.execute(engine.db);
      const touched = before.filter((r) => (r as { episode_id: string }).episode_id === "E1").length;
      const beforePairs = await keptPairs(engine.db);
      await sql`update comparison_pairs set change = 99 where episode_id = 'E1' and comparison = 'intake_discharge'`.execute(engine.db);
      const touchedPairs = beforePairs.filter((r) => (r as { episode_id: string; comparison: string }).episode_id === "E1" && (r as { comparison: string }).comparison === "intake_discharge").length;
      expect(touchedPairs).toBeGreaterThan(0);
      const pathways = await keptPathways(engine.db);
      expect(pathways.length).toBeGreaterThan(0);
      await sql`delete from episode_pathways where episode_id = 'E1'`.execute(engine.db);
      // Each altered row is missing from one side and extra on the other; a deleted one only missing.
      expect(await rebuildAll(engine)).toEqual([
        { table: "timepoint_scores", rows: before.length, kept: before.length, differences: 2 * touched },
        { table: "comparison_pairs", rows: beforePairs.length, kept: beforePairs.length, differences: 2 * touchedPairs },
        { table: "episode_pathways", rows: pathways.length, kept: pathways.length - 1, differences: 1 },
      ]);
      expect(await keptPathways(engine.db)).toEqual(pathways);
      expect(await kept(engine.db)).toEqual(before);
      expect(await keptPairs(engine.db)).toEqual(beforePairs);
    });

    it("analyses read the table with the default windows and derive any other window set on the fly", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      await ingestFile(engine, messy("assessments-clean.csv"));
      // Tamper with the kept rows: only the default-window path may see it.
      await sql`update timepoint_scores set total_score = -1`.execute(engine.db);
      const scores = async (windows: typeof DEFAULT_WINDOWS) =>
        (await engine.db.selectFrom(timepointScores(engine.db, windows).as("s")).select(["s.timepoint", "s.total_score"]).execute()).filter((r) => r.timepoint !== "followup_1m" && r.timepoint !== "followup_3m");
      const kept = await scores([...DEFAULT_WINDOWS].reverse());
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((r) => Number(r.total_score) === -1)).toBe(true);
      const derivedOnTheFly = await scores([...DEFAULT_WINDOWS, ...EXTRA_FOLLOWUP_WINDOWS]);
      expect(derivedOnTheFly.length).toBeGreaterThan(0);
      expect(derivedOnTheFly.some((r) => Number(r.total_score) === -1)).toBe(false);
    });

    it("a derivation for one instrument equals the whole derivation's rows for it", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      await ingestFile(engine, messy("assessments-clean.csv"));
      const windows = [...DEFAULT_WINDOWS, ...EXTRA_FOLLOWUP_WINDOWS];
      const rows = async (query: Parameters<typeof sql>[1], order: typeof ORDER) => (await sql`select * from (${query}) d ${order}`.execute(engine.db)).rows as { instrument: string }[];
      for (const instrument of ["PHQ9", "GAD7"]) {
        const scoresAlone = await rows(deriveTimepointScores(engine.db, windows, { instrument }), ORDER);
        expect(scoresAlone.length).toBeGreaterThan(0);
        expect(scoresAlone).toEqual((await rows(deriveTimepointScores(engine.db, windows), ORDER)).filter((r) => r.instrument === instrument));
        const pairsAlone = await rows(derivePairs(engine.db, windows, { instrument }), PAIR_ORDER);
        expect(pairsAlone.length).toBeGreaterThan(0);
        expect(pairsAlone).toEqual((await rows(derivePairs(engine.db, windows), PAIR_ORDER)).filter((r) => r.instrument === instrument));
      }
    });

    it("migrate fills the tables for data loaded before they existed", async () => {
      await ingestFile(engine, messy("episodes-clean.csv"));
      await ingestFile(engine, messy("assessments-clean.csv"));
      const expected = await derived(engine.db);
      expect(expected.length).toBeGreaterThan(0);
      const expectedPairs = await keptPairs(engine.db);
      expect(expectedPairs.length).toBeGreaterThan(0);
      const expectedPathways = await derivedPathways(engine.db);
      expect(expectedPathways.length).toBeGreaterThan(0);
      // Back to the schema before migration 0004, with the data kept.
      await sql`drop table timepoint_scores, comparison_pairs, episode_pathways`.execute(engine.db);
      // (Dropping timepoint_scores and comparison_pairs drops their statistics objects, migrations 0007 and 0009.)
      // The later migrations are undone too: migrations apply in order.
      await fhirLedger.down(engine.db as never);
      await sql`delete from kysely_migration where name in ('0004-timepoint-scores', '0005-comparison-pairs', '0006-episode-pathways', '0007-timepoint-score-statistics', '0008-fhir-ledger', '0009-pair-group-statistics')`.execute(engine.db);
      const outcome = await migrateToLatest(engine.db);
      expect(outcome.applied).toEqual(["0004-timepoint-scores", "0005-comparison-pairs", "0006-episode-pathways", "0007-timepoint-score-statistics", "0008-fhir-ledger", "0009-pair-group-statistics"]);
      expect(await keptPathways(engine.db)).toEqual(expectedPathways);
      expect(await kept(engine.db)).toEqual(expected);
      expect(await keptPairs(engine.db)).toEqual(expectedPairs);
    });
  });
}
