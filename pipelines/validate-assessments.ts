// Validation of staged assessments, set-wise in SQL: one reason code (and column) per bad
// row. Items are scored by the catalog's rule (sum with reversed items; proration only where the catalog allows
// it) and must agree with a given total (DESIGN.md "Domain model"). Order of precedence:
// required fields, instrument, date, label, numbers, items, totals, episode, duplicates.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { INSTRUMENTS, INSTRUMENT_CODES } from "../domain/instruments.ts";
import { TIMEPOINTS } from "../domain/vocabulary.ts";
import { inList, isIsoDate, isSignedDecimal, isSignedInt, safeInt, safeNumber } from "./sql-checks.ts";

export const MAX_ITEMS = 20;
const col = (c: string) => sql.ref(`v.${c}`);
const problem = (reason: string, column: string) => sql.lit(`${reason}:${column}`);

/** The catalog as an inline relation the checks join on. */
function instrumentSpecs() {
  const rows = INSTRUMENT_CODES.map((code) => {
    const i = INSTRUMENTS[code];
    // Reversed items (DAST-10 item 3) as a text list: items hold answers, points are scored here.
    const reversed = `,${(i.scoring?.reversedItems ?? []).join(",")},`;
    return sql`(${sql.lit(code)}, ${sql.lit(i.items?.count ?? 0)}, ${sql.lit(i.items?.min ?? 0)}, ${sql.lit(i.items?.max ?? 0)}, ${sql.lit(i.total.min)}, ${sql.lit(i.total.max)}, ${sql.lit(i.proration?.maxMissing ?? 0)}, ${sql.lit(reversed)})`;
  });
  return sql`(values ${sql.join(rows)}) as spec(code, item_count, item_min, item_max, total_min, total_max, max_missing, reversed)`;
}

/** `staged` is a relation with text columns episode_id, instrument, assessed_on, timepoint, total_score, item_1…item_k. */
export async function validateAssessments(db: Kysely<Database>, present: readonly string[]): Promise<void> {
  const text = (c: string) => (present.includes(c) ? sql`nullif(btrim(${sql.ref(`s.${c}`)}), '')` : sql`null::text`);
  const items = Array.from({ length: MAX_ITEMS }, (_, k) => `item_${k + 1}`).filter((c) => present.includes(c));
  const k = (c: string) => Number(c.slice(5));
  const answeredIn = items.length ? sql.join(items.map((c) => sql`(${col(c)} is not null and ${sql.lit(k(c))} <= spec.item_count)::int`), sql` + `) : sql`0`;
  const sumIn = items.length ? sql.join(items.map((c) => sql`(case when ${sql.lit(k(c))} > spec.item_count then 0 when spec.reversed like ${sql.lit(`%,${k(c)},%`)} then coalesce(spec.item_min + spec.item_max - ${safeInt(col(c))}, 0) else coalesce(${safeInt(col(c))}, 0) end)`), sql` + `) : sql`0`;
  const itemArray = sql`(array[${sql.join(Array.from({ length: MAX_ITEMS }, (_, i) => (items.includes(`item_${i + 1}`) ? safeInt(col(`item_${i + 1}`)) : sql`null::int`)))}]::smallint[])`;

  await sql`
    create temp table continuum_checked on commit drop as
    with v as (
      select s.line, upper(${text("instrument")}) as instrument,
        ${sql.join(["episode_id", "assessed_on", "timepoint", "total_score", ...items].map((c) => sql`${text(c)} as ${sql.id(c)}`))}
      from continuum_stage s
    ),
    scored as (
      select v.*, spec.*, ${answeredIn} as answered, ${sumIn} as item_sum,
        ${safeNumber(col("total_score"))} as given_total, ${itemArray} as item_array
      from v left join ${instrumentSpecs()} on spec.code = v.instrument
    ),
    totalled as (
      select scored.*, known.episode_id is null as unknown_episode,
        row_number() over (partition by scored.episode_id, scored.instrument, scored.assessed_on order by scored.line) as occurrence,
        case when answered = 0 then null
             when answered = item_count then item_sum
             when answered >= item_count - max_missing then round(item_sum * item_count::numeric / answered)
        end as item_total
      from scored left join episodes known on known.episode_id = scored.episode_id
    )
    select t.line, t.episode_id, t.instrument, t.assessed_on, t.timepoint, t.answered, t.item_count,
      coalesce(t.given_total, t.item_total) as total, t.item_array,
      case
        when t.episode_id is null then ${problem("missing_required", "episode_id")}
        when t.instrument is null then ${problem("missing_required", "instrument")}
        when t.assessed_on is null then ${problem("missing_required", "assessed_on")}
        when t.code is null then ${problem("unknown_instrument", "instrument")}
        when not ${isIsoDate(sql`t.assessed_on`)} then ${problem("bad_date", "assessed_on")}
        when t.timepoint is not null and not ${inList(sql`t.timepoint`, TIMEPOINTS)} then ${problem("bad_code", "timepoint")}
        when t.total_score is not null and not ${isSignedDecimal(sql`t.total_score`)} then ${problem("bad_number", "total_score")}
        ${sql.join(items.map((c) => sql`when ${sql.ref(`t.${c}`)} is not null and not ${isSignedInt(sql.ref(`t.${c}`))} then ${problem("bad_number", c)}`), sql` `)}
        ${sql.join(items.map((c) => sql`when ${sql.ref(`t.${c}`)} is not null and (${sql.lit(k(c))} > t.item_count or ${sql.ref(`t.${c}`)}::int not between t.item_min and t.item_max) then ${problem("item_out_of_range", c)}`), sql` `)}
        when t.answered > 0 and t.item_total is null then ${problem("items_incomplete", "items")}
        when t.given_total is null and t.item_total is null then ${problem("missing_required", "total_score")}
        when t.given_total is not null and t.item_total is not null and t.given_total <> t.item_total then ${problem("items_total_mismatch", "total_score")}
        when coalesce(t.given_total, t.item_total) not between t.total_min and t.total_max then ${problem("score_out_of_range", "total_score")}
        when t.unknown_episode then ${problem("unknown_episode", "episode_id")}
        when t.occurrence > 1 then ${problem("duplicate_in_file", "assessed_on")}
      end as problem
    from totalled t`.execute(db);
  await sql`
    create temp table continuum_good on commit drop as
    select line, episode_id, instrument, assessed_on::date as assessed_on, timepoint as timepoint_label,
      total::float8 as total_score,
      case when answered > 0 then item_array[1:item_count] end as items
    from continuum_checked where problem is null`.execute(db);
}
