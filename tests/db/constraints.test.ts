// The schema makes bad states impossible: out-of-range scores, malformed item vectors,
// unknown enums, discharge before admission, dangling episodes — on both engines. And the
// literal lists in the frozen migration agree with the catalog and vocabulary in domain/.
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, NewAssessment, NewEpisode } from "../../db/schema.ts";
import { INSTRUMENTS, INSTRUMENT_CODES } from "../../domain/instruments.ts";
import { DISCHARGE_REASONS, LEVELS_OF_CARE, MODALITIES, ROW_REASON_CODES, TRACKS } from "../../domain/vocabulary.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

const episode = (over: Partial<NewEpisode> = {}): NewEpisode => ({
  episode_id: "E1",
  patient_id: "P1",
  site_id: "S01",
  level_of_care: "IOP",
  asam_level: "2.1",
  track: "MH",
  modality: "virtual",
  admitted_on: "2026-01-05",
  discharged_on: "2026-02-20",
  discharge_reason: "completed",
  sessions_scheduled: 24,
  sessions_attended: 22,
  hours_attended: 66,
  age_band: "26-34",
  gender: "female",
  race_ethnicity: "white",
  payer: "commercial",
  would_recommend: "yes",
  ingest_id: 1,
  ...over,
});

const assessment = (over: Partial<NewAssessment> = {}): NewAssessment => ({
  episode_id: "E1",
  instrument: "PHQ9",
  assessed_on: "2026-01-05",
  timepoint_label: "intake",
  total_score: 18,
  items: [2, 2, 2, 2, 2, 2, 2, 2, 2],
  ingest_id: 1,
  ...over,
});

for (const kind of ENGINES) {
  describe(`constraints on ${kind}`, () => {
    let engine: TestEngine;
    let db: Kysely<Database>;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      db = engine.db;
      await db
        .insertInto("ingest_ledger")
        .values({ file_name: "t.csv", sha256: "a".repeat(64), kind: "episodes", profile: null, status: "loaded", finished_at: null, message: null })
        .execute();
      await db.insertInto("sites").values({ site_id: "S01", name: null }).execute();
      await db.insertInto("episodes").values(episode()).execute();
    });
    afterAll(() => engine.close());

    const refuses = (run: () => Promise<unknown>) => expect(run()).rejects.toThrow(/violates|invalid input/);

    it("accepts a valid assessment", async () => {
      await db.insertInto("assessments").values(assessment()).execute();
      const row = await db.selectFrom("assessments").selectAll().executeTakeFirstOrThrow();
      expect(row.items).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2]);
      expect(row.total_score).toBe(18);
    });

    it.each(INSTRUMENT_CODES.map((code) => [code, INSTRUMENTS[code].total] as const))(
      "refuses a %s total outside its range and accepts its bounds",
      async (code, range) => {
        const at = (score: number, day: string) =>
          db.insertInto("assessments").values(assessment({ instrument: code, total_score: score, items: null, assessed_on: day })).execute();
        await refuses(() => at(range.max + 1, "2026-03-01"));
        await refuses(() => at(range.min - 1, "2026-03-02"));
        await at(range.min, "2026-03-03");
        await at(range.max, "2026-03-04");
      },
    );

    it("refuses item vectors of the wrong length or with an item out of range", async () => {
      await refuses(() => db.insertInto("assessments").values(assessment({ assessed_on: "2026-01-06", items: [1, 1, 1] })).execute());
      await refuses(() =>
        db.insertInto("assessments").values(assessment({ assessed_on: "2026-01-07", items: [4, 2, 2, 2, 2, 2, 2, 2, 2] })).execute(),
      );
      await refuses(() =>
        db.insertInto("assessments").values(assessment({ instrument: "DAYS_USE", total_score: 3, assessed_on: "2026-01-08", items: [3] })).execute(),
      );
    });

    it("refuses unknown levels of care, tracks, instruments and discharge reasons", async () => {
      await refuses(() => db.insertInto("episodes").values(episode({ episode_id: "E2", level_of_care: "XYZ" as never })).execute());
      await refuses(() => db.insertInto("episodes").values(episode({ episode_id: "E3", track: "OTHER" as never })).execute());
      await refuses(() => db.insertInto("episodes").values(episode({ episode_id: "E4", discharge_reason: "fled" as never })).execute());
      await refuses(() => db.insertInto("assessments").values(assessment({ instrument: "BDI" as never, assessed_on: "2026-01-09" })).execute());
    });

    it("refuses discharge before admission, a reason without discharge, and dangling keys", async () => {
      await refuses(() => db.insertInto("episodes").values(episode({ episode_id: "E5", discharged_on: "2026-01-01" })).execute());
      await refuses(() =>
        db.insertInto("episodes").values(episode({ episode_id: "E6", discharged_on: null, discharge_reason: "completed" })).execute(),
      );
      await refuses(() => db.insertInto("episodes").values(episode({ episode_id: "E7", site_id: "S99" })).execute());
      await refuses(() => db.insertInto("assessments").values(assessment({ episode_id: "E404" })).execute());
    });

    it("refuses a second assessment with the same natural key", async () => {
      await expect(db.insertInto("assessments").values(assessment()).execute()).rejects.toThrow(/duplicate key/);
    });

    it("allows a file hash to be loaded only once", async () => {
      const again = db
        .insertInto("ingest_ledger")
        .values({ file_name: "copy.csv", sha256: "a".repeat(64), kind: "episodes", profile: null, status: "loaded", finished_at: null, message: null });
      await expect(again.execute()).rejects.toThrow(/duplicate key/);
    });
  });
}

describe("migration 0001 agrees with domain/", () => {
  const text = readFileSync(new URL("../../db/migrations/0001-core.ts", import.meta.url), "utf8");
  const quoted = (list: readonly string[]) => list.map((s) => `'${s}'`).join(", ");

  it("holds every instrument's total range and item shape", () => {
    for (const code of INSTRUMENT_CODES) {
      const { total, items } = INSTRUMENTS[code];
      expect(text).toContain(`when '${code}' then total_score between ${total.min} and ${total.max}`);
      if (items) {
        expect(text).toContain(
          `when '${code}' then cardinality(items) = ${items.count} and ${items.min} <= all (items) and ${items.max} >= all (items)`,
        );
      } else {
        expect(text).not.toContain(`when '${code}' then cardinality`);
      }
    }
  });

  it("holds the vocabulary's enums", () => {
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(`level_of_care in (${quoted(LEVELS_OF_CARE)})`);
    expect(flat).toContain(`track in (${quoted(TRACKS)})`);
    expect(flat).toContain(`modality in (${quoted(MODALITIES)})`);
    expect(flat).toContain(`discharge_reason in (${quoted(DISCHARGE_REASONS)})`);
    expect(flat).toContain(`instrument in (${quoted(INSTRUMENT_CODES)})`);
    // Migration 0001's reasons, and 0008's addition for FHIR lines that are not JSON.
    expect(flat).toContain(`reason in (${quoted(ROW_REASON_CODES.filter((r) => r !== "unparseable_resource"))})`);
  });
});
