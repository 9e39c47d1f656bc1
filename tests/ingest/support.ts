// Shared helpers for ingest tests: the messy fixture files and table snapshots that compare
// two databases' content independent of ingest ids.
import path from "node:path";
import { sql } from "kysely";
import type { Engine } from "../../db/engine.ts";
import { type IngestOptions, ingestFile } from "../../pipelines/ingest-file.ts";
import type { StagingWay } from "../../pipelines/stage.ts";
import type { FileFacts } from "../../pipelines/sql-checks.ts";
import { openFreshEngine, type TestEngineKind } from "../engines.ts";

export const MESSY = path.resolve(import.meta.dirname, "../../fixtures/messy");
export const messy = (name: string) => path.join(MESSY, name);

/** Every core row as text, ordered by natural key (ingest ids left out). */
export async function tableContent(engine: Engine): Promise<{ episodes: unknown[]; assessments: unknown[] }> {
  const episodes = await sql`select episode_id, patient_id, site_id, level_of_care, asam_level, track, modality, admitted_on, discharged_on,
      discharge_reason, sessions_scheduled, sessions_attended, hours_attended, age_band, gender, race_ethnicity, payer, would_recommend
    from episodes order by episode_id`.execute(engine.db);
  const assessments = await sql`select episode_id, instrument, assessed_on, timepoint_label, total_score, items::text as items
    from assessments order by episode_id, instrument, assessed_on`.execute(engine.db);
  return { episodes: episodes.rows, assessments: assessments.rows };
}

export async function countRows(engine: Engine): Promise<Record<string, number>> {
  const { rows } = await sql<{ t: string; n: number }>`
    select 'episodes' as t, count(*) as n from episodes union all select 'assessments', count(*) from assessments
    union all select 'ledger', count(*) from ingest_ledger union all select 'quarantine', count(*) from quarantine
    union all select 'changes', count(*) from ingest_changes`.execute(engine.db);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * Loads the files into a fresh database and returns what pass 1 proved of each, the way each
 * was staged (and whether as a first load, pipelines/first-load.ts), and the core rows, quarantine and ledger (to compare two ways of loading).
 */
export async function loadFiles(kind: TestEngineKind, files: readonly string[], options: IngestOptions = {}) {
  const engine = await openFreshEngine(kind);
  try {
    const facts: FileFacts[] = [];
    const ways: StagingWay[] = [];
    const firstLoads: boolean[] = [];
    const onStaged = (w: StagingWay, firstLoad: boolean) => {
      ways.push(w);
      firstLoads.push(firstLoad);
    };
    for (const file of files) await ingestFile(engine, file, { ...options, onFacts: (f) => facts.push(f), onStaged });
    const quarantine = await sql`select file_name, line, column_name, reason, raw_row from quarantine order by file_name, line`.execute(engine.db);
    const ledger = await sql`select file_name, rows_read, inserted, updated, unchanged, quarantined, reasons::text as reasons from ingest_ledger order by ingest_id`.execute(engine.db);
    return { facts, ways, firstLoads, content: { ...(await tableContent(engine)), quarantine: quarantine.rows, ledger: ledger.rows } };
  } finally {
    await engine.close();
  }
}
