// mart_pathway_measures — grain: one row per group (the --by keys) × level of care of A (each
// level, and `all`) × measure of DESIGN.md "Care pathways": how many discharged episodes A are
// in the measure's denominator (window closed by the data cut, level and discharge reason as
// the measure asks) and how many of those are in its numerator (the next episode B at the
// right level within the window). Counted in the database: the episodes never leave it.
//
// Every level of care with a discharged episode gets all seven measures, so a measure whose
// windows have not closed yet shows denominator 0 (continuing care at OP is always 0: it asks
// for IOP or above).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { levelRank, MEASURE_RULES, type MeasureRule, type PathwayMeasure } from "../../domain/pathways.ts";
import type { LevelOfCare } from "../../domain/vocabulary.ts";
import { type Group, type GroupKey, groupOf } from "../group-keys.ts";
import { episodePathways } from "../intermediate/episode-pathways.ts";

export interface PathwayFilter {
  /** Keep only episodes A with these values (`--site S01 --track COD …`). */
  where?: Partial<Record<GroupKey, string>>;
  /** Keep only episodes A discharged in this calendar year (reports of one year). */
  dischargeYear?: number;
  /** Keep only episodes A discharged in this quarter (`2026Q3`). */
  dischargeQuarter?: string;
}

export interface PathwayMeasureRow {
  group: Group;
  level_of_care: LevelOfCare | "all";
  measure: PathwayMeasure;
  numerator: number;
  denominator: number;
}

/** The pathways of discharged episodes A, narrowed by the cohort filter. */
export function filteredPathways(db: Kysely<Database>, { dataCut, filter = {} }: { dataCut: string; filter?: PathwayFilter }) {
  let p = episodePathways(db, { dataCut });
  for (const [key, value] of Object.entries(filter.where ?? {})) p = p.where(sql.ref(`s.${key}`), "=", value);
  if (filter.dischargeQuarter !== undefined) p = p.where(sql<boolean>`to_char(s.discharged_on, 'YYYY"Q"Q') = ${filter.dischargeQuarter}`);
  if (filter.dischargeYear !== undefined) p = p.where(sql<boolean>`extract(year from s.discharged_on) = ${filter.dischargeYear}::int`);
  return p;
}

const DIRECTION_SQL: Record<MeasureRule["direction"], ReturnType<typeof sql.raw>> = {
  lower: sql.raw("<"),
  higher: sql.raw(">"),
  same_or_higher: sql.raw(">="),
};

/** Whether the row `p` is in one rule's denominator, and in its numerator, as SQL booleans. */
function ruleConditions(rule: MeasureRule, withinDays: number) {
  const window = sql`${rule.windowDays ?? withinDays}::int`;
  const reason = rule.reasons
    ? sql`p.discharge_reason in (${sql.join(rule.reasons.map((r) => sql`${r}`))})`
    : rule.excludedReasons.length
      ? sql`coalesce(p.discharge_reason not in (${sql.join(rule.excludedReasons.map((r) => sql`${r}`))}), true)`
      : sql`true`;
  const eligible = sql`p.days_observed >= ${window} and p.level_rank >= ${sql.lit(levelRank(rule.minLevel))} and ${reason}`;
  const counted = sql`p.next_level_rank ${DIRECTION_SQL[rule.direction]} p.level_rank and p.gap <= ${window}`;
  return { eligible, counted };
}

/**
 * One pass over the pathways: each rule's numerator and denominator are two filtered counts of
 * the same GROUP BY, so the rows are read once and aggregated into a handful of groups. (The
 * first form crossed every row with the seven rules and grouped 700k rows by the measure's
 * name: 1.7 s against 0.2 s for 100k episodes.) The aggregate rows are unpivoted here.
 */
export async function pathwayMeasures(
  db: Kysely<Database>,
  { dataCut, withinDays, by, filter }: { dataCut: string; withinDays: number; by: readonly GroupKey[]; filter?: PathwayFilter },
): Promise<PathwayMeasureRow[]> {
  const p = filteredPathways(db, { dataCut, filter });
  const keys = by.map((key) => sql.ref(`p.${key}`));
  const keyList = keys.length ? sql`${sql.join(keys)}, ` : sql``;
  const selectKeys = by.length ? sql`${sql.join(by.map((key) => sql`${sql.ref(`p.${key}`)} as ${sql.ref(`by_${key}`)}`))}, ` : sql``;
  const orderKeys = by.length ? sql`${sql.join(by.map((key) => sql`${sql.ref(`p.${key}`)} nulls last`))}, ` : sql``;
  const counts = MEASURE_RULES.map((rule, i) => {
    const { eligible, counted } = ruleConditions(rule, withinDays);
    return sql`count(*) filter (where ${eligible} and ${counted}) as ${sql.id(`n_${i}`)}, count(*) filter (where ${eligible}) as ${sql.id(`d_${i}`)}`;
  });
  const { rows } = await sql<Record<string, unknown> & { level_of_care: string }>`
    select ${selectKeys}
      case when grouping(p.level_of_care) = 1 then 'all' else p.level_of_care end as level_of_care,
      ${sql.join(counts)}
    from (${p}) as p
    group by grouping sets ((${keyList}p.level_of_care), (${by.length ? sql.join(keys) : sql``}))
    order by ${orderKeys}grouping(p.level_of_care), min(p.level_rank)`.execute(db);
  return rows.flatMap((row) =>
    MEASURE_RULES.map((rule, i) => ({
      group: groupOf(row, by),
      level_of_care: row.level_of_care as LevelOfCare | "all",
      measure: rule.measure,
      numerator: Number(row[`n_${i}`]),
      denominator: Number(row[`d_${i}`]),
    })),
  );
}
