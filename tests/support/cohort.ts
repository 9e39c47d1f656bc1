// A generated synthetic cohort (fixtures/) written to a temp folder and ingested into a test
// engine — the starting point of the report tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CohortParameters } from "../../fixtures/parameters.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { dataCut } from "../../queries/data-cut.ts";
import type { TestEngine } from "../engines.ts";

export async function loadCohort(engine: TestEngine, overrides: Partial<CohortParameters>): Promise<{ dataCut: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-cohort-"));
  try {
    const files = await writeCohort(dir, overrides);
    await ingestFile(engine, files.episodesFile);
    await ingestFile(engine, files.assessmentsFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cut = await dataCut(engine.db);
  if (!cut) throw new Error("the cohort loaded no data");
  return { dataCut: cut };
}

/** Every file under `dir` with its SHA-256, but the manifest and PDFs (they embed times). */
export { hashOutputs } from "../../reports/manifest.ts";
