// `continuum analyze pathways` (DESIGN.md "Care pathways" and "JSON contracts"): the
// transition matrix and the seven measures per level of care and `all`, as percentages with
// Wilson 95% intervals. The counts come from the marts (computed in the database); this adds
// the zero cells of the matrix and the rates.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { TRANSITION_TARGETS, type TransitionTarget } from "../../domain/pathways.ts";
import { LEVELS_OF_CARE, type LevelOfCare } from "../../domain/vocabulary.ts";
import { kaplanMeier, survivalAt } from "../../stats/kaplan-meier.ts";
import { logRank } from "../../stats/log-rank.ts";
import { wilsonInterval } from "../../stats/rank-and-proportion.ts";
import type { Group, GroupKey } from "../group-keys.ts";
import { measuresFromOutcomeCounts, type PathwayFilter, type PathwayOutcomeCount, pathwayOutcomeCounts } from "../marts/pathway-measures.ts";
import { transitionsFromOutcomeCounts } from "../marts/pathway-transitions.ts";
import { readmissionTimeCounts } from "../marts/readmission-time-counts.ts";
import { patientsLinkEpisodes, UNLINKED_MESSAGE } from "../intermediate/linked-episodes.ts";

export interface PathwayTransition {
  from: LevelOfCare;
  to: TransitionTarget;
  n: number;
}

export interface PathwayMeasureResult {
  level_of_care: LevelOfCare | "all";
  measure: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100; null when the denominator is 0. */
  pct: number | null;
  /** Wilson 95% interval in percent; null when the denominator is 0. */
  ci: [number, number] | null;
}

export interface PathwaysDocument {
  data_cut: string;
  within_days: number;
  /** Present when patient_id links no two episodes: no transition or rate is given (no false zeros). */
  cannot_show_transitions?: string;
  transitions: (Group & PathwayTransition)[];
  measures: (Group & PathwayMeasureResult)[];
}

const groupKeyOf = (group: Group) => JSON.stringify(group);

/** A share as a percentage with its Wilson interval (DESIGN.md: rates with Wilson 95% CIs). */
export function rateOf(numerator: number, denominator: number): { pct: number | null; ci: [number, number] | null } {
  const ci = wilsonInterval(numerator, denominator);
  return { pct: denominator > 0 ? (100 * numerator) / denominator : null, ci: ci ? [100 * ci[0], 100 * ci[1]] : null };
}

export async function pathwaysAnalysis(
  db: Kysely<Database>,
  { dataCut, withinDays, by = [], filter }: { dataCut: string; withinDays: number; by?: readonly GroupKey[]; filter?: PathwayFilter },
): Promise<PathwaysDocument> {
  if (!(await patientsLinkEpisodes(db))) return { data_cut: dataCut, within_days: withinDays, cannot_show_transitions: UNLINKED_MESSAGE, transitions: [], measures: [] };
  // One pass over the pathways gives both the measures and the matrix.
  return pathwaysDocumentFrom(await pathwayOutcomeCounts(db, { dataCut, withinDays, by, filter }), dataCut, withinDays);
}

/** The document of outcome counts already read: the matrix as a full grid, and the measures with their rates. */
export function pathwaysDocumentFrom(counts: readonly PathwayOutcomeCount[], dataCut: string, withinDays: number): PathwaysDocument {
  const [measures, cells] = [measuresFromOutcomeCounts(counts), transitionsFromOutcomeCounts(counts)];
  // The matrix as a full grid: every level A was discharged from (in the group) × every `to`.
  const groups = new Map<string, { group: Group; counts: Map<string, number> }>();
  for (const cell of cells) {
    const key = groupKeyOf(cell.group);
    if (!groups.has(key)) groups.set(key, { group: cell.group, counts: new Map() });
    groups.get(key)!.counts.set(`${cell.from}>${cell.to}`, cell.n);
  }
  const transitions: (Group & PathwayTransition)[] = [];
  for (const { group, counts } of groups.values()) {
    for (const from of LEVELS_OF_CARE) {
      if (!TRANSITION_TARGETS.some((to) => counts.has(`${from}>${to}`))) continue;
      for (const to of TRANSITION_TARGETS) transitions.push({ ...group, from, to, n: counts.get(`${from}>${to}`) ?? 0 });
    }
  }
  return {
    data_cut: dataCut,
    within_days: withinDays,
    transitions,
    measures: measures.map((m) => ({ ...m.group, level_of_care: m.level_of_care, measure: m.measure, numerator: m.numerator, denominator: m.denominator, ...rateOf(m.numerator, m.denominator) })),
  };
}

/**
 * Time to readmission: Kaplan–Meier of days from discharge to the next episode at the
 * same or a higher level, per level of care of A, censored at the data cut or at the end of a
 * lower-level next episode (mart_readmission_time_counts), with the log-rank test across
 * levels — the same stats/ as retention. `steps` is the whole curve (not printed by the CLI).
 */
export async function readmissionTimeAnalysis(
  db: Kysely<Database>,
  { dataCut, at = [30, 90, 180], filter }: { dataCut: string; at?: readonly number[]; filter?: PathwayFilter },
) {
  // No linked episodes: "never readmitted" would be a false 100 % (linked-episodes.ts).
  if (!(await patientsLinkEpisodes(db))) return { data_cut: dataCut, cannot_show_transitions: UNLINKED_MESSAGE, groups: [], logrank: null };
  const counts = await readmissionTimeCounts(db, { dataCut, by: [], filter });
  const levels = LEVELS_OF_CARE.filter((level) => counts.some((c) => c.level_of_care === level));
  const perLevel = levels.map((level) => counts.filter((c) => c.level_of_care === level).map((c) => ({ time: c.day, events: c.events, censored: c.censored })));
  const groups = levels.map((level, i) => {
    const km = kaplanMeier(perLevel[i]);
    return {
      level_of_care: level,
      n: km.n,
      events: km.events,
      median: km.median,
      at: at.map((day) => ({ day, ...(survivalAt(km, day) ?? { surv: null, lower: null, upper: null }) })),
      steps: km.steps.map((s) => ({ time: s.time, n_risk: s.nRisk, events: s.events, surv: s.surv, lower: s.lower, upper: s.upper })),
    };
  });
  const test = logRank(perLevel);
  return { data_cut: dataCut, groups, logrank: test.ok ? { chisq: test.chisq, df: test.df, p: test.p } : null };
}
