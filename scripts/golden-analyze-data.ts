// Writes the inputs of tests/golden/analyze.R: a small seeded synthetic cohort (the canonical
// CSVs the ingest reads) and the instrument catalog's change rules (inputs, not results), so R
// recomputes the analysis from the same exports independently. Run by hand:
//   npx tsx scripts/golden-analyze-data.ts && Rscript tests/golden/analyze.R
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeCohort } from "../fixtures/write-cohort.ts";
import { changeRules } from "../queries/analyses/effect-size-table.ts";

const dir = path.resolve(import.meta.dirname, "../tests/golden/data");
mkdirSync(dir, { recursive: true });
await writeCohort(dir, { episodes: 600, seed: 13, sites: 2 });
writeFileSync(path.join(dir, "change-rules.json"), `${JSON.stringify(changeRules(), null, 2)}\n`);
