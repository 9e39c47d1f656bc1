// Migration 0008: the ledger records FHIR resource files (DESIGN.md "FHIR mapping"): kind
// `fhir`, the resource type the file holds, and the resources skipped by reason (`other_code`,
// `status`, `outside_episodes`, `resource_type`), so every resource of an export is accounted
// for — loaded, quarantined, or skipped — in the ledger as in `ingest --json`; and the
// quarantine's reason `unparseable_resource`, a line of a resource file that is not JSON.
import { type Kysely, sql } from "kysely";

/** The quarantine reasons of migration 0001 (this file never changes meaning). */
const REASONS = ["missing_required", "bad_date", "bad_number", "bad_code", "unknown_instrument", "score_out_of_range", "item_out_of_range", "items_total_mismatch", "items_incomplete", "unknown_episode", "unknown_level_of_care", "date_order", "duplicate_in_file", "field_too_long", "wrong_column_count"];

async function setReasons(db: Kysely<unknown>, reasons: readonly string[]): Promise<void> {
  await sql`alter table quarantine drop constraint quarantine_reason_check`.execute(db);
  await sql`alter table quarantine add constraint quarantine_reason_check check (reason in (${sql.join(reasons.map((r) => sql.lit(r)))}))`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ingest_ledger drop constraint ingest_ledger_kind_check`.execute(db);
  await sql`alter table ingest_ledger add constraint ingest_ledger_kind_check check (kind in ('episodes', 'assessments', 'redcap', 'fhir'))`.execute(db);
  await sql`alter table ingest_ledger add column resource_type text`.execute(db);
  await sql`alter table ingest_ledger add column skipped jsonb not null default '{}'`.execute(db);
  await setReasons(db, [...REASONS, "unparseable_resource"]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setReasons(db, REASONS);
  await sql`alter table ingest_ledger drop column skipped`.execute(db);
  await sql`alter table ingest_ledger drop column resource_type`.execute(db);
  await sql`alter table ingest_ledger drop constraint ingest_ledger_kind_check`.execute(db);
  await sql`alter table ingest_ledger add constraint ingest_ledger_kind_check check (kind in ('episodes', 'assessments', 'redcap'))`.execute(db);
}
