// Migration 0009: extended statistics on `comparison_pairs` for the GROUP BY of the change
// histogram (queries/marts/paired-change-counts.ts): how many distinct instrument ×
// comparison × change × quarter-of-due-date combinations it holds. The quarter is an
// expression, for which the planner otherwise assumes 200 values, and it multiplies its
// guesses of each column apart: for the quarterly report's trend (8 quarters by site) at 10M
// assessments it expected 3.3M groups where there were 7k, and sorted 3.8M pairs on disk
// instead of hashing them (EXPLAIN ANALYZE on the 2-core VM: 7.1 s → 4.0 s). The expression
// must be written as queries/staging/episodes.ts's quarterOf writes it, or it is not matched.
// Filled by every ANALYZE of the table (db/derived-tables.ts runs one after a bulk refresh),
// and here at once, for a database that already holds its pairs.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create statistics comparison_pairs_change_groups (ndistinct) on instrument, comparison, change, (to_char(due_on, 'YYYY"Q"Q')) from comparison_pairs`.execute(db);
  await sql`analyze comparison_pairs`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop statistics comparison_pairs_change_groups`.execute(db);
}
