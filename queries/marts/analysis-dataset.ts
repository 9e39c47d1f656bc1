// mart_analysis_dataset — grain: one row per episode × instrument × derived timepoint (the
// score kept for that timepoint, DESIGN.md), with the episode's descriptors: the research
// export's tidy dataset before de-identification (reports/research/dataset.ts replaces keys
// and dates). Ordered by site, admission date and episode, and numbered in that order
// (`episode_no`, and `patient_no` by each patient's first episode) so pseudonymous keys are
// stable and assigned here rather than in a map as large as the data.
//
// The query is returned unexecuted: the export streams it through a cursor (db/cursor.ts).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { timepointScores } from "../intermediate/timepoint-scores.ts";
import { stagedEpisodes } from "../staging/episodes.ts";

/** Episode descriptors whose rare categories the export recodes. */
export const DATASET_CATEGORIES = ["track", "modality", "age_band", "gender", "race_ethnicity", "payer"] as const;
export type DatasetCategory = (typeof DATASET_CATEGORIES)[number];

interface Options {
  dataCut: string;
  windows?: readonly TimepointWindow[];
}

/** Episodes admitted by the cut with at least one timepoint score assessed by it. */
function datasetEpisodes(db: Kysely<Database>, { dataCut, windows = DEFAULT_WINDOWS }: Options) {
  return db
    .selectFrom("episodes as e")
    .where("e.admitted_on", "<=", dataCut)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom(timepointScores(db, windows).as("s"))
          .select(sql`1`.as("one"))
          .whereRef("s.episode_id", "=", "e.episode_id")
          .where("s.assessed_on", "<=", dataCut),
      ),
    );
}

export function analysisDataset(db: Kysely<Database>, options: Options) {
  const { dataCut, windows = DEFAULT_WINDOWS } = options;
  return (
    db
      // Materialized: on Citus the numbering runs on the coordinator over this CTE's result.
      .with(
        (cte) => cte("included").materialized(),
        () => datasetEpisodes(db, options).select(["e.episode_id", "e.patient_id", "e.site_id", "e.admitted_on"]),
      )
      .with("numbered", (w) =>
        w.selectFrom("included").select(["episode_id", "patient_id", sql<number>`row_number() over (order by site_id, admitted_on, episode_id)::int`.as("episode_no")]),
      )
      .with("patients", (w) => w.selectFrom("numbered").groupBy("patient_id").select(["patient_id", sql<number>`row_number() over (order by min(episode_no))::int`.as("patient_no")]))
      .selectFrom(stagedEpisodes(db).as("e"))
      .innerJoin("numbered as n", "n.episode_id", "e.episode_id")
      .innerJoin("patients as p", "p.patient_id", "n.patient_id")
      .innerJoin(timepointScores(db, windows).as("s"), "s.episode_id", "e.episode_id")
      .where("s.assessed_on", "<=", dataCut)
      .selectAll("e")
      .select(["n.episode_no", "p.patient_no", "s.instrument", "s.timepoint", "s.assessed_on", "s.total_score"])
      .orderBy("n.episode_no")
      .orderBy("s.instrument")
      .orderBy("s.timepoint")
  );
}

/**
 * Episodes per value of each category and per site, over the whole dataset (nulls are not a
 * value): one scan, each episode unfolded into its (category, value) pairs.
 */
export async function datasetCategoryEpisodes(db: Kysely<Database>, options: Options): Promise<Map<DatasetCategory | "site_id", Map<string, number>>> {
  const columns = [...DATASET_CATEGORIES, "site_id"] as const;
  const counts = new Map<DatasetCategory | "site_id", Map<string, number>>(columns.map((c) => [c, new Map()]));
  const pairs = sql.join(columns.map((c) => sql`(${sql.lit(c)}, ${sql.ref(`e.${c}`)}::text)`));
  const { rows } = await sql<{ category: DatasetCategory | "site_id"; value: string; episodes: number }>`
    select v.category, v.value, count(*)::int as episodes
    from (${datasetEpisodes(db, options).select(columns.map((c) => `e.${c}` as const))}) e
    cross join lateral (values ${pairs}) as v(category, value)
    where v.value is not null
    group by 1, 2`.execute(db);
  for (const r of rows) counts.get(r.category)!.set(r.value, r.episodes);
  return counts;
}
