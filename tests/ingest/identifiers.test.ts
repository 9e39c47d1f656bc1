// The identifier screen refuses a file whole (exit 3), names file, column and line, never the
// value, and leaves the database untouched — on both engines, through the CLI.
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { cli } from "../support/cli.ts";
import { ENGINES, openFreshEngine } from "../engines.ts";
import { countRows, messy } from "./support.ts";

const CASES: [file: string, column: string, line: number, secret: string][] = [
  ["identifier-column.csv", "patient_name", 1, "Jane Roe"],
  ["identifier-ssn-value.csv", "payer", 3, "123-45-6789"],
  ["identifier-phone-value.csv", "gender", 2, "123-4567"],
  ["identifier-email-value.csv", "timepoint", 3, "jane.roe@example.org"],
  ["identifier-zip.csv", "zip3", 3, "02139"],
];

for (const kind of ENGINES) {
  describe(`identifier screen on ${kind}`, () => {
    it.each(CASES)("refuses %s naming column %s and line %i, never the value", async (file, column, line, secret) => {
      const engine = await openFreshEngine(kind);
      try {
        // On a server the CLI itself runs against the test database; PGlite in memory is
        // reachable only in-process, so there the pipeline is called directly.
        if (engine.options.url) {
          const run = await cli(["ingest", messy(file), "--db", engine.options.url]);
          expect(run.code).toBe(3);
          expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
          expect(run.stderr).toContain(`column "${column}" (line ${line})`);
          expect(run.stderr).toMatch(/\(identifier_found\)$/m);
          expect(run.stderr).not.toContain(secret);
          expect(run.stdout).not.toContain(secret);
        } else {
          const error = await ingestFile(engine, messy(file)).catch((e) => e);
          expect(error).toMatchObject({ reason: "identifier_found", exitCode: 3 });
          expect(error.message).toContain(`column "${column}" (line ${line})`);
          expect(error.message).not.toContain(secret);
        }
        expect(await countRows(engine)).toEqual({ episodes: 0, assessments: 0, ledger: 0, quarantine: 0, changes: 0 });
      } finally {
        await engine.close();
      }
    });
  });
}
