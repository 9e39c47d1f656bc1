// Validation of staged assessments, set-wise in SQL, in ONE pass over the staging table: one
// reason code (and column) per bad row, and the typed values of the good rows, into
// `continuum_checked`. Items are scored by the catalog's rule (sum with reversed items;
// proration only where the catalog allows it) and must agree with a given total (DESIGN.md
// "Domain model"). Order of precedence: required fields, instrument, date, label, numbers,
// items, totals, episode, duplicates.
//
// Speed: each subquery level ends in `offset 0`, which stops Postgres from inlining it into
// the level above; otherwise every reference to a computed column re-evaluates its
// expression (the old CTE form ran each item's regex up to six times per row). Here every
// trim, regex and cast runs once per row and value.
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { INSTRUMENTS, INSTRUMENT_CODES } from "../domain/instruments.ts";
import { TIMEPOINTS } from "../domain/vocabulary.ts";
import { type FileFacts, inList, isIsoDateGivenDigits, isoDateDigits, safeInt, safeNumber, stagedText } from "./sql-checks.ts";

export const MAX_ITEMS = 20;
const problem = (reason: string, column: string) => sql.lit(`${reason}:${column}`);

/** The catalog as an inline relation the checks join on. */
function instrumentSpecs() {
  const rows = INSTRUMENT_CODES.map((code) => {
    const i = INSTRUMENTS[code];
    return sql`(${sql.lit(code)}, ${sql.lit(i.items?.count ?? 0)}, ${sql.lit(i.items?.min ?? 0)}, ${sql.lit(i.items?.max ?? 0)}, ${sql.lit(i.total.min)}, ${sql.lit(i.total.max)}, ${sql.lit(i.proration?.maxMissing ?? 0)}, ${sql.lit(!i.fractionalTotal)})`;
  });
  return sql`(values ${sql.join(rows)}) as spec(code, item_count, item_min, item_max, total_min, total_max, max_missing, whole_total)`;
}

/** Reversed items (DAST-10 item 3) score min + max − answer: the correction to a plain sum. */
function reversedCorrection(items: readonly string[]) {
  const branches = INSTRUMENT_CODES.flatMap((code) => {
    const rev = (INSTRUMENTS[code].scoring?.reversedItems ?? []).filter((k) => items.includes(`item_${k}`));
    if (!rev.length) return [];
    const terms = rev.map((k) => sql`coalesce(n.item_min + n.item_max - 2 * ${sql.ref(`n.i_${k}`)}, 0)`);
    return [sql`when ${sql.lit(code)} then ${sql.join(terms, sql` + `)}`];
  });
  return branches.length ? sql`(case n.instrument ${sql.join(branches, sql` `)} else 0 end)` : sql`0`;
}

/**
 * Keeps the keys given more than once in the file in `continuum_duplicate_keys`, with the first
 * line that gives each (a later line is a duplicate); returns whether there are any. Grouping
 * the three key columns alone replaces a row_number() window that sorted every staged row with
 * all its columns (135 MB on disk for 1.1M rows). A row with a key column missing never reaches
 * the duplicate check (missing_required comes first). They are kept apart, so that a file
 * without any (nearly every file) is validated without a join to them: probing 1.1M rows
 * against an empty hash table still cost 1 s.
 */
async function findDuplicateKeys(db: Kysely<Database>, text: (c: string) => RawBuilder<string | null>): Promise<boolean> {
  await sql`create temp table continuum_duplicate_keys on commit drop as
    select episode_id, instrument, assessed_on, min(line) as first_line
    from (select s.line, ${text("episode_id")} as episode_id, upper(${text("instrument")}) as instrument, ${text("assessed_on")} as assessed_on from continuum_stage s) k
    group by episode_id, instrument, assessed_on having count(*) > 1`.execute(db);
  const { rows } = await sql<{ any: boolean }>`select exists (select from continuum_duplicate_keys) as any`.execute(db);
  return rows[0].any;
}

/** Fills `continuum_checked` from `continuum_stage` (text columns episode_id, instrument, assessed_on, timepoint, total_score, item_1…item_k). */
export async function validateAssessments(db: Kysely<Database>, present: readonly string[], facts: FileFacts = {}): Promise<void> {
  const text = (c: string) => stagedText(c, present, facts);
  const items = Array.from({ length: MAX_ITEMS }, (_, k) => `item_${k + 1}`).filter((c) => present.includes(c));
  const k = (c: string) => Number(c.slice(5));
  const i = (c: string, rel: string) => sql.ref(`${rel}.i_${k(c)}`);
  const within = (c: string) => sql`${sql.lit(k(c))} <= n.item_count`;
  const answered = items.length ? sql.join(items.map((c) => sql`(${sql.ref(`n.${c}`)} is not null and ${within(c)})::int`), sql` + `) : sql`0`;
  const sum = items.length ? sql.join(items.map((c) => sql`(case when ${within(c)} then coalesce(${i(c, "n")}, 0) else 0 end)`), sql` + `) : sql`0`;
  // Each element cast on its own: an array cast converts all MAX_ITEMS elements, nulls too.
  const itemArray = sql`array[${sql.join(Array.from({ length: MAX_ITEMS }, (_, j) => (items.includes(`item_${j + 1}`) ? sql`${sql.ref(`t.i_${j + 1}`)}::smallint` : sql`null::smallint`)))}]`;
  const fields = ["episode_id", "assessed_on", "timepoint", "total_score", ...items];
  // A file pass 1 cleared of repeated keys skips the grouping.
  const duplicates = !facts.uniqueKeys && (await findDuplicateKeys(db, text));
  const occurrence = duplicates ? sql`case when n.line > dup.first_line then 2 else 1 end` : sql`1`;
  const duplicateJoin = duplicates
    ? sql`left join continuum_duplicate_keys dup on dup.episode_id = n.episode_id and dup.instrument = n.instrument and dup.assessed_on = n.assessed_on`
    : sql``;

  await sql`
    create temp table continuum_checked on commit drop as
    select c.line, c.problem, c.episode_id, c.instrument,
      case when c.problem is null then c.assessed_on::date end as assessed_on,
      c.timepoint as timepoint_label, c.total::float8 as total_score,
      case when c.problem is null and c.answered > 0 then c.item_array[1:c.item_count] end as items
    from (
      select t.line, t.episode_id, t.instrument, t.assessed_on, t.timepoint, t.answered, t.item_count,
        coalesce(t.given_total, t.item_total) as total, ${itemArray} as item_array,
        case
          when t.episode_id is null then ${problem("missing_required", "episode_id")}
          when t.instrument is null then ${problem("missing_required", "instrument")}
          when t.assessed_on is null then ${problem("missing_required", "assessed_on")}
          when t.code is null then ${problem("unknown_instrument", "instrument")}
          when not t.date_ok then ${problem("bad_date", "assessed_on")}
          when t.timepoint is not null and not ${inList(sql`t.timepoint`, TIMEPOINTS)} then ${problem("bad_code", "timepoint")}
          when t.total_score is not null and t.given_total is null then ${problem("bad_number", "total_score")}
          when t.whole_total and t.given_total <> trunc(t.given_total) then ${problem("bad_number", "total_score")}
          ${sql.join(items.map((c) => sql`when ${sql.ref(`t.${c}`)} is not null and ${i(c, "t")} is null then ${problem("bad_number", c)}`), sql` `)}
          ${sql.join(items.map((c) => sql`when ${sql.ref(`t.${c}`)} is not null and (${sql.lit(k(c))} > t.item_count or ${i(c, "t")} not between t.item_min and t.item_max) then ${problem("item_out_of_range", c)}`), sql` `)}
          when t.answered > 0 and t.item_total is null then ${problem("items_incomplete", "items")}
          when t.given_total is null and t.item_total is null then ${problem("missing_required", "total_score")}
          when t.given_total is not null and t.item_total is not null and t.given_total <> t.item_total then ${problem("items_total_mismatch", "total_score")}
          when coalesce(t.given_total, t.item_total) not between t.total_min and t.total_max then ${problem("score_out_of_range", "total_score")}
          when t.unknown_episode then ${problem("unknown_episode", "episode_id")}
          when t.occurrence > 1 then ${problem("duplicate_in_file", "assessed_on")}
        end as problem
      from (
        select a.*,
          case when a.answered = 0 then null
               when a.answered = a.item_count then a.item_sum
               when a.answered >= a.item_count - a.max_missing then round(a.item_sum * a.item_count::numeric / a.answered)
          end as item_total
        from (
          select n.*, ${isIsoDateGivenDigits(sql`n.date_digits`, sql`n.assessed_on`)} as date_ok, ${answered} as answered, ${sum} + ${reversedCorrection(items)} as item_sum,
            known.episode_id is null as unknown_episode,
            ${occurrence} as occurrence
          from (
            select v.*, spec.*, ${isoDateDigits(sql`v.assessed_on`)} as date_digits, ${safeNumber(sql`v.total_score`)} as given_total
              ${sql.join(items.map((c) => sql`, ${safeInt(sql.ref(`v.${c}`))} as ${sql.id(`i_${k(c)}`)}`), sql``)}
            from (
              select s.line, upper(${text("instrument")}) as instrument, ${sql.join(fields.map((c) => sql`${text(c)} as ${sql.id(c)}`))}
              from continuum_stage s offset 0
            ) v left join ${instrumentSpecs()} on spec.code = v.instrument
            offset 0
          ) n left join episodes known on known.episode_id = n.episode_id
          ${duplicateJoin}
          offset 0
        ) a offset 0
      ) t offset 0
    ) c`.execute(db);
}
