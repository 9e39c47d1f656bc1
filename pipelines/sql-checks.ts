// SQL predicates for validating staged text set-wise, written so that no row can make a cast
// fail (each cast sits behind the pattern that makes it safe, inside CASE, whose branches
// Postgres evaluates in order). The checks run on every staged value, so the common shapes
// (a one-digit answer, a plain whole number, a well-formed date) take a fast path without a
// regex; each `…ByPattern` form is the definition, and a property test holds them equal.
import { type RawBuilder, sql } from "kysely";

type Expr = RawBuilder<unknown>;

/** `YYYY-MM-DD` naming a real calendar day between 1800 and 2099 — by its pattern (the definition). */
export const isIsoDateByPattern = (s: Expr) => sql<boolean>`(case when ${s} ~ '^(18|19|20)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
  then substr(${s}, 9, 2)::int <= extract(day from make_date(substr(${s}, 1, 4)::int, substr(${s}, 6, 2)::int, 1) + interval '1 month' - interval '1 day')
  else false end)`;

/**
 * The fast path of isIsoDate: what nearly every date is — ten bytes, ASCII digits but for dashes
 * at 5 and 8 — as the integer YYYYMMDD, else null. One cast per value: computed once per row in
 * its own subquery level, the checks on it below are integer arithmetic (parsing year, month and
 * day apart, each where it was used, cost 1.5 s of 1.1M dates on the 2-core VM).
 */
export const isoDateDigits = (s: Expr) =>
  sql<number | null>`(case when octet_length(${s}) = 10 and substr(${s}, 5, 1) = '-' and substr(${s}, 8, 1) = '-' and translate(${s}, '0123456789', '') = '--'
    then replace(${s}, '-', '')::int end)`;

/**
 * isIsoDateByPattern, given `digits` = isoDateDigits(s): a real calendar day between 1800 and
 * 2099 by arithmetic (Gregorian leap years, as make_date), anything else by the pattern.
 * tests/ingest/sql-checks.test.ts holds the two equal.
 */
export const isIsoDateGivenDigits = (digits: Expr, s: Expr) => {
  const [y, m, d] = [sql`(${digits} / 10000)`, sql`(${digits} / 100 % 100)`, sql`(${digits} % 100)`];
  const leap = sql`(${y} % 4 = 0 and (${y} % 100 <> 0 or ${y} % 400 = 0))`;
  const monthDays = sql`(case when ${m} in (4, 6, 9, 11) then 30 when ${m} = 2 then 28 + ${leap}::int else 31 end)`;
  return sql<boolean>`(case when ${digits} is not null
    then ${y} between 1800 and 2099 and ${m} between 1 and 12 and ${d} between 1 and ${monthDays}
    else ${isIsoDateByPattern(s)} end)`;
};

/** The same test as isIsoDateByPattern, in one expression (where a row's digits cannot be kept in a subquery level). */
export const isIsoDate = (s: Expr) => isIsoDateGivenDigits(isoDateDigits(s), s);

export const isCount = (s: Expr) => sql<boolean>`(${s} ~ '^\\d{1,9}$')`;
export const isDecimal = (s: Expr) => sql<boolean>`(${s} ~ '^\\d{1,6}(\\.\\d+)?$')`;
export const isSignedDecimal = (s: Expr) => sql<boolean>`(${s} ~ '^-?\\d{1,6}(\\.\\d+)?$')`;
export const isSignedInt = (s: Expr) => sql<boolean>`(${s} ~ '^-?\\d{1,4}$')`;

/** The text as int when it is a small whole number (`7` or `7.0`, never `7.5`), else null — by its pattern. */
export const safeIntByPattern = (s: Expr) => sql<number | null>`(case when ${s} ~ '^-?\\d{1,4}(\\.0+)?$' then split_part(${s}, '.', 1)::int end)`;

/**
 * safeIntByPattern with a fast path: a single ASCII digit — nearly every item answer — is read
 * without the regex (0.1 µs against 0.8 µs per value on the 2-core VM, nine items a row).
 */
export const safeInt = (s: Expr) =>
  sql<number | null>`(case when octet_length(${s}) = 1 and ascii(${s}) between 48 and 57 then ascii(${s}) - 48 else ${safeIntByPattern(s)} end)`;

/** The text as a number when it is a plain decimal (up to six whole digits), else null — by its pattern. */
export const safeNumberByPattern = (s: Expr) => sql<number | null>`(case when ${s} ~ '^-?\\d{1,6}(\\.\\d+)?$' then ${s}::float8 end)`;

/** safeNumberByPattern with a fast path: up to six ASCII digits skip the regex. */
export const safeNumber = (s: Expr) =>
  sql<number | null>`(case when octet_length(${s}) between 1 and 6 and translate(${s}, '0123456789', '') = '' then ${s}::float8 else ${safeNumberByPattern(s)} end)`;

/**
 * What pass 1 proved of a file's values (pipelines/ingest-file.ts), so that validation can skip
 * work whose answer is known: `unpadded`, no value holds a space, so none needs trimming (the
 * trims were 0.6 s of the 4.7 s that validating 1.1M assessments took on the server, 2-core VM);
 * `uniqueKeys`, no natural key occurs twice (pipelines/repeated-keys.ts).
 */
export interface FileFacts {
  unpadded?: boolean;
  uniqueKeys?: boolean;
}

/** A staging column (of `s`) as trimmed text, empty text as null; null text when the file lacks it. */
export const stagedText = (column: string, present: readonly string[], facts: FileFacts) => {
  if (!present.includes(column)) return sql<string | null>`null::text`;
  const value = sql.ref(`s.${column}`);
  return sql<string | null>`nullif(${facts.unpadded ? value : sql`btrim(${value})`}, '')`;
};

export const inList = (s: Expr, values: readonly string[]) => sql<boolean>`(${s} in (${sql.join(values.map((v) => sql.lit(v)))}))`;
