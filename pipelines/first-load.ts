// A first load of assessments: the checked way (pipelines/stage-checked.ts) COPYs the good
// rows straight into `assessments` instead of into `continuum_checked` for the merge to insert
// them from there. Each good row is then written once instead of twice (docs/performance.md,
// "A first load written once").
//
// Taken only when nothing is lost by it:
// - the table is empty (under the ingest lock, so it stays so): every good row is new, and the
//   merge would have inserted exactly them, stamped with the ingest's id;
// - the episodes are locked against change (lockParents) and row triggers may be turned off
//   (pipelines/merge.ts): the foreign key's check is then the unknown_episode check that runs
//   after the COPY (pipelines/stage-checked.ts checkEpisodesExist), which moves such rows to
//   the quarantine as validation would have; CHECKs and NOT NULL still apply, and the primary
//   key when it is added back (the file's keys are unique by then: pass 1 proved it);
// - not on Citus, whose workers would not see the setting;
// - the role has the table owner's privileges (ownsAssessments).
// The primary key is dropped for the COPY and built once after the rows, as PostgreSQL's manual
// advises for populating a table ("Populating a Database"; 1M rows on the server: see
// docs/performance.md). Dropping it holds an exclusive lock on `assessments` until commit: a
// reader waits for the first load instead of reading the empty table, as readers of the derived
// tables already wait for their whole re-derivation (db/derived-tables.ts). In the embedded
// engine the table is also emptied by TRUNCATE, so that its rows skip the WAL (pipelines/merge.ts
// emptyForFirstLoad). All of it happens inside the checked way's savepoint
// (pipelines/stage.ts), so a file that leaves that way mid-read leaves the table as it was.
import { type Kysely, sql } from "kysely";
import { hasCitus } from "../db/citus.ts";
import type { Database } from "../db/schema.ts";
import { addPrimaryKey, dropPrimaryKey, emptyForFirstLoad, hasRows, type PrimaryKey, rowTriggersOff } from "./merge.ts";

export interface FirstLoad {
  ingestId: number;
  /** The primary key dropped for the load, added back by closeFirstLoad. */
  primaryKey: PrimaryKey;
}

/** Prepares a first load of `assessments`, or returns null when it may not be one. */
export async function openFirstLoad(
  db: Kysely<Database>,
  ingestId: number,
  { parentsLocked, soleSession }: { parentsLocked: boolean; soleSession: boolean },
): Promise<FirstLoad | null> {
  if (!parentsLocked || (await hasRows(db, "assessments")) || (await hasCitus(db)) || !(await ownsAssessments(db))) return null;
  if (!(await rowTriggersOff(db))) return null;
  return { ingestId, primaryKey: soleSession ? await emptyForFirstLoad(db, "assessments") : await dropPrimaryKey(db, "assessments") };
}

/**
 * Whether the role has the privileges of the owner of `assessments`: it may then drop and add
 * the key and delete the rows of unknown episodes, which the ingest role alone may not (db/roles.ts).
 */
async function ownsAssessments(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ owns: boolean }>`select pg_has_role(relowner, 'USAGE') as owns from pg_class where oid = 'assessments'::regclass`.execute(db);
  return rows[0].owns;
}

/** The rows loaded (all of the table's: it was empty), after the primary key is back and row triggers are on again. */
export async function closeFirstLoad(db: Kysely<Database>, load: FirstLoad): Promise<number> {
  await addPrimaryKey(db, "assessments", load.primaryKey);
  await sql`set local session_replication_role = origin`.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from assessments`.execute(db);
  return rows[0].n;
}
