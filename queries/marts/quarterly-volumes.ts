// mart_quarterly_volumes — grain: one row per calendar quarter (`YYYYQn`) in which anything
// was admitted or discharged: the volume and process measures of the director's report.
//   admissions            episodes admitted in the quarter
//   discharges            episodes discharged in the quarter
//   completed             … of which discharged as `completed` (completion rate = completed / discharges)
//   median_los_days       median length of stay of the quarter's discharges (percentile_cont)
//   measured              … discharges with an intake and a discharge score on one same instrument
//                         (measurement compliance = measured / discharges)
//   recommend_answered    … discharges who answered "would you recommend"; recommend_yes said yes
// Admissions count by admission quarter, everything else by discharge quarter, so a quarter's
// discharges are the cohort of its outcome measures (as `analyze --quarter` uses).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import type { GroupKey } from "../group-keys.ts";
import { pairRows } from "../intermediate/comparison-pairs.ts";
import { stagedEpisodes } from "../staging/episodes.ts";

export interface QuarterlyVolumesRow {
  quarter: string;
  admissions: number;
  discharges: number;
  completed: number;
  median_los_days: number | null;
  measured: number;
  recommend_answered: number;
  recommend_yes: number;
}

export async function quarterlyVolumes(
  db: Kysely<Database>,
  { dataCut, where = {}, windows = DEFAULT_WINDOWS }: { dataCut: string; where?: Partial<Record<GroupKey, string>>; windows?: readonly TimepointWindow[] },
): Promise<QuarterlyVolumesRow[]> {
  let episodes = db.selectFrom(stagedEpisodes(db).as("e")).selectAll("e").where("e.admitted_on", "<=", dataCut);
  for (const [key, value] of Object.entries(where)) episodes = episodes.where(sql.ref(`e.${key}`), "=", value);

  const rows = await db
    .with("e", () => episodes)
    // Measured: an intake → discharge pair with both scores on some instrument (the derived
    // pairs, not a regrouping of every timepoint score). Materialized: computed once for all
    // episodes; inlined, the planner misjudged its DISTINCT and re-ran it per episode when a
    // filter (e.g. one site) made the outer side look small.
    .with((cte) => cte("measured").materialized(), () =>
      db
        .selectFrom(pairRows(db, windows).as("s"))
        .where("s.comparison", "=", "intake_discharge")
        .where("s.post_score", "is not", null)
        .select("s.episode_id")
        .distinct(),
    )
    .with("admitted", (qb) => qb.selectFrom("e").select(["e.admission_quarter as quarter", sql<number>`count(*)`.as("admissions")]).groupBy("e.admission_quarter"))
    .with("discharged", (qb) =>
      qb
        .selectFrom("e")
        .leftJoin("measured as m", "m.episode_id", "e.episode_id")
        .where("e.discharged_on", "is not", null)
        .where("e.discharged_on", "<=", dataCut)
        .select([
          "e.discharge_quarter as quarter",
          sql<number>`count(*)`.as("discharges"),
          sql<number>`count(*) filter (where e.discharge_reason = 'completed')`.as("completed"),
          sql<number | null>`percentile_cont(0.5) within group (order by e.length_of_stay_days)`.as("median_los_days"),
          sql<number>`count(m.episode_id)`.as("measured"),
          sql<number>`count(e.would_recommend)`.as("recommend_answered"),
          sql<number>`count(*) filter (where e.would_recommend = 'yes')`.as("recommend_yes"),
        ])
        .groupBy("e.discharge_quarter"),
    )
    .selectFrom("admitted as a")
    .fullJoin("discharged as d", "d.quarter", "a.quarter")
    .select([
      sql<string>`coalesce(a.quarter, d.quarter)`.as("quarter"),
      sql<number>`coalesce(a.admissions, 0)`.as("admissions"),
      sql<number>`coalesce(d.discharges, 0)`.as("discharges"),
      sql<number>`coalesce(d.completed, 0)`.as("completed"),
      "d.median_los_days",
      sql<number>`coalesce(d.measured, 0)`.as("measured"),
      sql<number>`coalesce(d.recommend_answered, 0)`.as("recommend_answered"),
      sql<number>`coalesce(d.recommend_yes, 0)`.as("recommend_yes"),
    ])
    .orderBy("quarter")
    .execute();
  return rows.map((r) => ({
    quarter: r.quarter,
    admissions: Number(r.admissions),
    discharges: Number(r.discharges),
    completed: Number(r.completed),
    median_los_days: r.median_los_days === null ? null : Number(r.median_los_days),
    measured: Number(r.measured),
    recommend_answered: Number(r.recommend_answered),
    recommend_yes: Number(r.recommend_yes),
  }));
}

