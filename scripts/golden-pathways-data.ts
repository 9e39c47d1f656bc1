// Writes the inputs of tests/golden/pathways.R: a seeded multi-episode cohort
// (fixtures/pathway-cohort.ts) as the canonical CSVs the ingest reads, so R recomputes the
// care pathways from the same exports independently. Run by hand:
//   npx tsx scripts/golden-pathways-data.ts && Rscript tests/golden/pathways.R
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EPISODE_COLUMNS } from "../domain/columns.ts";
import { ASSESSMENT_COLUMNS } from "../fixtures/cohort.ts";
import { csvText } from "../fixtures/csv.ts";
import { generatePathwayCohort } from "../fixtures/pathway-cohort.ts";

const dir = path.resolve(import.meta.dirname, "../tests/golden/data/pathways");
mkdirSync(dir, { recursive: true });
const cohort = generatePathwayCohort({ patients: 500, seed: 1818 });
writeFileSync(path.join(dir, "episodes.csv"), csvText(EPISODE_COLUMNS, cohort.episodes));
writeFileSync(path.join(dir, "assessments.csv"), csvText(ASSESSMENT_COLUMNS, cohort.assessments));
