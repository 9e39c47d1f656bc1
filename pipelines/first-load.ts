// A first load of assessments: the checked way (pipelines/stage-checked.ts) COPYs the good
// rows straight into `assessments` instead of into `continuum_checked` for the merge to insert
// them from there. Each good row is then written once instead of twice (1M rows on the 2-core
// VM, server: the rows' phases 5.75 → 3.5 s, the whole ingest 12.1 → 9.9 s; docs/performance.md
// "A first load written once").
//
// Taken only when nothing is lost by it:
// - the table is empty (under the ingest lock, so it stays so): every good row is new, and the
//   merge would have inserted exactly them, stamped with the ingest's id;
// - the episodes are locked against change (lockParents) and row triggers may be turned off
//   (pipelines/merge.ts): the foreign key's check is then the unknown_episode check that runs
//   after the COPY (pipelines/stage-checked.ts checkEpisodesExist), which moves such rows to
//   the quarantine as validation would have; CHECKs, NOT NULL and the primary key still apply;
// - not on Citus, whose workers would not see the setting.
// In the embedded engine the table is also emptied by TRUNCATE and its primary key dropped, to
// be built once after the rows, as the merge does for a first load there (merge.ts
// emptyForFirstLoad). All of it happens inside the checked way's savepoint (pipelines/stage.ts),
// so a file that leaves that way mid-read leaves the table as it found it.
import { type Kysely, sql } from "kysely";
import { hasCitus } from "../db/citus.ts";
import type { Database } from "../db/schema.ts";
import { emptyForFirstLoad, hasRows, rowTriggersOff } from "./merge.ts";

export interface FirstLoad {
  ingestId: number;
  /** The primary key dropped for the load, added back by closeFirstLoad. */
  primaryKey: { name: string; definition: string } | null;
}

/** Prepares a first load of `assessments`, or returns null when it may not be one. */
export async function openFirstLoad(
  db: Kysely<Database>,
  ingestId: number,
  { parentsLocked, soleSession }: { parentsLocked: boolean; soleSession: boolean },
): Promise<FirstLoad | null> {
  if (!parentsLocked || (await hasRows(db, "assessments")) || (await hasCitus(db))) return null;
  if (!(await rowTriggersOff(db))) return null;
  return { ingestId, primaryKey: soleSession ? await emptyForFirstLoad(db, "assessments") : null };
}

/** The rows loaded (all of the table's: it was empty), after the primary key is back and row triggers are on again. */
export async function closeFirstLoad(db: Kysely<Database>, load: FirstLoad): Promise<number> {
  if (load.primaryKey) await sql`alter table assessments add constraint ${sql.id(load.primaryKey.name)} ${sql.raw(load.primaryKey.definition)}`.execute(db);
  await sql`set local session_replication_role = origin`.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from assessments`.execute(db);
  return rows[0].n;
}
