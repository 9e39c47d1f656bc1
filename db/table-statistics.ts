// Planner statistics of the keyed tables, refreshed inside an ingest when the ingest itself has
// grown a table past what they describe.
//
// Why: once a table has been analyzed (pg_class.reltuples ≥ 0), the planner trusts its recorded
// size. An ingest killed after inserting rows leaves only dead rows; autovacuum then records the
// table as empty, and the next ingest — whose rows are its own, uncommitted, unseen by the
// statistics — planned its checks and date matches as nested loops over "one row", each loop a
// scan of every episode: a 6,000-episode FHIR export took minutes instead of 7 s. ANALYZE inside
// the transaction counts the transaction's own inserted rows as live (PostgreSQL's analyze.c,
// acquire_sample_rows) and samples at most 300 × default_statistics_target rows, so it costs
// about the same on any size of table.
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Those of `tables` into which this transaction has inserted more rows than their statistics
 * say the whole table holds (by over a thousand): their plans would assume a far smaller table.
 * A table never analyzed (reltuples < 0) is left alone: the planner then measures its size.
 */
async function grownTables(db: Kysely<Database>, tables: readonly (keyof Database)[]): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.oid in (${sql.join(tables.map((t) => sql`${t}::regclass`))}) and c.reltuples >= 0
      and pg_stat_get_xact_tuples_inserted(c.oid) > c.reltuples + 1000`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Analyzes those of `tables` that this transaction has grown past their statistics; a no-op on
 * Citus' coordinator, whose distributed tables take no rows of their own.
 */
export async function refreshGrownStatistics(db: Kysely<Database>, tables: readonly (keyof Database)[]): Promise<void> {
  for (const name of await grownTables(db, tables)) await sql`analyze ${sql.table(name)}`.execute(db);
}
