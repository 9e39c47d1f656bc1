// Distribution on Citus (DESIGN.md "Data flow"): when the database has the `citus`
// extension, the large tables are distributed by `episode_id` and co-located — episodes,
// assessments, ingest_changes — so their foreign keys and every per-episode join stay on one
// shard (and the derived timepoint_scores, comparison_pairs and episode_pathways, migrations 0004–0006); the small `sites` and `ingest_ledger` become reference tables (a copy on every node).
// `quarantine` (rows that may not name a valid episode) stays on the coordinator; Citus keeps
// it as a "local table added to metadata" because of its foreign key to the ledger.
//
// No schema change is needed for this: the keys were chosen for it in migration 0001. What
// Citus refuses is distributing tables while foreign keys join them to tables not yet
// distributed (creating the first reference table turns every table linked to it into a
// Citus local table, which then cannot be distributed). So the foreign keys are dropped,
// the tables distributed in order, and the same keys added back, in one transaction; with
// sequential shard modification, which Citus requires for adding foreign keys after a
// parallel operation in the same transaction. On a database without Citus, nothing happens,
// so single-node behaviour is unchanged.
import { type Kysely, sql } from "kysely";

/** Foreign keys between the tables being distributed, as migration 0001 declared them. */
const FOREIGN_KEYS = [
  { table: "episodes", name: "episodes_site_id_fkey", definition: "foreign key (site_id) references sites (site_id)" },
  { table: "episodes", name: "episodes_ingest_id_fkey", definition: "foreign key (ingest_id) references ingest_ledger (ingest_id)" },
  { table: "assessments", name: "assessments_episode_id_fkey", definition: "foreign key (episode_id) references episodes (episode_id)" },
  { table: "assessments", name: "assessments_ingest_id_fkey", definition: "foreign key (ingest_id) references ingest_ledger (ingest_id)" },
  { table: "ingest_changes", name: "ingest_changes_ingest_id_fkey", definition: "foreign key (ingest_id) references ingest_ledger (ingest_id)" },
  { table: "quarantine", name: "quarantine_ingest_id_fkey", definition: "foreign key (ingest_id) references ingest_ledger (ingest_id)" },
] as const;

export const REFERENCE_TABLES = ["sites", "ingest_ledger"] as const;
export const DISTRIBUTED_TABLES = ["episodes", "assessments", "ingest_changes", "timepoint_scores", "comparison_pairs", "episode_pathways"] as const;

/** Whether the connected database has the citus extension. */
export async function hasCitus(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select exists (select 1 from pg_extension where extname = 'citus') as present`.execute(db);
  return rows[0].present;
}

/**
 * Distributes the schema when the database has Citus and it is not distributed yet; returns
 * what it did ("distributed", "already_distributed" or "no_citus"). Idempotent.
 */
export async function distributeForCitus(db: Kysely<any>): Promise<"distributed" | "already_distributed" | "no_citus"> {
  if (!(await hasCitus(db))) return "no_citus";
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_dist_partition where logicalrelid = 'episodes'::regclass and partmethod = 'h'`.execute(db);
  if (rows[0].n > 0) {
    // A table a later migration added (e.g. timepoint_scores, 0004) to an already distributed
    // schema is distributed on its own, co-located with episodes; it has no foreign keys.
    for (const table of DISTRIBUTED_TABLES) {
      const { rows: done } = await sql<{ n: number }>`select count(*)::int as n from pg_dist_partition where logicalrelid = ${table}::regclass`.execute(db);
      if (done[0].n === 0) await sql`select create_distributed_table(${table}, 'episode_id', colocate_with => 'episodes')`.execute(db);
    }
    return "already_distributed";
  }
  await db.transaction().execute(async (tx) => {
    await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(tx);
    for (const fk of FOREIGN_KEYS) await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(tx);
    for (const table of REFERENCE_TABLES) await sql`select create_reference_table(${table})`.execute(tx);
    for (const table of DISTRIBUTED_TABLES) await sql`select create_distributed_table(${table}, 'episode_id', colocate_with => ${table === "episodes" ? "default" : "episodes"})`.execute(tx);
    for (const fk of FOREIGN_KEYS) await sql`alter table ${sql.table(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(tx);
  });
  return "distributed";
}
