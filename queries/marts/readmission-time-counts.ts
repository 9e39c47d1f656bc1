// mart_readmission_time_counts — grain: one row per group (the --by keys) × level of care of
// A × day since A's discharge on which something happened: readmissions (events) and
// censored episodes. Kaplan–Meier of the time to readmission and the log-rank test need only
// these counts (as mart_retention_counts for dropout).
//
// A is a discharged episode that is not a transfer (the readmission measures' population).
// The event is the next episode B at the same or a higher level, on day `gap` (a negative gap
// counts as 0). A is censored at the end of B when B is at a lower level (continuing care: the
// data cut if B is still open), and at the data cut when there is no B.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { LevelOfCare } from "../../domain/vocabulary.ts";
import { type Group, type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
import { levelRankSql } from "../intermediate/episode-pathways.ts";
import { filteredPathways, type PathwayFilter } from "./pathway-measures.ts";

export interface ReadmissionTimeRow {
  group: Group;
  level_of_care: LevelOfCare;
  day: number;
  events: number;
  censored: number;
}

export async function readmissionTimeCounts(
  db: Kysely<Database>,
  { dataCut, by, filter }: { dataCut: string; by: readonly GroupKey[]; filter?: PathwayFilter },
): Promise<ReadmissionTimeRow[]> {
  const nextRank = levelRankSql("s.next_level_of_care");
  const timed = filteredPathways(db, { dataCut, filter })
    .where(sql<boolean>`coalesce(s.discharge_reason not in ('transferred_up', 'transferred_down'), true)`)
    .select([
      sql<boolean>`coalesce((${nextRank}) >= s.level_rank, false)`.as("readmitted"),
      sql<number>`case
        when s.next_admitted_on is null then ${dataCut}::date - s.discharged_on
        when (${nextRank}) >= s.level_rank then greatest(s.next_admitted_on - s.discharged_on, 0)
        else greatest(coalesce(s.next_discharged_on, ${dataCut}::date) - s.discharged_on, 0)
      end`.as("day"),
    ]);
  let query = db
    .selectFrom(timed.as("t"))
    .select([
      ...selectGroupKeys("t", by),
      "t.level_of_care",
      "t.day",
      sql<number>`count(*) filter (where t.readmitted)`.as("events"),
      sql<number>`count(*) filter (where not t.readmitted)`.as("censored"),
    ])
    .groupBy([...by.map((key) => sql.ref(`t.${key}`)), "t.level_of_care", "t.level_rank", "t.day"]);
  for (const key of by) query = query.orderBy(sql`${sql.ref(`t.${key}`)} nulls last`);
  const rows = await query.orderBy("t.level_rank").orderBy("t.day").execute();
  return rows.map((row) => ({ group: groupOf(row, by), level_of_care: row.level_of_care, day: Number(row.day), events: Number(row.events), censored: Number(row.censored) }));
}
