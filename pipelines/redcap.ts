// The built-in REDCap profile: a raw REDCap export has one row per record × event
// (`record_id`, `redcap_event_name`), a date field, and item fields per instrument
// (`phq9_1`…`phq9_9`, `gad7_1`…, optional `phq9_total`). The staged raw rows are reshaped in
// SQL into canonical long assessment rows (one per record × event × instrument that has any
// answer), which then pass the same validation as a canonical assessments file.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { INSTRUMENTS, type InstrumentCode } from "../domain/instruments.ts";

export interface RedcapProfile {
  record: string;
  event: string;
  /** The column holding the date the instruments were given. */
  date: string;
  /** redcap_event_name → timepoint label. */
  events: Record<string, string>;
  /** Field-name prefix of each instrument's items; the total is `<prefix>total` when present. */
  instruments: Partial<Record<InstrumentCode, string>>;
}

export const DEFAULT_REDCAP_PROFILE: RedcapProfile = {
  record: "record_id",
  event: "redcap_event_name",
  date: "assessment_date",
  events: { intake_arm_1: "intake", discharge_arm_1: "discharge", "6_month_followup_arm_1": "followup_6m" },
  instruments: { PHQ9: "phq9_", GAD7: "gad7_", PCL5: "pcl5_", ISI: "isi_", PSQI: "psqi_", SWLS: "swls_", AUDITC: "auditc_", DAST10: "dast10_", DAYS_USE: "days_use_" },
};

/** Columns a REDCap header must or may have under this profile (others are ignored). */
export function redcapRequired(profile: RedcapProfile): string[] {
  return [profile.record, profile.event, profile.date];
}

/** Reshapes `continuum_raw` (REDCap columns) into `continuum_stage` (canonical long columns). */
export async function reshapeRedcap(db: Kysely<Database>, columns: readonly string[], profile: RedcapProfile): Promise<string[]> {
  const pieces = [];
  let maxItems = 0;
  for (const [code, prefix] of Object.entries(profile.instruments) as [InstrumentCode, string][]) {
    const count = INSTRUMENTS[code].items?.count ?? 0;
    const itemFields = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`).filter((f) => columns.includes(f));
    const totalField = [`${prefix}total`, `${prefix.replace(/_$/, "")}_total`, prefix.replace(/_$/, "")].find((f) => columns.includes(f));
    if (!itemFields.length && !totalField) continue;
    maxItems = Math.max(maxItems, count);
    const itemText = (i: number) => (columns.includes(`${prefix}${i}`) ? sql.ref(`r.${prefix}${i}`) : sql`null::text`);
    const any = sql.join([...itemFields, ...(totalField ? [totalField] : [])].map((f) => sql`nullif(btrim(${sql.ref(`r.${f}`)}), '') is not null`), sql` or `);
    pieces.push({ code, count, itemText, totalField, any });
  }
  if (!pieces.length) return ["episode_id", "instrument", "assessed_on", "timepoint", "total_score"];
  const eventCase = sql`case ${sql.ref(`r.${profile.event}`)} ${sql.join(Object.entries(profile.events).map(([e, t]) => sql`when ${sql.lit(e)} then ${sql.lit(t)}`), sql` `)} else ${sql.ref(`r.${profile.event}`)} end`;
  const selects = pieces.map(
    (p) => sql`select r.line, ${sql.ref(`r.${profile.record}`)} as episode_id, ${sql.lit(p.code)} as instrument,
      ${sql.ref(`r.${profile.date}`)} as assessed_on, ${eventCase} as timepoint,
      ${p.totalField ? sql.ref(`r.${p.totalField}`) : sql`null::text`} as total_score,
      ${sql.join(Array.from({ length: maxItems }, (_, i) => sql`${i < p.count ? p.itemText(i + 1) : sql`null::text`} as ${sql.id(`item_${i + 1}`)}`))}
      from continuum_raw r where ${p.any}`,
  );
  await sql`create temp table continuum_stage on commit drop as ${sql.join(selects, sql` union all `)}`.execute(db);
  return ["episode_id", "instrument", "assessed_on", "timepoint", "total_score", ...Array.from({ length: maxItems }, (_, i) => `item_${i + 1}`)];
}
