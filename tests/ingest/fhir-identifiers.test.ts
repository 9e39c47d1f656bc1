// Nothing private from a FHIR export (DESIGN.md "FHIR mapping"), on every engine: a real
// Synthea Patient refuses its file whole (exit 3, element path, never the value); with
// --discard-identifiers only gender, the age band at admission and race/ethnicity are kept and
// nothing else of it is stored (every stored value checked, and pg_dump on a server); free text
// of the other resources passes the value screens; a display on a reference to a Patient is a
// name. The Synthea screening totals load, a PHQ-9 total from a second real export among them;
// PHQ-2 is skipped by code.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFhir } from "../../pipelines/fhir/ingest-fhir.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { cli } from "../support/cli.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { assessmentRows, episodeOfCare, everyStoredText, observation, score, writeExport } from "./fhir-support.ts";
import { countRows } from "./support.ts";

const SYNTHEA = path.resolve(import.meta.dirname, "../../fixtures/fhir/synthea");
const SYNTHEA_EPISODES = path.resolve(import.meta.dirname, "../../fixtures/fhir/synthea-episodes.csv");
const patient = JSON.parse(readFileSync(path.join(SYNTHEA, "Patient.000.ndjson"), "utf8"));

/** Every string of the Synthea Patient's identifying elements (its id aside, which is the pseudonymous key). */
function identifyingValues(): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const key of ["name", "telecom", "address", "identifier"]) walk(patient[key]);
  walk(patient.extension.filter((e: { url: string }) => /maidenName|birthPlace/.test(e.url)));
  out.push(patient.birthDate);
  // Values that are structure rather than the person (systems, codes, the id) are not what is tested.
  return [...new Set(out)].filter((s) => s !== patient.id && !/^(https?:|urn:|[A-Z]{2}$|home|official|usual|\d{1,2}$)/.test(s) && s.length > 3);
}

for (const kind of ENGINES_WITH_CITUS) {
  describe(`FHIR identifiers on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("refuses a Synthea Patient file whole, naming the element and never the value", async () => {
      await ingestFile(engine, SYNTHEA_EPISODES);
      const before = await countRows(engine);
      const dbArgs = engine.options.url ? ["--db", engine.options.url] : [];
      // The CLI on this database (a server) or on an embedded one of its own: the same one line.
      const run = await cli(["ingest", SYNTHEA, ...dbArgs], engine.options.url ? {} : { CONTINUUM_HOME: mkdtempSync(path.join(tmpdir(), "continuum-home-")) });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/^continuum: .*Patient\.000\.ndjson: refused, line 1: Patient\.name holds a person's name; export without it, or ingest with --discard-identifiers \(identifier_found\)\n$/);
      for (const value of identifyingValues()) expect(run.stderr).not.toContain(value);
      expect(await countRows(engine)).toEqual(before);
      await expect(ingestFhir(engine, [SYNTHEA])).rejects.toMatchObject({ reason: "identifier_found", exitCode: 3 });
      expect(await countRows(engine)).toEqual(before);
    });

    it("with --discard-identifiers keeps gender, age band and race/ethnicity, loads the screening totals (a PHQ-9 among them), stores nothing else", async () => {
      await ingestFile(engine, SYNTHEA_EPISODES);
      const out = await ingestFhir(engine, [SYNTHEA], { discardIdentifiers: true });
      expect(out.find((o) => o.resource_type === "Patient")).toMatchObject({ rows_read: 1, used: 1, updated: 2 });
      const observations = out.filter((o) => o.resource_type === "Observation");
      expect(observations.map((o) => path.basename(o.file))).toEqual(["Observation.000.ndjson", "Observation.001.ndjson"]);
      expect(observations[0]).toMatchObject({ rows_read: 8, inserted: 4, quarantined: 0, skipped: { other_code: 4 } });
      // The second export's visit: GAD-7 and the PHQ-9 total load, the PHQ-2 is skipped by its code.
      expect(observations[1]).toMatchObject({ rows_read: 3, inserted: 2, quarantined: 0, skipped: { other_code: 1 } });
      expect(await assessmentRows(engine)).toEqual([
        { episode_id: "SYN1", instrument: "AUDITC", assessed_on: "2014-02-14", total_score: 1, items: null },
        { episode_id: "SYN1", instrument: "GAD7", assessed_on: "2014-02-14", total_score: 1, items: null },
        { episode_id: "SYN2", instrument: "DAST10", assessed_on: "2014-10-24", total_score: 0, items: null },
        { episode_id: "SYN2", instrument: "GAD7", assessed_on: "2014-10-24", total_score: 11, items: null },
        // Dated 2014-06-11T22:47:18+12:00: the date as written, not moved to UTC.
        { episode_id: "SYN3", instrument: "GAD7", assessed_on: "2014-06-11", total_score: 2, items: null },
        { episode_id: "SYN3", instrument: "PHQ9", assessed_on: "2014-06-11", total_score: 25, items: null },
      ]);
      const episodes = await engine.db.selectFrom("episodes").select(["episode_id", "gender", "age_band", "race_ethnicity"]).orderBy("episode_id").execute();
      expect(episodes).toEqual([
        { episode_id: "SYN1", gender: "female", age_band: "35-44", race_ethnicity: "white" },
        { episode_id: "SYN2", gender: "female", age_band: "35-44", race_ethnicity: "white" },
        // The second export's Patient is not in the folder: the CSV's episode keeps what it had.
        { episode_id: "SYN3", gender: null, age_band: null, race_ethnicity: null },
      ]);
      const stored = await everyStoredText(engine);
      const values = identifyingValues();
      expect(values.length).toBeGreaterThan(5);
      for (const value of values) expect(stored, value).not.toContain(value);
      // The server's own dump of the database, as a data engineer would check it.
      const pgDump = "/usr/lib/postgresql/15/bin/pg_dump";
      if (engine.options.url && existsSync(pgDump)) {
        const dump = execFileSync(pgDump, ["--data-only", engine.options.url], { encoding: "utf8", maxBuffer: 1 << 28 });
        expect(dump).toContain("SYN1");
        for (const value of values) expect(dump, value).not.toContain(value);
      }
    });

    it("keeps a Patient without identifiers (gender, birth year, race) without the flag", async () => {
      const dir = writeExport([
        episodeOfCare("E1", "P1", "2026-01-05"),
        { resourceType: "Patient", id: "P1", gender: "male", birthDate: "1990", extension: [{ url: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", extension: [{ url: "ombCategory", valueCoding: { code: "2135-2" } }] }] },
      ]);
      await ingestFhir(engine, [dir]);
      // Born in 1990, admitted in 2026: 35 or 36, both in 35-44.
      expect(await engine.db.selectFrom("episodes").select(["gender", "age_band", "race_ethnicity"]).executeTakeFirst()).toEqual({ gender: "male", age_band: "35-44", race_ethnicity: "hispanic" });
    });

    it("screens free text of other resources, JSON escapes too, and refuses a display on a reference to a Patient", async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ note: [{ text: "write to j.doe@example.org" }] }, /Observation\.note\[0\]\.text holds a value shaped like an e-mail address/],
        [{ subject: { reference: "Patient/P1", display: "Jane Doe" } }, /Observation\.subject\.display holds a patient's name/],
        [{ code: { coding: [{ system: "http://loinc.org", code: "44261-6", display: "SSN 123-45-6789" }] } }, /Observation\.code\.coding\[0\]\.display holds a value shaped like a social security number/],
      ];
      for (const [extra, message] of cases) {
        const dir = writeExport([episodeOfCare("E1", "P1", "2026-01-05"), observation("o", "44261-6", "P1", "2026-01-05", score(3), extra)]);
        // The e-mail's "@" written as the JSON escape \u0040: the raw line then shows no e-mail shape.
        const file = path.join(dir, "Observation.000.ndjson");
        writeFileSync(file, readFileSync(file, "utf8").replace("j.doe@", "j.doe\\u0040"));
        const error = await ingestFhir(engine, [dir]).catch((e: Error) => e);
        expect(error).toMatchObject({ reason: "identifier_found", exitCode: 3 });
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).not.toMatch(/Jane|j\.doe|123-45-6789/);
      }
      expect(await countRows(engine)).toMatchObject({ episodes: 0, ledger: 0 });
    });
  });
}
