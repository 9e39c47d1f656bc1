// Writes the inputs of tests/golden/benchmark.R: a seeded twelve-site cohort with real
// between-site differences (fixtures/parameters.ts SiteEffect: a more severe case mix at S02
// and S09, a lighter one at S07, better care at S03 and S09, worse at S05 and S08), as the
// canonical CSVs the ingest reads, so R recomputes the benchmark from the same exports.
// Run by hand: npx tsx scripts/golden-benchmark-data.ts && Rscript tests/golden/benchmark.R
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { writeCohort } from "../fixtures/write-cohort.ts";

export const BENCHMARK_COHORT = {
  episodes: 4000,
  seed: 28,
  sites: 12,
  siteEffects: {
    S02: { severity: 0.6, effect: 0 },
    S03: { severity: 0, effect: 0.45 },
    S05: { severity: 0, effect: -0.4 },
    S07: { severity: -0.5, effect: 0 },
    S08: { severity: 0, effect: -0.5 },
    S09: { severity: 0.4, effect: 0.3 },
  },
};

const golden = path.resolve(import.meta.dirname, "../tests/golden/data");
const dir = path.join(golden, "benchmark");
mkdirSync(dir, { recursive: true });
await writeCohort(dir, BENCHMARK_COHORT);
copyFileSync(path.join(golden, "change-rules.json"), path.join(dir, "change-rules.json"));
