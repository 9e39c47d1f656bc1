// mart_pathway_transitions — grain: one row per group (the --by keys) × level of care of A ×
// `to` (B's level, or `none`) that occurs: DESIGN.md's transition matrix. Every discharged
// episode A whose window W has closed (A.discharged_on + W ≤ cut) counts once: `to` = B's level
// when B exists and the gap is ≤ W, else `none`. Cells that do not occur are absent (the
// analysis fills the grid with zeros). The counts come from the same pass as the measures
// (pathway-measures.ts, mart_pathway_outcome_counts).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { TransitionTarget } from "../../domain/pathways.ts";
import type { LevelOfCare } from "../../domain/vocabulary.ts";
import type { Group, GroupKey } from "../group-keys.ts";
import { type PathwayFilter, type PathwayOutcomeCount, pathwayOutcomeCounts } from "./pathway-measures.ts";

export interface PathwayTransitionRow {
  group: Group;
  from: LevelOfCare;
  to: TransitionTarget;
  n: number;
}

/** The matrix's non-empty cells, in the order of the groups, A's level and B's level. */
export function transitionsFromOutcomeCounts(counts: readonly PathwayOutcomeCount[]): PathwayTransitionRow[] {
  return counts.filter((c) => c.n_closed > 0).map((c) => ({ group: c.group, from: c.level_of_care, to: c.to, n: c.n_closed }));
}

export async function pathwayTransitions(
  db: Kysely<Database>,
  options: { dataCut: string; withinDays: number; by: readonly GroupKey[]; filter?: PathwayFilter },
): Promise<PathwayTransitionRow[]> {
  return transitionsFromOutcomeCounts(await pathwayOutcomeCounts(db, options));
}
