// mart_quarterly_volumes — grain: one row per calendar quarter (`YYYYQn`) in which anything
// was admitted or discharged: the volume and process measures of the director's report.
//   admissions            episodes admitted in the quarter
//   discharges            episodes discharged in the quarter
//   completed             … of which discharged as `completed` (completion rate = completed / discharges)
//   median_los_days       median length of stay of the quarter's discharges (as percentile_cont)
//   measured              … discharges with an intake and a discharge score on one same instrument
//                         (measurement compliance = measured / discharges)
//   recommend_answered    … discharges who answered "would you recommend"; recommend_yes said yes
// Admissions count by admission quarter, everything else by discharge quarter, so a quarter's
// discharges are the cohort of its outcome measures (as `analyze --quarter` uses).
//
// Read from counts that add up (quarterlyVolumeCounts, grain: one row per group × quarter, and
// for the discharges × length of stay in days), so a report reads every site in one pass and
// sums the sites for all of them — the median too, from the summed length-of-stay histogram
// (at 1M episodes four passes, one per scope, each de-duplicating 3.7M pairs to find
// the measured episodes, ran for minutes).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { percentileFromCounts } from "../../stats/percentile.ts";
import { type GroupKey, groupOf, selectGroupKeys } from "../group-keys.ts";
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

type Counts<T> = T & { group: Partial<Record<GroupKey, string | null>>; quarter: string };

/** The additive counts behind the volumes, per group (the `by` keys) and quarter. */
export interface QuarterlyVolumeCounts {
  admitted: Counts<{ admissions: number }>[];
  /** Per length of stay as well: the median of a sum of groups is read from their summed bars. */
  discharged: Counts<{ los_days: number; discharges: number; completed: number; recommend_answered: number; recommend_yes: number }>[];
  measured: Counts<{ measured: number }>[];
}

interface VolumeOptions {
  dataCut: string;
  where?: Partial<Record<GroupKey, string>>;
  by?: readonly GroupKey[];
  windows?: readonly TimepointWindow[];
}

export async function quarterlyVolumeCounts(db: Kysely<Database>, { dataCut, where = {}, by = [], windows = DEFAULT_WINDOWS }: VolumeOptions): Promise<QuarterlyVolumeCounts> {
  let episodes = db.selectFrom(stagedEpisodes(db).as("e")).where("e.admitted_on", "<=", dataCut);
  for (const [key, value] of Object.entries(where)) episodes = episodes.where(sql.ref(`e.${key}`), "=", value);
  const discharged = episodes.where("e.discharged_on", "is not", null).where("e.discharged_on", "<=", dataCut);
  const keys = by.map((key) => sql.ref(`e.${key}`));

  const admitted = await episodes
    .select([...selectGroupKeys("e", by), "e.admission_quarter as quarter", sql<number>`count(*)`.as("admissions")])
    .groupBy([...keys, "e.admission_quarter"])
    .execute();
  const stays = await discharged
    .select([
      ...selectGroupKeys("e", by),
      "e.discharge_quarter as quarter",
      sql<number>`e.length_of_stay_days`.as("los_days"),
      sql<number>`count(*)`.as("discharges"),
      sql<number>`count(*) filter (where e.discharge_reason = 'completed')`.as("completed"),
      sql<number>`count(e.would_recommend)`.as("recommend_answered"),
      sql<number>`count(*) filter (where e.would_recommend = 'yes')`.as("recommend_yes"),
    ])
    .groupBy([...keys, "e.discharge_quarter", "e.length_of_stay_days"])
    .execute();
  // Measured: an intake → discharge pair with both scores on some instrument (the derived
  // pairs). A semi-join, which stops at an episode's first such pair: de-duplicating the
  // pairs by episode instead (DISTINCT, 3.7M pairs → 950k episodes at 1M) spilled its hash
  // table past work_mem and, run in parallel, did not finish in 100 s.
  const measured = await discharged
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom(pairRows(db, windows).as("s"))
          .whereRef("s.episode_id", "=", "e.episode_id")
          .where("s.comparison", "=", "intake_discharge")
          .where("s.post_score", "is not", null)
          .select(sql`1`.as("one")),
      ),
    )
    .select([...selectGroupKeys("e", by), "e.discharge_quarter as quarter", sql<number>`count(*)`.as("measured")])
    .groupBy([...keys, "e.discharge_quarter"])
    .execute();

  const counts = <T extends { quarter: string | null }>(row: T) => ({ group: groupOf(row, by), quarter: row.quarter as string });
  return {
    admitted: admitted.map((r) => ({ ...counts(r), admissions: Number(r.admissions) })),
    discharged: stays.map((r) => ({
      ...counts(r),
      los_days: Number(r.los_days),
      discharges: Number(r.discharges),
      completed: Number(r.completed),
      recommend_answered: Number(r.recommend_answered),
      recommend_yes: Number(r.recommend_yes),
    })),
    measured: measured.map((r) => ({ ...counts(r), measured: Number(r.measured) })),
  };
}

/** The volumes of the groups `keep` accepts (all of them by default), summed per quarter. */
export function volumesFromCounts(counts: QuarterlyVolumeCounts, keep: (group: Partial<Record<GroupKey, string | null>>) => boolean = () => true): QuarterlyVolumesRow[] {
  const rows = new Map<string, QuarterlyVolumesRow & { stays: { value: number; count: number }[] }>();
  const row = (quarter: string) => {
    if (!rows.has(quarter)) rows.set(quarter, { quarter, admissions: 0, discharges: 0, completed: 0, median_los_days: null, measured: 0, recommend_answered: 0, recommend_yes: 0, stays: [] });
    return rows.get(quarter)!;
  };
  for (const a of counts.admitted.filter((c) => keep(c.group))) row(a.quarter).admissions += a.admissions;
  for (const d of counts.discharged.filter((c) => keep(c.group))) {
    const r = row(d.quarter);
    r.discharges += d.discharges;
    r.completed += d.completed;
    r.recommend_answered += d.recommend_answered;
    r.recommend_yes += d.recommend_yes;
    r.stays.push({ value: d.los_days, count: d.discharges });
  }
  for (const m of counts.measured.filter((c) => keep(c.group))) row(m.quarter).measured += m.measured;
  return [...rows.values()]
    .sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0))
    .map(({ stays, ...r }) => ({ ...r, median_los_days: percentileFromCounts(stays, 0.5) }));
}

export async function quarterlyVolumes(db: Kysely<Database>, options: Omit<VolumeOptions, "by">): Promise<QuarterlyVolumesRow[]> {
  return volumesFromCounts(await quarterlyVolumeCounts(db, options));
}
