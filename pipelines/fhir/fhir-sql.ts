// The set-wise half of the FHIR adapter (DESIGN.md "FHIR mapping"): staged resource parts
// (temporary tables filled by COPY, pipelines/fhir/fhir-stage.ts) become canonical rows in
// `continuum_stage`, which the CSV path's validation, quarantine and merge then take as they
// take a canonical file. Episodes take their modality and discharge reason from their
// Encounters and their demographics from discarded-identifier Patients; assessments are
// assembled from panels and their members and find their episode through their Encounter or,
// without one, by the patient and the date.
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { refreshGrownStatistics } from "../../db/table-statistics.ts";
import { EPISODE_COLUMNS } from "../../domain/columns.ts";
import { DISPOSITION_REASONS, OTHER_DISPOSITION } from "../../domain/fhir-codes.ts";
import { INSTRUMENT_CODES, INSTRUMENTS } from "../../domain/instruments.ts";
import { DEFAULT_WINDOWS } from "../../domain/timepoints.ts";
import { AGE_BANDS } from "../../domain/vocabulary.ts";
import { isIsoDate } from "../sql-checks.ts";

/** Items a form (panel or questionnaire) can carry: the longest LOINC form in the catalog. */
export const FORM_ITEMS = Math.max(...INSTRUMENT_CODES.map((c) => INSTRUMENTS[c].loincForm?.items.length ?? 0));
export const FORM_ITEM_COLUMNS = Array.from({ length: FORM_ITEMS }, (_, k) => `item_${k + 1}`);

export const TABLES = {
  encounter: { name: "fhir_encounter", columns: ["line", "encounter_id", "episode_id", "virtual", "disposition", "started_on"] },
  patient: { name: "fhir_patient", columns: ["line", "patient_id", "gender", "born_from", "born_to", "race_ethnicity"] },
  episode: { name: "fhir_episode", columns: ["line", "episode_id", "patient_id", "site_id", "level_of_care", "track", "admitted_on", "discharged_on"] },
  part: { name: "fhir_part", columns: ["line", "id", "role", "instrument", "item", "value", ...FORM_ITEM_COLUMNS, "assessed_on", "encounter", "patient", "members"] },
  bad: { name: "fhir_bad", columns: ["line", "reason", "raw_row"] },
} as const;
export type StagedTable = keyof typeof TABLES;

const TYPES: Record<string, string> = { line: "int", item: "int", virtual: "boolean", born_from: "date", born_to: "date" };

/** Creates the staging tables of the whole call (encounters, patients) or of one file (the rest). */
export async function createStaged(db: Kysely<Database>, which: StagedTable): Promise<void> {
  const t = TABLES[which];
  const columns = sql.join(t.columns.map((c) => sql`${sql.id(c)} ${sql.raw(TYPES[c] ?? 'text collate "C"')}`));
  await sql`create temp table ${sql.table(t.name)} (${columns}) on commit drop`.execute(db);
}

/** Drops what one file's pass leaves (the CSV path's tables are made once per transaction). */
export async function dropFileTables(db: Kysely<Database>): Promise<void> {
  await sql`drop table if exists fhir_episode, fhir_age_band, fhir_part, fhir_bad, fhir_member, fhir_assembled, fhir_encounter_episode, fhir_by_date,
    continuum_stage, continuum_checked, continuum_duplicate_keys, continuum_existing, continuum_changes`.execute(db);
}

const dischargeReason = (d: RawBuilder<unknown>) =>
  sql<string>`case when ${d} is null then null ${sql.join(Object.entries(DISPOSITION_REASONS).map(([code, reason]) => sql`when ${d} = ${sql.lit(code)} then ${sql.lit(reason)}`), sql` `)} else ${sql.lit(OTHER_DISPOSITION)} end`;

/** Per episode: modality from its encounters' class, discharge reason from the latest disposition. */
const ENCOUNTER_FACTS = sql`(select episode_id,
    case when count(virtual) = 0 then null when bool_and(virtual) then 'virtual' when bool_or(virtual) then 'hybrid' else 'in_person' end as modality,
    ${dischargeReason(sql`(array_agg(disposition order by started_on desc nulls last, line desc) filter (where disposition is not null))[1]`)} as discharge_reason
  from fhir_encounter where episode_id is not null group by episode_id)`;

const PATIENT_FACTS = sql`(select distinct on (patient_id) patient_id, gender, born_from, born_to, race_ethnicity from fhir_patient order by patient_id, line desc)`;

/** The age band (domain/vocabulary.ts AGE_BANDS) an age in whole years falls in, else null. */
function bandOf(age: RawBuilder<unknown>) {
  const branches = AGE_BANDS.map((b) => {
    const [lo, hi] = b.endsWith("+") ? [Number(b.slice(0, -1)), 200] : b.split("-").map(Number);
    return sql`when ${age} between ${sql.lit(lo)} and ${sql.lit(hi)} then ${sql.lit(b)}`;
  });
  return sql<string>`(case ${sql.join(branches, sql` `)} end)`;
}

/**
 * The age band at admission of each staged episode whose patient this call gives a birth date
 * for: the band when the first and the last day the birth date can be both give it. Plain date
 * comparisons over a materialised table (the same test through age() in the staging select
 * cost 150 µs an episode): the youngest age is ≥ lo when born_to + lo years ≤ admission, the
 * oldest ≤ hi when born_from + (hi + 1) years > admission.
 */
async function stageAgeBands(db: Kysely<Database>): Promise<void> {
  const branches = AGE_BANDS.map((b) => {
    const [lo, hi] = b.endsWith("+") ? [Number(b.slice(0, -1)), 199] : b.split("-").map(Number);
    return sql`when x.born_to + ${sql.lit(`${lo} years`)}::interval <= x.admitted and x.born_from + ${sql.lit(`${hi + 1} years`)}::interval > x.admitted then ${sql.lit(b)}`;
  });
  await sql`create temp table fhir_age_band on commit drop as
    select x.line, case ${sql.join(branches, sql` `)} end as age_band
    from (select f.line, (case when ${isIsoDate(sql`f.admitted_on`)} then f.admitted_on::date end) as admitted, p.born_from, p.born_to
      from fhir_episode f join ${PATIENT_FACTS} p on p.patient_id = f.patient_id where p.born_from is not null offset 0) x`.execute(db);
}

/**
 * `continuum_stage` (every canonical episode column, as text) from `fhir_episode`: the staged
 * EpisodeOfCare rows of a file, or ("facts") the stored episodes that this call's Encounters or
 * Patients speak of, copied there first. What FHIR does not carry (ASAM level, sessions, hours,
 * payer, would recommend) keeps the stored value, so a FHIR delivery never blanks a CSV's fields.
 */
export async function stageEpisodes(db: Kysely<Database>, base: "fhir_episode" | "facts"): Promise<void> {
  if (base === "facts") {
    await sql`create temp table fhir_episode on commit drop as
      select (row_number() over (order by e.episode_id))::int as line, e.episode_id, e.patient_id, e.site_id, e.level_of_care, e.track, e.admitted_on::text, e.discharged_on::text
      from episodes e where (e.episode_id in (select episode_id from fhir_encounter) or e.patient_id in (select patient_id from fhir_patient))
        and e.episode_id not in (select episode_id from fhir_loaded_episode)`.execute(db);
  }
  // Temporary tables have no statistics until analyzed (autovacuum never sees them): without
  // them the planner guessed a few hundred encounters and chose nested loops.
  await sql`analyze fhir_encounter, fhir_patient, fhir_episode`.execute(db);
  await stageAgeBands(db);
  const value: Record<string, RawBuilder<unknown>> = {
    episode_id: sql`f.episode_id`,
    patient_id: sql`f.patient_id`,
    site_id: sql`f.site_id`,
    level_of_care: sql`f.level_of_care`,
    track: sql`coalesce(f.track, old.track)`,
    modality: sql`coalesce(enc.modality, old.modality)`,
    admitted_on: sql`f.admitted_on`,
    discharged_on: sql`f.discharged_on`,
    discharge_reason: sql`case when f.discharged_on is not null then coalesce(enc.discharge_reason, old.discharge_reason) end`,
    age_band: sql`coalesce(ab.age_band, old.age_band)`,
    gender: sql`coalesce(p.gender, old.gender)`,
    race_ethnicity: sql`coalesce(p.race_ethnicity, old.race_ethnicity)`,
  };
  const columns = EPISODE_COLUMNS.map((c) => sql`(${value[c] ?? sql.ref(`old.${c}`)})::text as ${sql.id(c)}`);
  await sql`create temp table continuum_stage on commit drop as
    select f.line, ${sql.join(columns)}
    from fhir_episode f left join episodes old on old.episode_id = f.episode_id
      left join ${ENCOUNTER_FACTS} enc on enc.episode_id = f.episode_id
      left join ${PATIENT_FACTS} p on p.patient_id = f.patient_id
      left join fhir_age_band ab on ab.line = f.line`.execute(db);
  await sql`insert into fhir_loaded_episode select episode_id from continuum_stage where episode_id is not null`.execute(db);
}

const INTAKE = DEFAULT_WINDOWS.find((w) => w.timepoint === "intake")!;
const FOLLOWUP = DEFAULT_WINDOWS.find((w) => w.timepoint === "followup_6m")!;
/** DESIGN.md: a patient's episode spans from 14 days before admission to the end of its six-month window (discharge + 227 days). */
export const SPAN_BEFORE = INTAKE.before;
export const SPAN_AFTER = FOLLOWUP.offsetDays + FOLLOWUP.after;

export interface AssembledCounts {
  /** Totals and items read as members of a panel. */
  used: number;
  /** Items outside any panel. */
  orphanItems: number;
  /** Assessments whose date lies in none of the patient's episodes. */
  outsideEpisodes: number;
}

/** `fhir_part` → `continuum_stage` (canonical assessment columns): panels assembled, episodes found. */
export async function stageAssessments(db: Kysely<Database>): Promise<AssembledCounts> {
  // Local to the transaction, as the derived-table refresh sets it: with the default 4 MB the
  // panels' grouping sorted on disk (PGlite's WebAssembly heap keeps what it grows to, so no more).
  await sql`set local work_mem = '32MB'`.execute(db);
  await sql`analyze fhir_part`.execute(db);
  await sql`create temp table fhir_member on commit drop as
    select p.line as panel_line, p.instrument, m.member_id from fhir_part p cross join unnest(string_to_array(p.members, ' ')) as m(member_id)
    where p.role = 'P'`.execute(db);
  await sql`analyze fhir_member`.execute(db);
  // Each panel's total and items from its members of the same instrument, grouped by the
  // panel's line alone (grouping by its text columns sorted 180k member rows on disk).
  const items = (rel: string) => FORM_ITEM_COLUMNS.map((c) => sql.ref(`${rel}.${c}`));
  const memberItems = FORM_ITEM_COLUMNS.map((c, k) => sql`max(o.value) filter (where o.role = 'I' and o.item = ${sql.lit(k + 1)}) as ${sql.id(c)}`);
  await sql`create temp table fhir_assembled on commit drop as
    select p.line, p.instrument, p.assessed_on, p.encounter, p.patient, g.total_score, ${sql.join(items("g"))}, g.used, g.items_used
    from fhir_part p left join (
      select m.panel_line, max(o.value) filter (where o.role = 'T') as total_score, ${sql.join(memberItems)},
        count(*)::int as used, count(*) filter (where o.role = 'I')::int as items_used
      from fhir_member m join fhir_part o on o.id = m.member_id and o.instrument = m.instrument and o.role in ('T', 'I')
      group by m.panel_line) g on g.panel_line = p.line
    where p.role = 'P'`.execute(db);
  // Totals and whole responses outside every panel, by a statement of their own: in one with the
  // panels (UNION ALL) the panels' hash tables were still held while this anti-join built its
  // own, and PGlite's WebAssembly heap, which never shrinks, kept the sum.
  await sql`insert into fhir_assembled
    select o.line, o.instrument, o.assessed_on, o.encounter, o.patient, o.value, ${sql.join(items("o"))}, 0, 0
    from fhir_part o
    where o.role in ('T', 'A') and not exists (select 1 from fhir_member mm where mm.member_id = o.id)`.execute(db);
  // Members read into a panel; items that no panel holds (not an assessment: skipped by code).
  const { rows: counted } = await sql<{ used: number; orphans: number }>`
    select (select coalesce(sum(used), 0) from fhir_assembled)::int as used,
      ((select count(*) from fhir_part where role = 'I') - (select coalesce(sum(items_used), 0) from fhir_assembled))::int as orphans`.execute(db);
  // The episode through the Encounter, else by patient and date (the latest admitted of those
  // whose span holds the date); a row whose date is missing or cannot be read keeps a
  // placeholder episode so that validation quarantines it (missing_required, bad_date) rather
  // than skipping it. The assembled rows are read twice (the few without an encounter's
  // episode, then all) rather than copied once more.
  await sql`create temp table fhir_encounter_episode on commit drop as
    select encounter_id, min(episode_id) as episode_id from fhir_encounter where episode_id is not null group by encounter_id`.execute(db);
  await sql`analyze fhir_assembled, fhir_encounter_episode`.execute(db);
  // The date match joins `episodes`, which this call may have grown (db/table-statistics.ts).
  await refreshGrownStatistics(db, ["episodes"]);
  // The date is checked only on the rows the encounter left without an episode (the inner
  // level's fence): in the scan, the check cost 1.5 s for the 306k assessments of a
  // 1M-Observation export, of which 70k needed it.
  await sql`create temp table fhir_by_date on commit drop as
    select distinct on (x.line) x.line, e.episode_id
    from (select y.line, y.patient, y.assessed_on::date as on_date
      from (select a.line, a.patient, a.assessed_on
        from fhir_assembled a left join fhir_encounter_episode ee on ee.encounter_id = a.encounter
        where ee.encounter_id is null and a.patient is not null offset 0) y
      where ${isIsoDate(sql`y.assessed_on`)} offset 0) x
      join episodes e on e.patient_id = x.patient and x.on_date >= e.admitted_on - ${sql.lit(SPAN_BEFORE)}::int
        and (e.discharged_on is null or x.on_date <= e.discharged_on + ${sql.lit(SPAN_AFTER)}::int)
    order by x.line, e.admitted_on desc, e.episode_id desc`.execute(db);
  // COALESCE stops at its first non-null argument, so the date is checked only where no episode was found.
  await sql`create temp table continuum_stage on commit drop as
    select a.line, coalesce(ee.episode_id, b.episode_id, case when a.assessed_on is null or not ${isIsoDate(sql`a.assessed_on`)} then '(no episode)' end) as episode_id,
      a.instrument, a.assessed_on, a.total_score, ${sql.join(items("a"))}
    from fhir_assembled a left join fhir_encounter_episode ee on ee.encounter_id = a.encounter left join fhir_by_date b on b.line = a.line`.execute(db);
  const { rows: outside } = await sql<{ n: number }>`with gone as (delete from continuum_stage where episode_id is null returning 1) select count(*)::int as n from gone`.execute(db);
  return { used: Number(counted[0].used), orphanItems: Number(counted[0].orphans), outsideEpisodes: Number(outside[0].n) };
}

/** The canonical columns `continuum_stage` holds after stageAssessments. */
export const ASSESSMENT_STAGE_COLUMNS = ["episode_id", "instrument", "assessed_on", "total_score", ...FORM_ITEM_COLUMNS];
