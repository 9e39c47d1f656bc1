// Hostile input, the long part: property-based fuzzing with fast-check (random bytes,
// and a valid export mutated byte by byte) straight into the ingest pipeline on both engines,
// and the big cases through the CLI — a 50 MB single field, a 10⁵-column header, a 10⁵-field
// row — with bounded time and memory. Every input ends in a result whose counts add up or in
// a refusal with a reason code; a refused file changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { CliError } from "../../domain/errors.ts";
import { writeBigInputs } from "../../fixtures/hostile/corpus.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { messy, tableContent } from "../ingest/support.ts";
import { ERROR_LINE, faultSandbox, runChild } from "./support.ts";

const SEED = 20261125;
const RUNS = { pglite: 300, postgres: 100 } as const;
const sandbox = faultSandbox("fuzz", { server: true });
const { dir } = sandbox;

const VALID = readFileSync(messy("episodes-bad.csv"));
const INSERTS = ['"', "\0", ",", ";", "\t", "\r", "\n", "\xff", "\ufeff", "=", "'"].map((s) => Buffer.from(s, s === "\xff" ? "latin1" : "utf8"));
/** A valid export with a few bytes flipped, inserted, deleted, or the file cut short. */
const mutatedExport = fc
  .array(fc.record({ at: fc.nat(), op: fc.constantFrom("flip", "insert", "delete", "truncate"), bits: fc.integer({ min: 1, max: 255 }), insert: fc.nat(INSERTS.length - 1) }), { minLength: 1, maxLength: 8 })
  .map((ops) => {
    let bytes = Buffer.from(VALID);
    for (const { at, op, bits, insert } of ops) {
      const i = at % Math.max(bytes.length, 1);
      if (op === "flip" && bytes.length) bytes[i] ^= bits;
      else if (op === "insert") bytes = Buffer.concat([bytes.subarray(0, i), INSERTS[insert], bytes.subarray(i)]);
      else if (op === "delete") bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
      else if (op === "truncate") bytes = bytes.subarray(0, i);
    }
    return new Uint8Array(bytes);
  });
const anyInput = fc.oneof(fc.uint8Array({ maxLength: 4096 }), mutatedExport);

/** Rejects if `promise` takes longer than `ms`: a hang is a failure, not a slow test. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

for (const kind of ["pglite", "postgres"] as const) {
  describe(`fuzzing the ingest on ${kind}`, () => {
    it(`answers ${RUNS[kind]} random and mutated files with counts or a reason code`, async () => {
      const engine = await openEngine(kind === "pglite" ? { dataDir: "memory://" } : { url: await sandbox.server.createDatabase("continuum_fuzz") });
      await migrateToLatest(engine.db);
      const file = path.join(dir, `fuzz-${kind}.csv`);
      let tried = 0;
      let refused = 0;
      try {
        await fc.assert(
          fc.asyncProperty(anyInput, async (bytes) => {
            tried++;
            writeFileSync(file, bytes);
            const before = await tableContent(engine);
            try {
              const o = await within(20_000, ingestFile(engine, file, { kind: "episodes" }));
              if (o.status === "loaded") expect(o.inserted + o.updated + o.unchanged + o.quarantined).toBe(o.rows_read);
            } catch (error) {
              if (!(error instanceof CliError)) throw error; // anything else is a bug
              expect(`continuum: ${error.message} (${error.reason})`).toMatch(ERROR_LINE);
              expect(await tableContent(engine)).toEqual(before);
              refused++;
            }
          }),
          { numRuns: RUNS[kind], seed: SEED, endOnFailure: true },
        );
      } finally {
        await engine.close();
      }
      console.log(`hostile: ${kind}: fuzzed inputs handled ${tried} / tried ${tried} (${refused} refused with a reason code)`);
      expect(tried).toBe(RUNS[kind]);
    });
  });
}

describe("big hostile files through the CLI", () => {
  it("a 50 MB field, 10⁵ columns and a 10⁵-field row: a reason code, bounded time and memory", async () => {
    const big = await writeBigInputs(dir);
    const rss = (stderr: string) => Number(/rss-kb:(\d+)/.exec(stderr)?.[1]) / 1024;
    const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l && !l.startsWith("rss-kb:"));
    const RSS = path.resolve(import.meta.dirname, "support/report-rss.mjs");
    const results: string[] = [];
    for (const kind of ["pglite", "postgres"] as const) {
      const dbArgs = kind === "postgres" ? ["--db", await sandbox.server.createDatabase("continuum_big")] : [];
      const env = { CONTINUUM_HOME: path.join(dir, `home-${kind}`) };
      expect((await runChild(["migrate", ...dbArgs], env)).code).toBe(0); // so the baseline is an ingest only
      const ingest = (file: string) => runChild(["ingest", file, "--json", ...dbArgs], env, { preload: RSS });
      const baseline = await ingest(messy("episodes-clean.csv"));
      expect(baseline.code, baseline.stderr).toBe(0);

      const huge = await ingest(big.hugeField);
      expect(huge.code, huge.stderr).toBe(0);
      expect(JSON.parse(huge.stdout).files[0]).toMatchObject({ status: "loaded", rows_read: 3, inserted: 2, quarantined: 1, reasons: { field_too_long: 1 } });
      expect(huge.ms).toBeLessThan(60_000);
      // The 50 MB field is scanned, never held: memory stays near a tiny file's.
      expect(rss(huge.stderr) - rss(baseline.stderr)).toBeLessThan(150);

      const wide = await ingest(big.wideHeader);
      expect(wide.code).toBe(3);
      expect(errorLines(wide.stderr)).toHaveLength(1);
      expect(errorLines(wide.stderr)[0]).toMatch(/\(field_too_long\)$/);
      expect(wide.ms).toBeLessThan(60_000);

      const row = await ingest(big.wideRow);
      expect(row.code, row.stderr).toBe(0);
      expect(JSON.parse(row.stdout).files[0]).toMatchObject({ inserted: 1, quarantined: 1, reasons: { field_too_long: 1 } });
      results.push(`${kind}: 50 MB field ${(huge.ms / 1000).toFixed(1)} s, peak RSS ${rss(huge.stderr).toFixed(0)} MB (tiny file ${rss(baseline.stderr).toFixed(0)} MB)`);
    }
    console.log(`hostile: big inputs: ${results.join("; ")}`);
  });
});
