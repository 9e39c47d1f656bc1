// Migration 0001: the core schema. Frozen once released: later changes are new
// migrations. Enum and range lists are written out literally (not imported from domain/) so
// this file never changes meaning; tests/db/constraints.test.ts checks that they agree
// with the instrument catalog and vocabulary.
//
// Keys are chosen for Citus: every large table's primary key starts with `episode_id`, the
// distribution column, so episodes, assessments and change records co-locate by episode and
// their foreign keys stay shard-local; sites and the ingest ledger are small reference tables.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sites (
      site_id text primary key check (site_id <> ''),
      name text
    );

    create table ingest_ledger (
      ingest_id integer generated always as identity primary key,
      file_name text not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      kind text not null check (kind in ('episodes', 'assessments', 'redcap')),
      profile text,
      status text not null check (status in ('running', 'loaded', 'failed', 'refused')),
      rows_read integer not null default 0 check (rows_read >= 0),
      inserted integer not null default 0 check (inserted >= 0),
      updated integer not null default 0 check (updated >= 0),
      unchanged integer not null default 0 check (unchanged >= 0),
      quarantined integer not null default 0 check (quarantined >= 0),
      reasons jsonb not null default '{}'::jsonb,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      message text
    );
    -- The same bytes load once: at most one successful ledger row per content hash.
    create unique index ingest_ledger_loaded_once on ingest_ledger (sha256) where status = 'loaded';

    create table episodes (
      episode_id text primary key check (episode_id <> ''),
      patient_id text not null check (patient_id <> ''),
      site_id text not null references sites (site_id),
      level_of_care text not null check (level_of_care in ('OP', 'IOP', 'PHP', 'RES', 'INP')),
      asam_level text,
      track text check (track in ('MH', 'SUD', 'COD')),
      modality text check (modality in ('in_person', 'virtual', 'hybrid')),
      admitted_on date not null,
      discharged_on date,
      discharge_reason text check (discharge_reason in
        ('completed', 'left_early', 'transferred_up', 'transferred_down', 'administrative', 'other')),
      sessions_scheduled integer check (sessions_scheduled >= 0),
      sessions_attended integer check (sessions_attended >= 0),
      hours_attended numeric(8, 2) check (hours_attended >= 0),
      age_band text,
      gender text,
      race_ethnicity text,
      payer text,
      would_recommend text check (would_recommend in ('yes', 'no')),
      ingest_id integer not null references ingest_ledger (ingest_id),
      constraint episodes_date_order check (discharged_on >= admitted_on),
      constraint episodes_reason_needs_discharge check (discharge_reason is null or discharged_on is not null)
    );
    create index episodes_site on episodes (site_id);

    create table assessments (
      episode_id text not null references episodes (episode_id),
      instrument text not null check (instrument in
        ('PHQ9', 'GAD7', 'PCL5', 'ISI', 'PSQI', 'SWLS', 'BAM', 'AUDITC', 'DAST10', 'DAYS_USE')),
      assessed_on date not null,
      timepoint_label text check (timepoint_label in ('intake', 'discharge', 'followup_6m')),
      total_score double precision not null,
      items smallint[],
      ingest_id integer not null references ingest_ledger (ingest_id),
      primary key (episode_id, instrument, assessed_on),
      constraint assessments_total_in_range check (case instrument
        when 'PHQ9' then total_score between 0 and 27
        when 'GAD7' then total_score between 0 and 21
        when 'PCL5' then total_score between 0 and 80
        when 'ISI' then total_score between 0 and 28
        when 'PSQI' then total_score between 0 and 21
        when 'SWLS' then total_score between 5 and 35
        when 'BAM' then total_score between 0 and 12
        when 'AUDITC' then total_score between 0 and 12
        when 'DAST10' then total_score between 0 and 10
        when 'DAYS_USE' then total_score between 0 and 30
      end),
      -- Items: the instrument's count, each inside its range (a null element = unanswered).
      constraint assessments_items_shape check (items is null or case instrument
        when 'PHQ9' then cardinality(items) = 9 and 0 <= all (items) and 3 >= all (items)
        when 'GAD7' then cardinality(items) = 7 and 0 <= all (items) and 3 >= all (items)
        when 'PCL5' then cardinality(items) = 20 and 0 <= all (items) and 4 >= all (items)
        when 'ISI' then cardinality(items) = 7 and 0 <= all (items) and 4 >= all (items)
        when 'PSQI' then cardinality(items) = 7 and 0 <= all (items) and 3 >= all (items)
        when 'SWLS' then cardinality(items) = 5 and 1 <= all (items) and 7 >= all (items)
        when 'BAM' then cardinality(items) = 3 and 0 <= all (items) and 4 >= all (items)
        when 'AUDITC' then cardinality(items) = 3 and 0 <= all (items) and 4 >= all (items)
        when 'DAST10' then cardinality(items) = 10 and 0 <= all (items) and 1 >= all (items)
        else false
      end)
    );
    create index assessments_instrument on assessments (instrument, episode_id);

    create table ingest_changes (
      change_id bigint generated always as identity,
      episode_id text not null,
      ingest_id integer not null references ingest_ledger (ingest_id),
      table_name text not null check (table_name in ('episodes', 'assessments')),
      natural_key text not null,
      column_name text not null,
      old_value text,
      new_value text,
      primary key (episode_id, change_id)
    );

    create table quarantine (
      quarantine_id bigint generated always as identity primary key,
      ingest_id integer not null references ingest_ledger (ingest_id),
      file_name text not null,
      line integer not null check (line >= 1),
      column_name text,
      reason text not null check (reason in ('missing_required', 'bad_date', 'bad_number',
        'bad_code', 'unknown_instrument', 'score_out_of_range', 'item_out_of_range',
        'items_total_mismatch', 'items_incomplete', 'unknown_episode', 'unknown_level_of_care',
        'date_order', 'duplicate_in_file', 'field_too_long', 'wrong_column_count')),
      raw_row text not null
    );
    create index quarantine_ingest on quarantine (ingest_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table quarantine, ingest_changes, assessments, episodes, ingest_ledger, sites`.execute(db);
}
