// mart_continuing_care_outcomes — grain: one row per episode A at IOP or above, discharged
// `completed`, with an intake and a six-month score of one instrument: its scores, level of
// care, track, and whether continuing care followed (the next episode at a lower level within
// 30 days of discharge: the `continuing_care_30d` numerator). #18 part 4.
//
// The immortal-time guard (a landmark at day 30): exposure is fixed by what happened in the
// 30 days after discharge, so only episodes whose 30 days have closed by the data cut are in,
// and the six-month score must be dated after day 30 — the outcome can never precede the end
// of the window that decides the exposure, and no one is classified by care they only
// received after their outcome was measured.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { LevelOfCare, Track } from "../../domain/vocabulary.ts";
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

export async function continuingCareOutcomes(
  db: Kysely<Database>,
  { dataCut, instrument, filter }: { dataCut: string; instrument: string; filter?: PathwayFilter },
): Promise<ContinuingCareOutcomeRow[]> {
  const exposures = await db
    .selectFrom(
      filteredPathways(db, { dataCut, filter })
        .where("s.discharge_reason", "=", "completed")
        .where(sql<boolean>`s.level_rank >= 2`)
        .where(sql<boolean>`${dataCut}::date - s.discharged_on >= ${LANDMARK_DAYS}::int`)
        .select(
          sql<boolean>`coalesce(s.next_admitted_on - s.discharged_on <= ${LANDMARK_DAYS}::int and (${levelRankSql("s.next_level_of_care")}) < s.level_rank, false)`.as("continuing_care"),
        )
        .as("a"),
    )
    .select(["a.episode_id", "a.level_of_care", "a.track", "a.discharged_on", "a.continuing_care"])
    .orderBy("a.episode_id")
    .execute();
  const pairs = await db
    .selectFrom(comparisonPairs(db, { comparison: "intake_followup_6m", dataCut }).as("p"))
    .where("p.instrument", "=", instrument as never)
    .where("p.post_score", "is not", null)
    .where(sql<boolean>`p.post_on > p.discharged_on + ${LANDMARK_DAYS}::int`)
    .select(["p.episode_id", "p.pre_score", "p.post_score"])
    .execute();
  // Joined here, not in SQL: on freshly loaded tables without statistics the planner joined
  // the window-function pathways to the timepoint pivot by a nested loop (40 s for 12,000
  // episodes on PGlite); both sides are one row per episode, so a map is exact and linear.
  const scores = new Map(pairs.map((p) => [p.episode_id, p]));
  return exposures.flatMap((a) => {
    const p = scores.get(a.episode_id);
    if (!p) return [];
    return [{ episode_id: a.episode_id, level_of_care: a.level_of_care, track: a.track, pre_score: Number(p.pre_score), post_score: Number(p.post_score), continuing_care: a.continuing_care }];
  });
}
