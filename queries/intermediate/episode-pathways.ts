// int_episode_pathways — grain: one row per discharged episode A (DESIGN.md "Care pathways"),
// with the patient's next episode B in the order (admitted_on, episode_id), the gap in days
// between A's discharge and B's admission, and how many days past A's discharge the data cut
// lies (a window of N days has closed when days_observed ≥ N).
//
// B is found among all the patient's episodes admitted by the data cut, open ones included; A
// must be discharged. The sequencing is the derived table episode_pathways, kept by the ingest
// (db/pathway-derivation.ts) with the episode's own fields, so this reads that table alone. B
// admitted after the cut counts as no next episode, which is what sequencing only the episodes
// admitted by the cut would give.
// A negative gap (B admitted before A was discharged: overlapping stays) is a data-quality
// finding (queries/marts/data-quality.ts, `overlapping_stays`) and counts as 0 here.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { LevelOfCare } from "../../domain/vocabulary.ts";
import { LEVELS_OF_CARE } from "../../domain/vocabulary.ts";
import { PATHWAY_COLUMNS } from "../../db/pathway-derivation.ts";
import { quarterOf } from "../staging/episodes.ts";

/** 1 (OP) … 5 (INP) for a level-of-care column, in SQL. */
export const levelRankSql = (column: string) =>
  sql<number>`case ${sql.ref(column)} ${sql.join(
    LEVELS_OF_CARE.map((level, i) => sql`when ${level} then ${sql.lit(i + 1)}`),
    sql` `,
  )} end`;

export interface EpisodePathwayRow {
  episode_id: string;
  patient_id: string;
  level_of_care: LevelOfCare;
  level_rank: number;
  discharged_on: string;
  discharge_reason: string | null;
  next_episode_id: string | null;
  next_level_of_care: LevelOfCare | null;
  next_level_rank: number | null;
  next_admitted_on: string | null;
  next_discharged_on: string | null;
  /** B.admitted_on − A.discharged_on; negative for overlapping stays; null without B. */
  raw_gap: number | null;
  /** raw_gap with a negative value counted as 0. */
  gap: number | null;
  days_observed: number;
}

export function episodePathways(db: Kysely<Database>, { dataCut }: { dataCut: string }) {
  const known = sql`p.next_admitted_on <= ${dataCut}::date`;
  const next = <T>(column: string) => sql<T | null>`case when ${known} then ${sql.ref(`p.${column}`)} end`;
  const sequenced = db
    .selectFrom("episode_pathways as p")
    .where("p.admitted_on", "<=", dataCut)
    .where("p.discharged_on", "is not", null)
    .select([...PATHWAY_COLUMNS.filter((c) => !c.startsWith("next_")).map((c) => `p.${c}` as const)])
    .select([
      quarterOf(sql`p.discharged_on`).as("discharge_quarter"),
      levelRankSql("p.level_of_care").as("level_rank"),
      next<string>("next_episode_id").as("next_episode_id"),
      next<LevelOfCare>("next_level_of_care").as("next_level_of_care"),
      next<string>("next_admitted_on").as("next_admitted_on"),
      next<string>("next_discharged_on").as("next_discharged_on"),
    ]);
  return db
    .selectFrom(sequenced.as("s"))
    .select([
      "s.episode_id",
      "s.patient_id",
      "s.site_id",
      "s.level_of_care",
      "s.track",
      "s.modality",
      "s.age_band",
      "s.gender",
      "s.race_ethnicity",
      "s.payer",
      "s.admitted_on",
      "s.discharged_on",
      "s.discharge_reason",
      "s.discharge_quarter",
      "s.level_rank",
      sql<string | null>`s.next_episode_id`.as("next_episode_id"),
      sql<LevelOfCare | null>`s.next_level_of_care`.as("next_level_of_care"),
      levelRankSql("s.next_level_of_care").as("next_level_rank"),
      sql<string | null>`s.next_admitted_on`.as("next_admitted_on"),
      sql<string | null>`s.next_discharged_on`.as("next_discharged_on"),
      sql<number | null>`s.next_admitted_on - s.discharged_on`.as("raw_gap"),
      // greatest() skips nulls, so "no next episode" is kept null explicitly.
      sql<number | null>`case when s.next_admitted_on is not null then greatest(s.next_admitted_on - s.discharged_on, 0) end`.as("gap"),
      sql<number>`${dataCut}::date - s.discharged_on`.as("days_observed"),
    ]);
}
