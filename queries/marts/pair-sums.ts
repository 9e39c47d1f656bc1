// mart_pair_sums — grain: one row per combination of the requested keys among the pairs of one
// instrument and comparison that have both scores: the count, the sums of the requested numeric
// columns and the sums of their pairwise products. What least squares (stats/least-squares.ts),
// grouped logistic regression and weighted means need of the episodes, so that models of a
// million episodes read a few thousand rows. Pairs with a missing key or numeric value are left
// out, as lm's na.omit leaves them. Sums are taken as numeric, exact, and rounded once to a
// double: the same answer whatever order parallel workers or Citus shards add in.
import { type Kysely, type RawBuilder, sql } from "kysely";
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

export async function pairSums(db: Kysely<Database>, { instrument, comparison, dataCut, filter = {}, keys, numeric }: PairSumsOptions): Promise<SumsCell[]> {
  const keyNames = Object.keys(keys);
  const names = Object.keys(numeric);
  const products = names.flatMap((a, i) => names.slice(i).map((b) => [a, b] as const));
  const pairs = cohortPairs(db, { comparison, dataCut, filter: { ...filter, instrument } }).where("p.post_score", "is not", null);
  const present = [...Object.values(keys), ...Object.values(numeric)].map((e) => sql`${e} is not null`);
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join([
      ...keyNames.map((k, i) => sql`(${keys[k]})::text as ${sql.id(`k${i}`)}`),
      sql`count(*)::int as n`,
      ...names.map((c, i) => sql`sum((${numeric[c]})::numeric)::float8 as ${sql.id(`s${i}`)}`),
      ...products.map(([a, b], i) => sql`sum((${numeric[a]})::numeric * (${numeric[b]})::numeric)::float8 as ${sql.id(`p${i}`)}`),
    ])}
    from (${pairs.selectAll("p")}) p
    where ${sql.join(present, sql` and `)}
    ${keyNames.length ? sql`group by ${sql.join(keyNames.map((_, i) => sql.raw(String(i + 1))))} order by ${sql.join(keyNames.map((_, i) => sql.raw(String(i + 1))))}` : sql``}`.execute(db);
  return rows
    .filter((r) => Number(r.n) > 0)
    .map((r) => ({
      keys: Object.fromEntries(keyNames.map((k, i) => [k, String(r[`k${i}`])])),
      n: Number(r.n),
      sum: Object.fromEntries(names.map((c, i) => [c, Number(r[`s${i}`])])),
      product: Object.fromEntries(products.map(([a, b], i) => [productKey(a, b), Number(r[`p${i}`])])),
    }));
}
