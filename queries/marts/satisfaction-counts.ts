// mart_satisfaction_counts — grain: one row per group (the --by keys): discharged episodes,
// how many answered "would you recommend", and how many said yes (the "98 % would recommend"
// claim of DESIGN.md, with its response rate).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { inQuarters, stagedEpisodes } from "../staging/episodes.ts";
import { type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
import type { CohortFilter } from "./effect-size-sums.ts";

export interface SatisfactionCountsRow {
  group: Partial<Record<GroupKey, string | null>>;
  discharged: number;
  answered: number;
  yes: number;
}

export async function satisfactionCounts(
  db: Kysely<Database>,
  { by, filter = {} }: { by: readonly GroupKey[]; filter?: Omit<CohortFilter, "instrument"> },
): Promise<SatisfactionCountsRow[]> {
  let query = db
    .selectFrom(stagedEpisodes(db).as("e"))
    .where("e.discharged_on", "is not", null)
    .select([
      ...selectGroupKeys("e", by),
      sql<number>`count(*)`.as("discharged"),
      sql<number>`count(e.would_recommend)`.as("answered"),
      sql<number>`count(*) filter (where e.would_recommend = 'yes')`.as("yes"),
    ]);
  if (by.length) query = query.groupBy(by.map((key) => sql.ref(`e.${key}`)));
  if (filter.quarter) query = query.where(inQuarters(sql`e.discharged_on`, [filter.quarter]));
  for (const [key, value] of Object.entries(filter.where ?? {})) query = query.where(sql.ref(`e.${key}`), "=", value);
  for (const key of by) query = query.orderBy(sql`${sql.ref(`e.${key}`)} nulls last`);
  const rows = await query.execute();
  return rows.map((row) => {
    return {
      group: groupOf(row, by),
      discharged: Number(row.discharged),
      answered: Number(row.answered),
      yes: Number(row.yes),
    };
  });
}
