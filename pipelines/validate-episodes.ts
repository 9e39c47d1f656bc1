// Validation of a staged episodes file, set-wise in SQL: one reason code (and column) per bad
// row, in a fixed order of precedence — required fields, level of care, codes, dates,
// numbers, date order, duplicates in the file. Good rows are typed in `continuum_checked`.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { EPISODE_COLUMNS, EPISODE_REQUIRED } from "../domain/columns.ts";
import { DISCHARGE_REASONS, LEVELS_OF_CARE, MODALITIES, TRACKS, WOULD_RECOMMEND } from "../domain/vocabulary.ts";
import { type FileFacts, isCount, isDecimal, isIsoDate, inList, stagedText } from "./sql-checks.ts";

const col = (c: string) => sql.ref(`v.${c}`);
const problem = (reason: string, column: string) => sql.lit(`${reason}:${column}`);

export async function validateEpisodes(db: Kysely<Database>, present: readonly string[], facts: FileFacts = {}): Promise<void> {
  const text = (c: string) => stagedText(c, present, facts);
  const codes: [string, readonly string[]][] = [
    ["track", TRACKS],
    ["modality", MODALITIES],
    ["discharge_reason", DISCHARGE_REASONS],
    ["would_recommend", WOULD_RECOMMEND],
  ];
  const branches = [
    ...EPISODE_REQUIRED.map((c) => sql`when ${col(c)} is null then ${problem("missing_required", c)}`),
    sql`when not ${inList(col("level_of_care"), LEVELS_OF_CARE)} then ${problem("unknown_level_of_care", "level_of_care")}`,
    ...codes.map(([c, values]) => sql`when ${col(c)} is not null and not ${inList(col(c), values)} then ${problem("bad_code", c)}`),
    sql`when not ${isIsoDate(col("admitted_on"))} then ${problem("bad_date", "admitted_on")}`,
    sql`when ${col("discharged_on")} is not null and not ${isIsoDate(col("discharged_on"))} then ${problem("bad_date", "discharged_on")}`,
    ...["sessions_scheduled", "sessions_attended"].map((c) => sql`when ${col(c)} is not null and not ${isCount(col(c))} then ${problem("bad_number", c)}`),
    sql`when ${col("hours_attended")} is not null and not ${isDecimal(col("hours_attended"))} then ${problem("bad_number", "hours_attended")}`,
    sql`when ${col("discharged_on")}::date < ${col("admitted_on")}::date then ${problem("date_order", "discharged_on")}`,
    sql`when ${col("discharge_reason")} is not null and ${col("discharged_on")} is null then ${problem("missing_required", "discharged_on")}`,
    sql`when row_number() over (partition by ${col("episode_id")} order by v.line) > 1 then ${problem("duplicate_in_file", "episode_id")}`,
  ];
  // One pass: trimmed text (a fenced level, so each column is trimmed once), the reason,
  // then the typed values of the good rows, which the merge reads where problem is null.
  await sql`
    create temp table continuum_checked on commit drop as
    select c.line, c.problem, c.episode_id, c.patient_id, c.site_id, c.level_of_care, c.asam_level, c.track, c.modality,
      case when c.problem is null then c.admitted_on::date end as admitted_on,
      case when c.problem is null then c.discharged_on::date end as discharged_on, c.discharge_reason,
      case when c.problem is null then c.sessions_scheduled::int end as sessions_scheduled,
      case when c.problem is null then c.sessions_attended::int end as sessions_attended,
      case when c.problem is null then c.hours_attended::numeric(8, 2) end as hours_attended,
      c.age_band, c.gender, c.race_ethnicity, c.payer, c.would_recommend
    from (
      select v.*, case ${sql.join(branches, sql` `)} end as problem
      from (select s.line, ${sql.join(EPISODE_COLUMNS.map((c) => sql`${text(c)} as ${sql.id(c)}`))} from continuum_stage s offset 0) v
    ) c`.execute(db);
}
