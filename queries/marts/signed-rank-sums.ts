// mart_signed_rank_sums — grain: one row per group (the --by keys) × instrument, for one
// comparison: what the Wilcoxon signed-rank test needs, ranked in the database so no pair
// leaves it. Following R's wilcox.test(paired = TRUE, exact = FALSE): zero differences are
// dropped, |d| gets average ranks for ties, V = Σ ranks of positive differences, and the tie
// correction Σ(t³ − t) over tie groups is Σ over rows of (t² − 1). signedRankSumsByComparison
// ranks several comparisons in one query (ranks partitioned by comparison too).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { cohortPairs } from "../intermediate/comparison-pairs.ts";
import { type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
import type { CohortFilter } from "./effect-size-sums.ts";

export interface SignedRankSumsRow {
  instrument: string;
  group: Partial<Record<GroupKey, string | null>>;
  /** Pairs with a non-zero difference. */
  n_nonzero: number;
  /** Σ of the average ranks of |pre − post| over pairs with pre − post > 0. */
  v: number;
  /** Σ (t³ − t) over groups of tied |differences|. */
  tie_sum: number;
}

type RankOptions<C> = { comparison: C; dataCut: string; by: readonly GroupKey[]; filter?: CohortFilter; windows?: readonly TimepointWindow[] };

/** One comparison's rank sums. */
export async function signedRankSums(db: Kysely<Database>, options: RankOptions<Comparison>): Promise<SignedRankSumsRow[]> {
  return (await signedRankSumsByComparison(db, options)).map(({ comparison: _comparison, ...row }) => row);
}

/** The rank sums of several comparisons in one pass, each row naming its comparison. */
export async function signedRankSumsByComparison(
  db: Kysely<Database>,
  options: RankOptions<Comparison | readonly Comparison[]>,
): Promise<(SignedRankSumsRow & { comparison: Comparison })[]> {
  const { comparison, dataCut, by, filter = {}, windows = DEFAULT_WINDOWS } = options;
  const pairs = cohortPairs(db, { comparison, dataCut, windows, filter }).where("p.post_score", "is not", null).whereRef("p.pre_score", "!=", "p.post_score");

  const partition = sql.join([sql.ref("p.comparison"), sql.ref("p.instrument"), ...by.map((key) => sql.ref(`p.${key}`))]);
  const absDiff = sql`abs(p.pre_score - p.post_score)`;
  const ranked = pairs.select([
    "p.comparison",
    "p.instrument",
    ...selectGroupKeys("p", by),
    sql<number>`p.pre_score - p.post_score`.as("d"),
    sql<number>`rank() over (partition by ${partition} order by ${absDiff})
      + (count(*) over (partition by ${partition}, ${absDiff}) - 1) / 2.0`.as("r"),
    sql<number>`count(*) over (partition by ${partition}, ${absDiff})`.as("t"),
  ]);

  let query = db
    .selectFrom(ranked.as("k"))
    .select([
      "k.comparison",
      "k.instrument",
      ...by.map((key) => sql<string | null>`${sql.ref(`k.by_${key}`)}`.as(`by_${key}`)),
      sql<number>`count(*)`.as("n_nonzero"),
      sql<number>`coalesce(sum(k.r) filter (where k.d > 0), 0)`.as("v"),
      sql<number>`sum(k.t * k.t - 1)`.as("tie_sum"),
    ])
    .groupBy(["k.comparison", "k.instrument", ...by.map((key) => sql.ref(`k.by_${key}`))])
    .orderBy("k.instrument");
  for (const key of by) query = query.orderBy(sql`${sql.ref(`k.by_${key}`)} nulls last`);
  const rows = await query.execute();
  return rows.map((row) => {
    return {
      comparison: row.comparison,
      instrument: row.instrument,
      group: groupOf(row, by),
      n_nonzero: Number(row.n_nonzero),
      v: Number(row.v),
      tie_sum: Number(row.tie_sum),
    };
  });
}
