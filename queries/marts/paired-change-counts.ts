// mart_paired_change_counts — grain: one row per group (the --by keys) × instrument ×
// comparison × change (d = pre − post; null for the pairs missing the later score).
// A histogram of the changes carrying the sums within each bar: one GROUP BY over the pairs
// gives everything the effect-size table needs, in one pass for every comparison —
//   • the paired sums (n, Σx, Σy, Σx², Σy², Σxy; x = pre, y = post) and the attrition sums
//     (the null bar), rolled up per group by effect-size-sums.ts; only n, Σx and Σx² are summed
//     in SQL, since within a bar y = x − d (exact for whole-number scores; for fractional ones
//     equal up to the rounding of the last bit);
//   • the signed-rank test, whose ranks depend only on how many pairs share each |d|
//     (stats/rank-and-proportion.ts signedRankFromChanges), so nothing is sorted in SQL;
//   • reliable change, which depends on d alone, and the counts that also need the pre or post
//     score (clinical before and not after; response; below the remission threshold), counted
//     within each bar and kept or dropped per bar by the caller.
// Scores are whole numbers on every catalogued instrument, so there are at most a few hundred
// bars per group and the result is small whatever the cohort.
import { type Kysely, sql } from "kysely";
import { hasCitus } from "../../db/citus.ts";
import type { Database } from "../../db/schema.ts";
import { type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { type CohortFilter, cohortPairs } from "../intermediate/comparison-pairs.ts";
import { mergeSums, type PairSums } from "../../stats/sufficient-statistics.ts";
import { type Group, groupOf, type PairGroupKey, selectGroupKeys } from "../group-keys.ts";

/** Per instrument: the clinical cutoff (and which side is clinical) and the remission threshold. */
export interface ScoreThresholds {
  instrument: string;
  cutoff: number | null;
  clinicalAtOrAbove: boolean;
  remissionBelow: number | null;
}

/** A bar: its pairs' sums (stats/sufficient-statistics.ts; Σx, Σx² summed in SQL, the post sums following from them, y = x − d). */
export interface PairedChangeCount extends PairSums {
  comparison: Comparison;
  instrument: string;
  group: Group;
  /** pre − post; null: the later score is missing (the post sums are then 0). */
  change: number | null;
  /** Pairs clinical before and not after (the recovery half that is not reliable change). */
  n_left_clinical_range: number;
  /** Pairs with pre > 0 and post ≤ ½·pre. */
  n_halved: number;
  /** Pairs whose post score is below the instrument's remission threshold. */
  n_below_remission: number;
}

export interface PairedChangeOptions {
  comparison: Comparison | readonly Comparison[];
  dataCut: string;
  by: readonly PairGroupKey[];
  thresholds: readonly ScoreThresholds[];
  filter?: CohortFilter;
  windows?: readonly TimepointWindow[];
}

export async function pairedChangeCounts(db: Kysely<Database>, options: PairedChangeOptions): Promise<PairedChangeCount[]> {
  const { by } = options;
  let query = histogramQuery(db, options)
    .groupBy(["p.comparison", "p.instrument", ...by.map((key) => sql.ref(`p.${key}`)), "p.change"])
    .orderBy("p.instrument");
  for (const key of by) query = query.orderBy(sql`${sql.ref(`p.${key}`)} nulls last`);
  const rows = await query.orderBy("p.comparison").orderBy(sql`p.change nulls first`).execute();
  return rows.map((row) => bar(row, by));
}

/**
 * pairedChangeCounts grouped by one more key, for each of several: what it gives with
 * `by: [...options.by, key]`, for every key of `each`, from one scan of the pairs (GROUPING
 * SETS) instead of one per key (about 1.7 s each at 10M assessments on the 2-core VM). The
 * same bars in the same order. Citus cannot run GROUPING SETS over distributed tables, so there
 * it asks once per key.
 */
export async function pairedChangeCountsForEach(db: Kysely<Database>, options: PairedChangeOptions, each: readonly PairGroupKey[]): Promise<Map<PairGroupKey, PairedChangeCount[]>> {
  const { by } = options;
  if (await hasCitus(db)) return new Map(await Promise.all(each.map(async (key) => [key, await pairedChangeCounts(db, { ...options, by: [...by, key] })] as const)));
  const sets = each.map((key) => sql`(${sql.join(["comparison", "instrument", ...by, key, "change"].map((c) => sql.ref(`p.${c}`)))})`);
  let query = histogramQuery(db, { ...options, by: [...by, ...each] })
    .select(sql<number>`grouping(${sql.join(each.map((key) => sql.ref(`p.${key}`)))})`.as("set_bits"))
    .groupBy(sql`grouping sets (${sql.join(sets)})`)
    .orderBy(sql`set_bits`)
    .orderBy("p.instrument");
  for (const key of [...by, ...each]) query = query.orderBy(sql`${sql.ref(`p.${key}`)} nulls last`);
  const rows = await query.orderBy("p.comparison").orderBy(sql`p.change nulls first`).execute();
  return new Map(
    each.map((key, i) => {
      // grouping() sets a bit, the first argument's the highest, for each argument not grouped on.
      const bits = (1 << each.length) - 1 - (1 << (each.length - 1 - i));
      return [key, rows.filter((row) => Number(row.set_bits) === bits).map((row) => bar(row, [...by, key]))];
    }),
  );
}

/** The histogram's select over the pairs, before its GROUP BY: the keys of `by`, the change and the bar's sums. */
function histogramQuery(db: Kysely<Database>, options: PairedChangeOptions) {
  const { comparison, dataCut, by, thresholds, filter = {}, windows = DEFAULT_WINDOWS } = options;
  const pairs = cohortPairs(db, { comparison, dataCut, windows, filter });
  // Per-instrument thresholds as CASE expressions over the row's instrument (a handful of
  // branches), not a join: the histogram stays one scan of the pairs joined to the episodes.
  const perInstrument = (value: (t: ScoreThresholds) => ReturnType<typeof sql> | null) => {
    const branches = thresholds.flatMap((t) => {
      const v = value(t);
      return v === null ? [] : [sql`when ${t.instrument} then ${v}`];
    });
    return branches.length ? sql`(case p.instrument ${sql.join(branches, sql` `)} end)` : sql`null`;
  };
  const clinical = (score: string) =>
    perInstrument((t) => (t.cutoff === null ? null : t.clinicalAtOrAbove ? sql`${sql.ref(score)} >= ${t.cutoff}::float8` : sql`${sql.ref(score)} < ${t.cutoff}::float8`));
  const remissionBelow = perInstrument((t) => (t.remissionBelow === null ? null : sql`${t.remissionBelow}::float8`));
  const sum = (expr: ReturnType<typeof sql>) => sql<number>`coalesce(sum(${expr}), 0)`;

  return pairs.select([
    "p.comparison",
    "p.instrument",
    ...selectGroupKeys("p", by),
    "p.change",
    sql<number>`count(*)`.as("n"),
    sum(sql`p.pre_score`).as("sx"),
    sum(sql`p.pre_score * p.pre_score`).as("sxx"),
    sql<number>`count(*) filter (where ${clinical("p.pre_score")} and not ${clinical("p.post_score")})`.as("n_left_clinical_range"),
    sql<number>`count(*) filter (where p.pre_score > 0 and p.post_score <= 0.5 * p.pre_score)`.as("n_halved"),
    sql<number>`count(*) filter (where p.post_score < ${remissionBelow})`.as("n_below_remission"),
  ]);
}

type HistogramRow = Awaited<ReturnType<ReturnType<typeof histogramQuery>["execute"]>>[number];

/** A result row as a bar, its group read from the `by_<key>` columns of `by`. */
function bar(row: HistogramRow, by: readonly PairGroupKey[]): PairedChangeCount {
  const change = row.change === null ? null : Number(row.change);
  const [n, sx, sxx] = [Number(row.n), Number(row.sx), Number(row.sxx)];
  // Within a bar every post score is pre − d, so the post sums follow from the pre sums.
  const d = change ?? 0;
  return {
    comparison: row.comparison,
    instrument: row.instrument,
    group: groupOf(row, by),
    change,
    n,
    sx,
    sy: change === null ? 0 : sx - n * d,
    sxx,
    syy: change === null ? 0 : sxx - 2 * d * sx + n * d * d,
    sxy: change === null ? 0 : sxx - d * sx,
    n_left_clinical_range: Number(row.n_left_clinical_range),
    n_halved: Number(row.n_halved),
    n_below_remission: Number(row.n_below_remission),
  };
}

/**
 * The histogram of a larger cohort made of disjoint parts (the sites): bars of equal
 * comparison, instrument, group and change add up — counts and sums alike — once `drop` (the
 * part's key) is taken out of the group. Ordered as the SQL orders them (the group's keys in
 * the order they were grouped by).
 */
export function mergeChangeCounts(bars: readonly PairedChangeCount[], drop: keyof PairedChangeCount["group"]): PairedChangeCount[] {
  const merged = new Map<string, PairedChangeCount>();
  for (const bar of bars) {
    const { [drop]: _dropped, ...group } = bar.group;
    const key = JSON.stringify([bar.comparison, bar.instrument, group, bar.change]);
    const into = merged.get(key);
    merged.set(
      key,
      into
        ? {
            ...into,
            ...mergeSums(into, bar),
            n_left_clinical_range: into.n_left_clinical_range + bar.n_left_clinical_range,
            n_halved: into.n_halved + bar.n_halved,
            n_below_remission: into.n_below_remission + bar.n_below_remission,
          }
        : { ...bar, group },
    );
  }
  const text = (v: string | null | undefined) => v ?? "\uffff"; // nulls last, as the SQL orders them
  return [...merged.values()].sort((a, b) => {
    const keys = (r: PairedChangeCount) => [r.instrument, ...Object.keys(r.group).map((k) => text(r.group[k as keyof typeof r.group])), r.comparison];
    const [ka, kb] = [keys(a), keys(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return (a.change ?? -Infinity) - (b.change ?? -Infinity);
  });
}
