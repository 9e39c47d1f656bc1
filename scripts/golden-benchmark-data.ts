// Writes the inputs of tests/golden/benchmark.R: the seeded twelve-site cohort of
// fixtures/network.ts (real between-site differences in case mix and in care), as the canonical
// CSVs the ingest reads, so R recomputes the benchmark from the same exports.
// Run by hand: npx tsx scripts/golden-benchmark-data.ts && Rscript tests/golden/benchmark.R
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { BENCHMARK_NETWORK } from "../fixtures/network.ts";
import { writeCohort } from "../fixtures/write-cohort.ts";

const golden = path.resolve(import.meta.dirname, "../tests/golden/data");
const dir = path.join(golden, "benchmark");
mkdirSync(dir, { recursive: true });
await writeCohort(dir, BENCHMARK_NETWORK);
copyFileSync(path.join(golden, "change-rules.json"), path.join(dir, "change-rules.json"));
