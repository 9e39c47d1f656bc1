// Every migration, in order, for Kysely's Migrator (an in-code provider: no directory
// scanning, so it works the same under tsx, bundlers and tests).
import type { Migration, MigrationProvider } from "kysely";
import * as core from "./0001-core.ts";
import * as quarantineIndex from "./0002-quarantine-index.ts";
import * as loadPhysicalDesign from "./0003-load-physical-design.ts";
import * as timepointScores from "./0004-timepoint-scores.ts";
import * as comparisonPairs from "./0005-comparison-pairs.ts";
import * as episodePathways from "./0006-episode-pathways.ts";
import * as timepointScoreStatistics from "./0007-timepoint-score-statistics.ts";
import * as fhirLedger from "./0008-fhir-ledger.ts";
import * as pairGroupStatistics from "./0009-pair-group-statistics.ts";

const MIGRATIONS: Record<string, Migration> = {
  "0001-core": core,
  "0002-quarantine-index": quarantineIndex,
  "0003-load-physical-design": loadPhysicalDesign,
  "0004-timepoint-scores": timepointScores,
  "0005-comparison-pairs": comparisonPairs,
  "0006-episode-pathways": episodePathways,
  "0007-timepoint-score-statistics": timepointScoreStatistics,
  "0008-fhir-ledger": fhirLedger,
  "0009-pair-group-statistics": pairGroupStatistics,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
