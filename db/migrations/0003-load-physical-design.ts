// Migration 0003: physical design for fast loading, measured on the 1M-row
// benchmark (2 cores, PostgreSQL 15, database locale C.UTF-8):
// - Byte-order ("C") collation for the key columns the ingest sorts, joins and indexes on.
//   Identifiers such as E0000123 or site codes need no linguistic order, and under a libc
//   locale every btree comparison goes through strcoll with abbreviated sort keys disabled.
//   For UTF-8 text, byte order is code-point order, which is what C.UTF-8 sorts by, so
//   ORDER BY results do not change.
// - No secondary index on assessments (instrument, episode_id). Keeping it up to date cost
//   2–3 s per million inserted rows, more than the primary key itself, while the analyses
//   read a large share of an instrument's rows, where a sequential scan is as fast as the
//   bitmap scan the index allowed.
// COPY of 1M typed rows into the assessments table: 7.0 s before, 2.1 s after.
import { type Kysely, sql } from "kysely";

const KEYS: readonly (readonly [table: string, columns: readonly string[]])[] = [
  ["sites", ["site_id"]],
  ["episodes", ["episode_id", "site_id"]],
  ["assessments", ["episode_id", "instrument"]],
  ["ingest_changes", ["episode_id"]],
];

async function setKeyCollation(db: Kysely<unknown>, collation: "C" | "default"): Promise<void> {
  for (const [table, columns] of KEYS) {
    const changes = columns.map((c) => sql`alter column ${sql.ref(c)} type text collate ${sql.raw(`"${collation}"`)}`);
    await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index assessments_instrument`.execute(db);
  await setKeyCollation(db, "C");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setKeyCollation(db, "default");
  await sql`create index assessments_instrument on assessments (instrument, episode_id)`.execute(db);
}
