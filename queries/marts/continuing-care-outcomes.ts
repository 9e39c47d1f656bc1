// mart_continuing_care_outcomes — grain: one row per episode A at IOP or above, discharged
// `completed`, with an intake and a six-month score of one instrument: its scores, level of
// care, track, and whether continuing care followed (the next episode at a lower level within
// 30 days of discharge: the `continuing_care_30d` numerator).
//
// The immortal-time guard (a landmark at day 30): exposure is fixed by what happened in the
// 30 days after discharge, so only episodes whose 30 days have closed by the data cut are in,
// and the six-month score must be dated after day 30 — the outcome can never precede the end
// of the window that decides the exposure, and no one is classified by care they only
// received after their outcome was measured.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { LevelOfCare, Track } from "../../domain/vocabulary.ts";
import { productKey, type SumsCell } from "../../stats/least-squares.ts";
import { comparisonPairs } from "../intermediate/comparison-pairs.ts";
import { levelRankSql } from "../intermediate/episode-pathways.ts";
import { filteredPathways, type PathwayFilter } from "./pathway-measures.ts";

/** Days after discharge that decide the exposure (DESIGN.md: continuing care within 30 days). */
export const LANDMARK_DAYS = 30;

export interface ContinuingCareOutcomeRow {
  episode_id: string;
  level_of_care: LevelOfCare;
  track: Track | null;
  pre_score: number;
  post_score: number;
  continuing_care: boolean;
}

type OutcomeOptions = { dataCut: string; instrument: string; filter?: PathwayFilter };

/**
 * The mart's rows as SQL. The exposures and the six-month pairs are one row per episode each;
 * they are combined by grouping their union by episode, not by a join: on freshly loaded tables
 * without statistics the planner joined the window-function pathways to the timepoint pivot by a
 * nested loop (40 s for 12,000 episodes on PGlite), and a grouping has no such plan.
 */
function outcomeRows(db: Kysely<Database>, { dataCut, instrument, filter }: OutcomeOptions) {
  const exposures = db
    .selectFrom(
      filteredPathways(db, { dataCut, filter })
        .where("s.discharge_reason", "=", "completed")
        .where(sql<boolean>`s.level_rank >= 2`)
        .where(sql<boolean>`${dataCut}::date - s.discharged_on >= ${LANDMARK_DAYS}::int`)
        .select(sql<boolean>`coalesce(s.next_admitted_on - s.discharged_on <= ${LANDMARK_DAYS}::int and (${levelRankSql("s.next_level_of_care")}) < s.level_rank, false)`.as("continuing_care"))
        .as("a"),
    )
    .select(["a.episode_id", sql<string>`a.level_of_care::text`.as("level_of_care"), sql<string>`a.track::text`.as("track"), "a.continuing_care", sql<number>`null::float8`.as("pre_score"), sql<number>`null::float8`.as("post_score")]);
  const pairs = db
    .selectFrom(comparisonPairs(db, { comparison: "intake_followup_6m", dataCut }).as("p"))
    .where("p.instrument", "=", instrument as never)
    .where("p.post_score", "is not", null)
    .where(sql<boolean>`p.post_on > p.discharged_on + ${LANDMARK_DAYS}::int`)
    .select(["p.episode_id", sql<string>`null::text`.as("level_of_care"), sql<string>`null::text`.as("track"), sql<boolean>`null::boolean`.as("continuing_care"), sql<number>`p.pre_score::float8`.as("pre_score"), sql<number>`p.post_score::float8`.as("post_score")]);
  return sql`select episode_id, max(level_of_care) as level_of_care, max(track) as track, bool_or(continuing_care) as continuing_care, max(pre_score) as pre_score, max(post_score) as post_score
    from (${exposures} union all ${pairs}) u
    group by episode_id
    having count(continuing_care) = 1 and count(pre_score) = 1`;
}

export async function continuingCareOutcomes(db: Kysely<Database>, options: OutcomeOptions): Promise<ContinuingCareOutcomeRow[]> {
  const { rows } = await sql<ContinuingCareOutcomeRow>`select * from (${outcomeRows(db, options)}) r order by episode_id`.execute(db);
  return rows.map((r) => ({ ...r, pre_score: Number(r.pre_score), post_score: Number(r.post_score) }));
}

/**
 * The mart summed per cell of what the comparison models (queries/analyses/continuing-care-
 * analysis.ts): continuing care × intake score × level of care × track (episodes without a
 * track left out), with the improvement's (pre − post) sum and sum of squares, exact.
 */
export async function continuingCareCells(db: Kysely<Database>, options: OutcomeOptions): Promise<SumsCell[]> {
  const { rows } = await sql<{ cc: string; pre: string; level_of_care: string; track: string; n: number; s: number; ss: number }>`
    select continuing_care::text as cc, pre_score::text as pre, level_of_care, track, count(*)::int as n,
      sum((pre_score - post_score)::numeric)::float8 as s, sum(((pre_score - post_score)::numeric) ^ 2)::float8 as ss
    from (${outcomeRows(db, options)}) r where track is not null
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({
    keys: { continuing_care: r.cc, pre: r.pre, level_of_care: r.level_of_care, track: r.track },
    n: Number(r.n),
    sum: { improvement: Number(r.s) },
    product: { [productKey("improvement", "improvement")]: Number(r.ss) },
  }));
}
