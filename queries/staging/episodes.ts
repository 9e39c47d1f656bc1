// stg_episodes — grain: one row per episode. The core table with the derived fields every
// analysis filters or groups on (no joins): length of stay, hours per week, dropout flag,
// and the quarters of admission and discharge.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { quartersDays } from "../../domain/quarters.ts";

/** `YYYYQn` of a date expression, e.g. 2026Q3. */
export const quarterOf = (date: ReturnType<typeof sql>) => sql<string>`to_char(${date}, 'YYYY"Q"Q')`;

/**
 * `quarterOf(date) in quarters`, as date ranges: the planner estimates a range from the
 * column's histogram, where it guessed 0.5% for `to_char(…) in (…)` — at 5M pairs that chose
 * an external sort over a hash aggregate, 9 s instead of 3 (EXPLAIN ANALYZE, 10M assessments).
 */
export function inQuarters(date: ReturnType<typeof sql>, quarters: readonly string[]) {
  const ranges = quartersDays(quarters).map(({ from, until }) => sql`(${date} >= ${from}::date and ${date} < ${until}::date)`);
  return ranges.length ? sql<boolean>`(${sql.join(ranges, sql` or `)})` : sql<boolean>`false`;
}

export function stagedEpisodes(db: Kysely<Database>) {
  return db.selectFrom("episodes as e").select([
    "e.episode_id",
    "e.patient_id",
    "e.site_id",
    "e.level_of_care",
    "e.track",
    "e.modality",
    "e.age_band",
    "e.gender",
    "e.race_ethnicity",
    "e.payer",
    "e.admitted_on",
    "e.discharged_on",
    "e.discharge_reason",
    "e.sessions_scheduled",
    "e.sessions_attended",
    "e.hours_attended",
    "e.would_recommend",
    sql<number | null>`e.discharged_on - e.admitted_on`.as("length_of_stay_days"),
    // Hours per week over the stay; a stay shorter than a week counts as one week.
    sql<number | null>`round(e.hours_attended / greatest(1, (e.discharged_on - e.admitted_on + 1) / 7.0), 2)`.as("hours_per_week"),
    sql<boolean>`coalesce(e.discharge_reason = 'left_early', false)`.as("dropped_out"),
    quarterOf(sql`e.admitted_on`).as("admission_quarter"),
    quarterOf(sql`e.discharged_on`).as("discharge_quarter"),
  ]);
}
