// The validation's fast paths (pipelines/sql-checks.ts) against their definitions: for any
// text — well-formed or not, multi-byte digits, signs, spaces, impossible days — isIsoDate,
// safeInt and safeNumber give exactly what the regex-only forms give, on both engines.
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isIsoDate, isIsoDateByPattern, safeInt, safeIntByPattern, safeNumber, safeNumberByPattern } from "../../pipelines/sql-checks.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const dateLike = fc
  .tuple(fc.integer({ min: 1700, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const text = fc.oneof(
  dateLike,
  fc.string({ unit: fc.constantFrom(..."0123456789-.+ a٣"), maxLength: 11 }),
  fc.integer({ min: -99999, max: 9999999 }).map(String),
  fc.string({ maxLength: 10 }),
);
const v = sql.raw("t.v") as never;

for (const kind of ENGINES) {
  describe(`validation fast paths on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
    });
    afterAll(() => engine.close());

    it("equal the pattern definitions for any text", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 60 }), async (values) => {
          const { rows } = await sql<Record<string, unknown>>`select t.v,
              ${isIsoDate(v)} as date_fast, ${isIsoDateByPattern(v)} as date_pattern,
              ${safeInt(v)} as int_fast, ${safeIntByPattern(v)} as int_pattern,
              ${safeNumber(v)} as number_fast, ${safeNumberByPattern(v)} as number_pattern
            from (values ${sql.join(values.map((s) => sql`(${s}::text)`))}) as t(v)`.execute(engine.db);
          for (const row of rows) {
            expect([row.v, row.date_fast, row.int_fast, row.number_fast]).toEqual([row.v, row.date_pattern, row.int_pattern, row.number_pattern]);
          }
        }),
        { numRuns: 60, seed: 7 },
      );
    });

    it("take leap years and month lengths as the calendar does", async () => {
      const cases = { "2024-02-29": true, "2023-02-29": false, "2000-02-29": true, "1900-02-29": false, "2026-04-31": false, "2026-12-31": true, "1799-12-31": false, "2100-01-01": false };
      const { rows } = await sql<{ v: string; ok: boolean }>`select t.v, ${isIsoDate(v)} as ok from (values ${sql.join(Object.keys(cases).map((s) => sql`(${s}::text)`))}) as t(v)`.execute(engine.db);
      expect(Object.fromEntries(rows.map((r) => [r.v, r.ok]))).toEqual(cases);
    });
  });
}
