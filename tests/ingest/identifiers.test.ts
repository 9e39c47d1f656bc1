// The identifier screen refuses a file whole (exit 3), names file, column and line, never the
// value, and leaves the database untouched — on both engines, through the CLI.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValueScreen } from "../../pipelines/identifier-screen.ts";
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

describe("value screen on long text", () => {
  const screen = new ValueScreen("f.csv", ["episode_id", "note"], ",");

  it("screens a 1 MB run of letters in linear time (a 50 MB field arrives in such stretches)", () => {
    const run = `E1,"${"A".repeat(1 << 20)}"\n`;
    const started = performance.now();
    expect(screen.suspects(run)).toBe(false);
    expect(screen.suspects(`${run}E2,jo.doe@example.org\n`)).toBe(true);
    // The unanchored e-mail pattern took 8 s on 10⁵ letters and never finished on 10⁶.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("finds exactly the e-mail-shaped text the unanchored pattern finds", () => {
    const unanchored = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
    // No digits, so the SSN and phone rules cannot match and the e-mail rule decides alone.
    const text = fc.string({ unit: fc.constantFrom("a", "Z", ".", "@", "-", "_", "+", ",", " ", "é"), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        expect(screen.suspects(t)).toBe(unanchored.test(t));
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });
});
