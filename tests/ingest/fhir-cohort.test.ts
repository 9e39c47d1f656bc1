// The generated cohort as a FHIR Bulk Data export gives the same analysis as the same cohort
// as canonical CSVs, through the CLI a site uses, on every engine:
// `ingest DIR --map MAP --json` accounts for every resource, and `analyze --json` agrees to
// 1e-9 for every comparison. A FHIR export has no timepoint labels and the mapping's discharge
// reasons are coarser, neither of which the effect-size table reads.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { writeFhirExport } from "../../fixtures/write-fhir-export.ts";
import { cli } from "../support/cli.ts";
import { expectClose } from "../support/expect-close.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const COHORT = { episodes: 600, seed: 11 };
const scratch = mkdtempSync(path.join(tmpdir(), "continuum-fhir-cohort-"));
let csv: Awaited<ReturnType<typeof writeCohort>>;
let fhir: Awaited<ReturnType<typeof writeFhirExport>>;
beforeAll(async () => {
  csv = await writeCohort(path.join(scratch, "csv"), COHORT);
  fhir = await writeFhirExport(path.join(scratch, "fhir"), COHORT);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`a FHIR export of the cohort on ${kind}`, () => {
    const engines: TestEngine[] = [];
    afterAll(async () => {
      for (const e of engines) await e.close();
    });
    /** CLI arguments and environment that reach a fresh database of this engine. */
    async function database(name: string): Promise<{ args: string[]; env: NodeJS.ProcessEnv }> {
      if (kind === "pglite") return { args: [], env: { CONTINUUM_HOME: path.join(scratch, `${name}-home`), DATABASE_URL: "" } };
      const engine = await openFreshEngine(kind);
      engines.push(engine);
      return { args: ["--db", engine.options.url!], env: {} };
    }

    it("ingests with every resource accounted for, and analyzes as the CSVs do", async () => {
      const fromCsv = await database("csv");
      const fromFhir = await database("fhir");
      expect((await cli(["ingest", csv.episodesFile, csv.assessmentsFile, ...fromCsv.args], fromCsv.env)).code).toBe(0);
      const ingest = await cli(["ingest", fhir.dir, "--map", fhir.mapFile, "--json", ...fromFhir.args], fromFhir.env);
      expect(ingest.code, ingest.stderr).toBe(0);
      const files = JSON.parse(ingest.stdout).files as { resource_type: string; rows_read: number; inserted: number; updated: number; unchanged: number; quarantined: number; used: number; skipped: Record<string, number> }[];
      expect(files.map((f) => f.resource_type).sort()).toEqual(["Encounter", "EpisodeOfCare", "Observation", "Patient", "QuestionnaireResponse"]);
      for (const f of files) {
        expect(f.rows_read, f.resource_type).toBe(fhir.counts[f.resource_type as keyof typeof fhir.counts]);
        expect(f.quarantined, f.resource_type).toBe(0);
        if (f.resource_type !== "Patient") expect(f.rows_read, f.resource_type).toBe(f.inserted + f.updated + f.unchanged + f.used + Object.values(f.skipped).reduce((a, b) => a + b, 0));
      }
      const assessments = files.filter((f) => f.resource_type === "Observation" || f.resource_type === "QuestionnaireResponse").reduce((n, f) => n + f.inserted, 0);
      expect(assessments).toBe(csv.assessments);
      expect(files.find((f) => f.resource_type === "Observation")!.skipped).toEqual({ other_code: expect.any(Number) });

      for (const to of ["discharge", "followup_6m"]) {
        const a = await cli(["analyze", "--from", "intake", "--to", to, "--json", ...fromCsv.args], fromCsv.env);
        const b = await cli(["analyze", "--from", "intake", "--to", to, "--json", ...fromFhir.args], fromFhir.env);
        expect(a.code, a.stderr).toBe(0);
        expect(JSON.parse(a.stdout).rows.length).toBeGreaterThan(10);
        expectClose(JSON.parse(b.stdout), JSON.parse(a.stdout));
      }
    });
  });
}
