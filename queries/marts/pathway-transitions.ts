// mart_pathway_transitions — grain: one row per group (the --by keys) × level of care of A ×
// `to` (B's level, or `none`) that occurs: DESIGN.md's transition matrix. Every discharged
// episode A whose window W has closed (A.discharged_on + W ≤ cut) counts once: `to` = B's level
// when B exists and the gap is ≤ W, else `none`. Cells that do not occur are absent (the
// analysis fills the grid with zeros).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { TransitionTarget } from "../../domain/pathways.ts";
import type { LevelOfCare } from "../../domain/vocabulary.ts";
import { type Group, type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
import { levelRankSql } from "../intermediate/episode-pathways.ts";
import { filteredPathways, type PathwayFilter } from "./pathway-measures.ts";

export interface PathwayTransitionRow {
  group: Group;
  from: LevelOfCare;
  to: TransitionTarget;
  n: number;
}

export async function pathwayTransitions(
  db: Kysely<Database>,
  { dataCut, withinDays, by, filter }: { dataCut: string; withinDays: number; by: readonly GroupKey[]; filter?: PathwayFilter },
): Promise<PathwayTransitionRow[]> {
  // `to` is computed one level down, so the grouping names a column, not a parameterized expression.
  const targets = filteredPathways(db, { dataCut, filter })
    .where(sql<boolean>`${dataCut}::date - s.discharged_on >= ${withinDays}::int`)
    .select([
      sql<TransitionTarget>`case when s.next_admitted_on - s.discharged_on <= ${withinDays}::int then s.next_level_of_care else 'none' end`.as("to"),
      sql<number>`case when s.next_admitted_on - s.discharged_on <= ${withinDays}::int then ${levelRankSql("s.next_level_of_care")} else 99 end`.as("to_rank"),
    ]);
  let query = db
    .selectFrom(targets.as("p"))
    .select([...selectGroupKeys("p", by), "p.level_of_care as from", "p.to", sql<number>`count(*)`.as("n")])
    .groupBy([...by.map((key) => sql.ref(`p.${key}`)), "p.level_of_care", "p.level_rank", "p.to", "p.to_rank"]);
  for (const key of by) query = query.orderBy(sql`${sql.ref(`p.${key}`)} nulls last`);
  const rows = await query.orderBy("p.level_rank").orderBy("p.to_rank").execute();
  return rows.map((row) => ({ group: groupOf(row, by), from: row.from, to: row.to, n: Number(row.n) }));
}
