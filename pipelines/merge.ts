// Merging validated rows (`continuum_good`) into a core table in the file's transaction:
// new natural keys are inserted; an existing key whose values differ is updated and each
// changed column recorded (old → new) in ingest_changes; identical rows count as unchanged.
// Comparison is on the typed values rendered as text, so `1.0` and `1` are the same number.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

interface TableSpec {
  table: "episodes" | "assessments";
  key: readonly string[];
  columns: readonly string[];
}

export const EPISODES_MERGE: TableSpec = {
  table: "episodes",
  key: ["episode_id"],
  columns: ["patient_id", "site_id", "level_of_care", "asam_level", "track", "modality", "admitted_on", "discharged_on", "discharge_reason", "sessions_scheduled", "sessions_attended", "hours_attended", "age_band", "gender", "race_ethnicity", "payer", "would_recommend"],
};

export const ASSESSMENTS_MERGE: TableSpec = {
  table: "assessments",
  key: ["episode_id", "instrument", "assessed_on"],
  columns: ["timepoint_label", "total_score", "items"],
};

export async function mergeGoodRows(db: Kysely<Database>, spec: TableSpec, ingestId: number): Promise<MergeCounts> {
  const { table, key, columns } = spec;
  const t = sql.table(table);
  const keyMatch = sql.join(key.map((k) => sql`c.${sql.ref(k)} = g.${sql.ref(k)}`), sql` and `);
  const naturalKey = sql.join(key.map((k) => sql`g.${sql.ref(k)}::text`), sql` || '|' || `);
  if (table === "episodes") {
    await sql`insert into sites (site_id) select distinct site_id from continuum_good on conflict do nothing`.execute(db);
  }
  const changes = await sql<{ n: number }>`
    with changed as (
      insert into ingest_changes (episode_id, ingest_id, table_name, natural_key, column_name, old_value, new_value)
      select g.episode_id, ${ingestId}::int, ${table}::text, ${naturalKey}, v.column_name, v.old_value, v.new_value
      from continuum_good g join ${t} c on ${keyMatch}
      cross join lateral (values ${sql.join(columns.map((name) => sql`(${name}, c.${sql.ref(name)}::text, g.${sql.ref(name)}::text)`))})
        as v(column_name, old_value, new_value)
      where v.old_value is distinct from v.new_value
      returning natural_key
    )
    select count(distinct natural_key) as n from changed`.execute(db);
  const matched = await sql<{ n: number }>`select count(*) as n from continuum_good g join ${t} c on ${keyMatch}`.execute(db);
  await sql`
    update ${t} c set ${sql.join(columns.map((name) => sql`${sql.ref(name)} = g.${sql.ref(name)}`))}, ingest_id = ${ingestId}
    from continuum_good g
    where ${keyMatch} and (${sql.join(columns.map((name) => sql`c.${sql.ref(name)}`))}) is distinct from (${sql.join(columns.map((name) => sql`g.${sql.ref(name)}`))})`.execute(db);
  const inserted = await sql`
    insert into ${t} (${sql.join([...key, ...columns, "ingest_id"].map((c) => sql.ref(c)))})
    select ${sql.join([...key, ...columns].map((c) => sql`g.${sql.ref(c)}`))}, ${ingestId}::int
    from continuum_good g
    where not exists (select 1 from ${t} c where ${keyMatch})`.execute(db);
  const updated = Number(changes.rows[0].n);
  return { inserted: Number(inserted.numAffectedRows ?? 0), updated, unchanged: Number(matched.rows[0].n) - updated };
}
