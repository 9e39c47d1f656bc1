// mart_retention_counts — grain: one row per group (the --by keys) × day since admission on
// which something happened: dropouts (events) and censored episodes. Kaplan–Meier and the
// log-rank test need only these counts, so the per-episode rows never leave the database.
//
// DESIGN.md "Statistics" (retention): the event is leaving early (`left_early`), on its
// discharge day; every other discharge is censored at its discharge day; open episodes are
// censored at the data cut.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { inQuarters, stagedEpisodes } from "../staging/episodes.ts";
import { type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
import type { CohortFilter } from "./effect-size-sums.ts";

export interface RetentionCountsRow {
  group: Partial<Record<GroupKey, string | null>>;
  day: number;
  events: number;
  censored: number;
}

export async function retentionCounts(
  db: Kysely<Database>,
  { dataCut, by, filter = {} }: { dataCut: string; by: readonly GroupKey[]; filter?: Omit<CohortFilter, "instrument"> },
): Promise<RetentionCountsRow[]> {
  let episodes = db
    .selectFrom(stagedEpisodes(db).as("e"))
    .where("e.admitted_on", "<=", dataCut)
    .select([
      ...selectGroupKeys("e", by),
      sql<number>`coalesce(e.discharged_on, ${dataCut}::date) - e.admitted_on`.as("day"),
      "e.dropped_out",
    ]);
  if (filter.quarter) episodes = episodes.where(inQuarters(sql`e.admitted_on`, [filter.quarter]));
  for (const [key, value] of Object.entries(filter.where ?? {})) episodes = episodes.where(sql.ref(`e.${key}`), "=", value);

  let query = db
    .selectFrom(episodes.as("t"))
    .select([
      ...by.map((key) => sql<string | null>`${sql.ref(`t.by_${key}`)}`.as(`by_${key}`)),
      "t.day",
      sql<number>`count(*) filter (where t.dropped_out)`.as("events"),
      sql<number>`count(*) filter (where not t.dropped_out)`.as("censored"),
    ])
    .groupBy([...by.map((key) => sql.ref(`t.by_${key}`)), "t.day"]);
  for (const key of by) query = query.orderBy(sql`${sql.ref(`t.by_${key}`)} nulls last`);
  const rows = await query.orderBy("t.day").execute();
  return rows.map((row) => {
    return {
      group: groupOf(row, by),
      day: Number(row.day),
      events: Number(row.events),
      censored: Number(row.censored),
    };
  });
}
