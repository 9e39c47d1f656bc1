// mart_longitudinal_scores — grain: one row per episode × timepoint with a score, for one
// instrument: every available assessment, as the intention-to-treat mixed model wants
// (DESIGN.md: score ~ timepoint × level_of_care + (1 | episode)). Only episodes whose
// latest window (the last timepoint's) has closed by the data cut take part, so "missing"
// means missing, not "not yet due".
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, orderedWindows, type TimepointWindow } from "../../domain/timepoints.ts";
import { timepointScores } from "../intermediate/timepoint-scores.ts";
import { stagedEpisodes } from "../staging/episodes.ts";
import type { GroupKey } from "./effect-size-sums.ts";

export interface LongitudinalScoreRow {
  episode_id: string;
  timepoint: string;
  group: string | null;
  score: number;
  /** The episode's value of the `scope` key, when one was asked for (a report's sites read in one pass). */
  scope?: string | null;
}

export interface LongitudinalOptions {
  instrument: string;
  dataCut: string;
  by: GroupKey;
  scope?: GroupKey;
  windows?: readonly TimepointWindow[];
  where?: Partial<Record<GroupKey, string>>;
}

/** The mart's rows as a query (`episode_id`, `timepoint`, `group`, `score`, and `scope` when asked for). */
export function longitudinalScoreQuery(db: Kysely<Database>, { instrument, dataCut, by, scope, windows = DEFAULT_WINDOWS, where = {} }: LongitudinalOptions) {
  const last = orderedWindows(windows).at(-1)!;
  let query = db
    .selectFrom(timepointScores(db, windows).as("s"))
    .innerJoin(stagedEpisodes(db).as("e"), "e.episode_id", "s.episode_id")
    .where("s.instrument", "=", instrument as never)
    .where("e.discharged_on", "is not", null)
    .where(sql<boolean>`e.discharged_on + ${last.offsetDays + last.after}::int <= ${dataCut}::date`)
    .select(["s.episode_id", "s.timepoint", "s.timepoint_order", sql<string | null>`${sql.ref(`e.${by}`)}`.as("group"), "s.total_score as score"])
    .$if(scope !== undefined, (q) => q.select(sql<string | null>`${sql.ref(`e.${scope}`)}`.as("scope")));
  for (const [key, value] of Object.entries(where)) query = query.where(sql.ref(`e.${key}`), "=", value);
  return query;
}

export async function longitudinalScores(db: Kysely<Database>, options: LongitudinalOptions): Promise<LongitudinalScoreRow[]> {
  const rows = await longitudinalScoreQuery(db, options).orderBy("s.episode_id").orderBy("s.timepoint_order").execute();
  return rows.map((r) => ({ episode_id: r.episode_id, timepoint: r.timepoint, group: r.group, score: Number(r.score), ...(options.scope !== undefined ? { scope: (r as { scope?: string | null }).scope ?? null } : {}) }));
}
