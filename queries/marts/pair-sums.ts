// mart_pair_sums — grain: one row per combination of the requested keys among the pairs of one
// instrument and comparison that have both scores: the count, the sums of the requested numeric
// columns and the sums of their pairwise products. What least squares (stats/least-squares.ts),
// grouped logistic regression and weighted means need of the episodes, so that models of a
// million episodes read a few thousand rows. Pairs with a missing key or numeric value are left
// out, as lm's na.omit leaves them. Sums are taken as numeric, exact, and rounded once to a
// double: the same answer whatever order parallel workers or Citus shards add in.
import { type Kysely, type RawBuilder, sql } from "kysely";
import { hasCitus } from "../../db/citus.ts";
import type { Database } from "../../db/schema.ts";
import type { Comparison } from "../../domain/timepoints.ts";
import { productKey, type SumsCell } from "../../stats/least-squares.ts";
import { type CohortFilter, cohortPairs } from "../intermediate/comparison-pairs.ts";

export interface PairSumsOptions {
  instrument: string;
  comparison: Comparison;
  dataCut: string;
  filter?: Omit<CohortFilter, "instrument">;
  /** Cell keys: a name and its expression over the pair `p` (text). */
  keys: Readonly<Record<string, RawBuilder<unknown>>>;
  /** Numeric columns: a name and its expression over the pair `p`. */
  numeric: Readonly<Record<string, RawBuilder<unknown>>>;
}

/** The pre and post score of the pair, the two columns every comparison sums. */
export const SCORES = { pre: sql`p.pre_score`, post: sql`p.post_score` } as const;

export async function pairSums(db: Kysely<Database>, options: PairSumsOptions): Promise<SumsCell[]> {
  const { keys } = options;
  const keyNames = Object.keys(keys);
  const positions = sql.join(keyNames.map((_, i) => sql.raw(String(i + 1))));
  const { rows } = await sumsQuery(db, options, {
    keys: keyNames.map((k, i) => sql`(${keys[k]})::text as ${sql.id(`k${i}`)}`),
    present: Object.values(keys).map((e) => sql`${e} is not null`),
    grouping: keyNames.length ? sql`group by ${positions} order by ${positions}` : sql``,
  });
  return rows.filter((r) => Number(r.n) > 0).map((r) => cell(r, keyNames, options));
}

/**
 * pairSums with one more key, for each of several: the cells pairSums({ ...options, keys:
 * { ...options.keys, [name]: expression } }) gives, for every name of `each`, from one scan of
 * the pairs (GROUPING SETS) instead of one scan per key (a scan of every pair: about 2 s at 10M
 * assessments on the 2-core VM). The same cells in the same order: each set's pairs with its key
 * missing form the set's null group, which is dropped, as pairSums' WHERE drops them. Citus
 * cannot run GROUPING SETS over distributed tables, so there it asks pairSums once per key.
 */
export async function pairSumsForEach(db: Kysely<Database>, options: PairSumsOptions, each: Readonly<Record<string, RawBuilder<unknown>>>): Promise<Map<string, SumsCell[]>> {
  const names = Object.keys(each);
  if (await hasCitus(db)) return new Map(await Promise.all(names.map(async (name) => [name, await pairSums(db, { ...options, keys: { ...options.keys, [name]: each[name] } })] as const)));
  const common = Object.values(options.keys).map((e) => sql`(${e})::text`);
  const extra = names.map((name) => sql`(${each[name]})::text`);
  const { rows } = await sumsQuery(db, options, {
    keys: [...common.map((e, i) => sql`${e} as ${sql.id(`k${i}`)}`), ...extra.map((e, i) => sql`${e} as ${sql.id(`e${i}`)}`), sql`grouping(${sql.join(extra)}) as set_bits`],
    present: Object.values(options.keys).map((e) => sql`${e} is not null`),
    grouping: sql`group by grouping sets (${sql.join(extra.map((e) => sql`(${sql.join([...common, e])})`))})
      order by set_bits, ${sql.join([...common, ...extra])}`,
  });
  const keyNames = Object.keys(options.keys);
  return new Map(
    names.map((name, i) => {
      // grouping() sets a bit, the first argument's the highest, for each argument not grouped on.
      const bits = (1 << names.length) - 1 - (1 << (names.length - 1 - i));
      const mine = rows.filter((r) => Number(r.set_bits) === bits && r[`e${i}`] !== null && Number(r.n) > 0);
      return [name, mine.map((r) => cell({ ...r, [`k${keyNames.length}`]: r[`e${i}`] }, [...keyNames, name], options))];
    }),
  );
}

/** The sums statement of pairSums: its key columns, their not-null conditions and its GROUP BY given. */
function sumsQuery(db: Kysely<Database>, { instrument, comparison, dataCut, filter = {}, numeric }: PairSumsOptions, parts: { keys: RawBuilder<unknown>[]; present: RawBuilder<unknown>[]; grouping: RawBuilder<unknown> }) {
  const names = Object.keys(numeric);
  const pairs = cohortPairs(db, { comparison, dataCut, filter: { ...filter, instrument } }).where("p.post_score", "is not", null);
  const present = [...parts.present, ...Object.values(numeric).map((e) => sql`${e} is not null`)];
  return sql<Record<string, unknown>>`
    select ${sql.join([
      ...parts.keys,
      sql`count(*)::int as n`,
      ...names.map((c, i) => sql`sum((${numeric[c]})::numeric)::float8 as ${sql.id(`s${i}`)}`),
      ...productsOf(names).map(([a, b], i) => sql`sum((${numeric[a]})::numeric * (${numeric[b]})::numeric)::float8 as ${sql.id(`p${i}`)}`),
    ])}
    from (${pairs.selectAll("p")}) p
    where ${sql.join(present, sql` and `)}
    ${parts.grouping}`.execute(db);
}

const productsOf = (names: readonly string[]) => names.flatMap((a, i) => names.slice(i).map((b) => [a, b] as const));

/** One result row (keys k0, k1, …, sums s0…, products p0…) as a SumsCell. */
function cell(r: Record<string, unknown>, keyNames: readonly string[], { numeric }: PairSumsOptions): SumsCell {
  const names = Object.keys(numeric);
  return {
    keys: Object.fromEntries(keyNames.map((k, i) => [k, String(r[`k${i}`])])),
    n: Number(r.n),
    sum: Object.fromEntries(names.map((c, i) => [c, Number(r[`s${i}`])])),
    product: Object.fromEntries(productsOf(names).map(([a, b], i) => [productKey(a, b), Number(r[`p${i}`])])),
  };
}
