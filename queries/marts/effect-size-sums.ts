// mart_effect_size_sums — grain: one row per group (the --by keys) × instrument × comparison.
// Everything an effect-size row needs, aggregated in the database so shards (Citus) could
// compute and merge it: the paired sums (n, Σx, Σy, Σx², Σy², Σxy; x = pre, y = post), the
// counts of reliable change, recovery, response and remission, and the pre-score sums of
// episodes missing the later score (the attrition check). stats/ turns these into effects.
// Several comparisons are aggregated in one query over one pass of the pairs (grouped by
// comparison too); rows come back comparison by comparison, in the order asked.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type Comparison, DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { type CohortFilter, cohortPairs } from "../intermediate/comparison-pairs.ts";
import { type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
import { inlineRelation } from "../inline-relation.ts";

export { GROUP_KEYS, type GroupKey } from "../group-keys.ts";

/** How one instrument's change is judged (built from the instrument catalog by the caller). */
export interface ChangeRule {
  instrument: string;
  better: "lower" | "higher";
  /** Jacobson–Truax S_diff = SD_ref · √2 · √(1 − r_xx); null when the catalog has none. */
  sDiff: number | null;
  /** Clinical cutoff and which side of it is "clinical"; null when none. */
  cutoff: number | null;
  clinicalAtOrAbove: boolean;
  /** Response (post ≤ ½·pre, pre > 0) and remission (post < remissionBelow) apply. */
  remissionBelow: number | null;
}

export type { CohortFilter };

export interface EffectSizeSumsRow {
  instrument: string;
  comparison: Comparison;
  /** The --by keys' values, by key name. */
  group: Partial<Record<GroupKey, string | null>>;
  n: number;
  n_missing: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  n_reliable_improvement: number | null;
  n_reliable_deterioration: number | null;
  n_recovered: number | null;
  n_response: number | null;
  n_remission: number | null;
  missing_sx: number;
  missing_sxx: number;
}

export async function effectSizeSums(
  db: Kysely<Database>,
  options: { comparison: Comparison | readonly Comparison[]; dataCut: string; by: readonly GroupKey[]; rules: readonly ChangeRule[]; filter?: CohortFilter; windows?: readonly TimepointWindow[] },
): Promise<EffectSizeSumsRow[]> {
  const { comparison, dataCut, by, rules, filter = {}, windows = DEFAULT_WINDOWS } = options;
  const comparisons: readonly Comparison[] = typeof comparison === "string" ? [comparison] : comparison;
  const ruleRows = rules.map((r) => ({
    instrument: r.instrument,
    higher_better: r.better === "higher",
    s_diff: r.sDiff,
    cutoff: r.cutoff,
    clinical_at_or_above: r.clinicalAtOrAbove,
    remission_below: r.remissionBelow,
  }));
  const ruleTypes = { instrument: "text", higher_better: "bool", s_diff: "float8", cutoff: "float8", clinical_at_or_above: "bool", remission_below: "float8" } as const;

  const pairs = cohortPairs(db, { comparison, dataCut, windows, filter }).innerJoin(inlineRelation(db, ruleTypes, ruleRows).as("r"), "r.instrument", "p.instrument");

  const paired = sql`p.post_score is not null`;
  const improvement = sql`(case when r.higher_better then p.post_score - p.pre_score else p.pre_score - p.post_score end)`;
  const clinical = (score: ReturnType<typeof sql>) => sql`(case when r.clinical_at_or_above then ${score} >= r.cutoff else ${score} < r.cutoff end)`;
  const countIf = (condition: ReturnType<typeof sql>, applies: ReturnType<typeof sql>) =>
    sql<number | null>`case when bool_and(${applies}) then count(*) filter (where ${paired} and ${condition}) end`;
  const sum = (expr: ReturnType<typeof sql>, where = paired) => sql<number>`coalesce(sum(${expr}) filter (where ${where}), 0)`;
  const missing = sql`p.post_score is null`;
  // Response and remission apply to comparisons from intake only (DESIGN.md "Statistics").
  const remissionBelow = sql`(case when left(p.comparison, 7) = 'intake_' then r.remission_below end)`;

  let query = pairs
    .select([
      "p.comparison",
      "p.instrument",
      ...selectGroupKeys("p", by),
      sql<number>`count(*) filter (where ${paired})`.as("n"),
      sql<number>`count(*) filter (where ${missing})`.as("n_missing"),
      sum(sql`p.pre_score`).as("sx"),
      sum(sql`p.post_score`).as("sy"),
      sum(sql`p.pre_score * p.pre_score`).as("sxx"),
      sum(sql`p.post_score * p.post_score`).as("syy"),
      sum(sql`p.pre_score * p.post_score`).as("sxy"),
      countIf(sql`${improvement} / r.s_diff > 1.96`, sql`r.s_diff is not null`).as("n_reliable_improvement"),
      countIf(sql`${improvement} / r.s_diff < -1.96`, sql`r.s_diff is not null`).as("n_reliable_deterioration"),
      countIf(
        sql`${improvement} / r.s_diff > 1.96 and ${clinical(sql`p.pre_score`)} and not ${clinical(sql`p.post_score`)}`,
        sql`r.s_diff is not null and r.cutoff is not null`,
      ).as("n_recovered"),
      countIf(sql`p.pre_score > 0 and p.post_score <= 0.5 * p.pre_score`, sql`${remissionBelow} is not null`).as("n_response"),
      countIf(sql`p.post_score < ${remissionBelow}`, sql`${remissionBelow} is not null`).as("n_remission"),
      sum(sql`p.pre_score`, missing).as("missing_sx"),
      sum(sql`p.pre_score * p.pre_score`, missing).as("missing_sxx"),
    ])
    .groupBy(["p.comparison", "p.instrument", ...by.map((key) => sql.ref(`p.${key}`))])
    .orderBy("p.instrument");
  for (const key of by) query = query.orderBy(sql`${sql.ref(`p.${key}`)} nulls last`);
  const rows = await query.execute();
  // Comparison by comparison in the order asked; a stable sort keeps the SQL order within each.
  rows.sort((a, b) => comparisons.indexOf(a.comparison) - comparisons.indexOf(b.comparison));

  return rows.map((row) => {
    return {
      instrument: row.instrument,
      comparison: row.comparison,
      group: groupOf(row, by),
      n: Number(row.n),
      n_missing: Number(row.n_missing),
      sx: Number(row.sx),
      sy: Number(row.sy),
      sxx: Number(row.sxx),
      syy: Number(row.syy),
      sxy: Number(row.sxy),
      n_reliable_improvement: row.n_reliable_improvement,
      n_reliable_deterioration: row.n_reliable_deterioration,
      n_recovered: row.n_recovered,
      n_response: row.n_response,
      n_remission: row.n_remission,
      missing_sx: Number(row.missing_sx),
      missing_sxx: Number(row.missing_sxx),
    };
  });
}
