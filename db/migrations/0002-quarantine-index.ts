// quarantine_index: the quarantine without its raw rows — what reports may read (counts and
// positions of refused input for data-quality findings and manifests) while the raw text of
// refused rows stays readable only by the ingest role (db/roles.ts). A plain view runs with
// its owner's privileges, so granting it does not grant the table.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create view quarantine_index as select quarantine_id, ingest_id, file_name, line, column_name, reason from quarantine`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view quarantine_index`.execute(db);
}
