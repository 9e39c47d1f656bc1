// mart_benchmark_cells — grain: one row per group (the --by key) × intake score × level of care ×
// track × age band × gender, over the benchmarking sample of one instrument and comparison
// (DESIGN.md "Fair comparison across sites"): episodes with both scores, whose window has
// closed by the data cut, and whose intake is on the clinical side of the catalog cutoff.
// Each row carries n, Σ change, Σ change² (change oriented so that positive = improvement) and
// the count with reliable improvement (change / S_diff > 1.96, Jacobson & Truax 1991) —
// everything the severity-adjusted effect size, its shrinkage and the funnels need
// (stats/severity-adjusted.ts), so the result is bounded by the categories, not the episodes.
// An empty category is its own level, `unknown`; so is an episode without a group.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Comparison } from "../../domain/timepoints.ts";
import { type CohortFilter, cohortPairs } from "../intermediate/comparison-pairs.ts";
import type { GroupKey } from "../group-keys.ts";
import type { ChangeCell } from "../../stats/severity-adjusted.ts";

/** The case-mix covariates of DESIGN.md, besides intake (the --by key is left out when it is one). */
export const CASE_MIX_KEYS = ["level_of_care", "track", "age_band", "gender"] as const satisfies readonly GroupKey[];
export const UNKNOWN_CATEGORY = "unknown";

export interface BenchmarkSample {
  instrument: string;
  comparison: Comparison;
  dataCut: string;
  by: GroupKey;
  better: "lower" | "higher";
  /** Clinical range of the intake score; null keeps every intake. */
  cutoff: { value: number; clinicalAtOrAbove: boolean } | null;
  /** S_diff of the reliable change index; null: no reliable-change rule (counts stay 0). */
  sDiff: number | null;
  filter?: Omit<CohortFilter, "instrument">;
}

export const caseMixKeys = (by: GroupKey): GroupKey[] => CASE_MIX_KEYS.filter((k) => k !== by);

export async function benchmarkCells(db: Kysely<Database>, s: BenchmarkSample): Promise<ChangeCell[]> {
  const keys = caseMixKeys(s.by);
  const category = (key: string) => sql<string>`coalesce(${sql.ref(`p.${key}`)}::text, ${UNKNOWN_CATEGORY})`;
  const change = s.better === "lower" ? sql`(p.pre_score - p.post_score)` : sql`(p.post_score - p.pre_score)`;
  const reliable = s.sDiff === null ? sql`false` : sql`${change}::float8 / ${s.sDiff}::float8 > 1.96`;
  let query = cohortPairs(db, { comparison: s.comparison, dataCut: s.dataCut, filter: { ...s.filter, instrument: s.instrument } }).where("p.post_score", "is not", null);
  if (s.cutoff) query = query.where("p.pre_score", s.cutoff.clinicalAtOrAbove ? ">=" : "<", s.cutoff.value);
  let grouped = query
    .select([
      category(s.by).as("group_key"),
      "p.pre_score",
      ...keys.map((k) => category(k).as(`cat_${k}`)),
      sql<number>`count(*)`.as("n"),
      sql<number>`sum(${change})`.as("sum_change"),
      sql<number>`sum(${change} * ${change})`.as("sum_change_squared"),
      sql<number>`count(*) filter (where ${reliable})`.as("reliable"),
    ])
    .groupBy([sql.ref(`p.${s.by}`), "p.pre_score", ...keys.map((k) => sql.ref(`p.${k}`))])
    .orderBy("group_key")
    .orderBy("p.pre_score");
  for (const k of keys) grouped = grouped.orderBy(sql.ref(`cat_${k}`));
  const rows = await grouped.execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, unknown>;
    return {
      group: String(row.group_key),
      intake: Number(row.pre_score),
      categories: keys.map((k) => String(row[`cat_${k}`])),
      n: Number(row.n),
      sumChange: Number(row.sum_change),
      sumChangeSquared: Number(row.sum_change_squared),
      reliable: Number(row.reliable),
    };
  });
}
