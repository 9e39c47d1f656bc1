// The other analyses of `continuum analyze` (DESIGN.md "JSON contracts"): retention (Kaplan–
// Meier by group, log-rank), subgroups (BH-adjusted), intention-to-treat (mixed-model means per timepoint × group),
// baseline-adjusted comparison (ANCOVA against a reference level) and satisfaction (share
// who would recommend, Wilson CI, response rate). Each reads one mart and one stats module.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type Comparison, DEFAULT_WINDOWS, orderedWindows } from "../../domain/timepoints.ts";
import { INSTRUMENTS, isInstrumentCode } from "../../domain/instruments.ts";
import { ancova } from "../../stats/ancova.ts";
import { qnorm } from "../../stats/distributions.ts";
import { type Difference, equivalenceBound, nonInferiority, pDifference, tost } from "../../stats/equivalence.ts";
import { kaplanMeier, survivalAt } from "../../stats/kaplan-meier.ts";
import { logRank } from "../../stats/log-rank.ts";
import { fitRandomInterceptPatterns, type ScorePattern } from "../../stats/mixed-model.ts";
import { benjaminiHochberg, wilsonInterval } from "../../stats/rank-and-proportion.ts";
import { indicatorDesign, ipwDifference } from "../../stats/weighting.ts";
import { type CohortFilter, cohortPairs } from "../intermediate/comparison-pairs.ts";
import type { GroupKey } from "../group-keys.ts";
import { longitudinalPatterns } from "../marts/longitudinal-patterns.ts";
import { retentionCounts } from "../marts/retention-counts.ts";
import { satisfactionCounts } from "../marts/satisfaction-counts.ts";
import { effectSizeTable } from "./effect-size-table.ts";

type Where = Partial<Record<GroupKey, string>>;

export async function retentionAnalysis(db: Kysely<Database>, { dataCut, by, at = [30, 60, 90], where }: { dataCut: string; by: GroupKey; at?: number[]; where?: Where }) {
  const counts = await retentionCounts(db, { dataCut, by: [by], filter: { where } });
  const labels = [...new Set(counts.map((c) => c.group[by] ?? null))];
  const perGroup = labels.map((label) => counts.filter((c) => (c.group[by] ?? null) === label).map((c) => ({ time: c.day, events: c.events, censored: c.censored })));
  const groups = labels.map((label, i) => {
    const km = kaplanMeier(perGroup[i]);
    return { [by]: label, n: km.n, events: km.events, median: km.median, at: at.map((day) => ({ day, ...(survivalAt(km, day) ?? { surv: null, lower: null, upper: null }) })), steps: km.steps };
  });
  const test = logRank(perGroup);
  return { groups: groups.map(({ steps: _steps, ...g }) => g), steps: groups.map((g) => ({ [by]: g[by], steps: g.steps })), logrank: test.ok ? { chisq: test.chisq, df: test.df, p: test.p } : null };
}

export async function ittAnalysis(db: Kysely<Database>, { instrument, dataCut, by, where }: { instrument: string; dataCut: string; by: GroupKey; where?: Where }) {
  return ittFromPatterns(await longitudinalPatterns(db, { instrument, dataCut, by, where }), by);
}

/**
 * The intention-to-treat fit of score patterns already read (mart_longitudinal_patterns: a
 * report reads every site's in one pass and fits each, and all sites from their union).
 */
export function ittFromPatterns(patterns: readonly ScorePattern[], by: GroupKey) {
  const timepoints = orderedWindows(DEFAULT_WINDOWS).map((w) => w.timepoint);
  const groups = [...new Set(patterns.map((p) => p.group))].sort();
  const fit = fitRandomInterceptPatterns(patterns, timepoints, groups);
  if (!fit.ok) return { error: fit.reason };
  const observed = new Map<string, number>();
  for (const p of patterns) for (const t of p.timepoints) observed.set(`${t}|${p.group}`, (observed.get(`${t}|${p.group}`) ?? 0) + p.episodes);
  return {
    n_episodes: fit.nEpisodes,
    n_observations: fit.nObservations,
    variance: fit.variance,
    fixed: fit.fixed,
    // n: episodes observed at that timepoint in that group (the model's mean uses them all).
    means: fit.means.map((m) => ({ timepoint: m.timepoint, [by]: m.group, n: observed.get(`${m.timepoint}|${m.group}`) ?? 0, mean: m.mean, se: m.se, ci: m.ci })),
  };
}

/** Options of the baseline-adjusted comparison (DESIGN.md "Comparable outcomes"). */
export interface CompareOptions {
  instrument: string;
  comparison: Comparison;
  dataCut: string;
  /** The grouping key; its name is the group's field in each difference (default level_of_care). */
  by?: GroupKey;
  /** The group every other is compared with (default IOP, for level_of_care). */
  reference?: string;
  /** Which episodes (quarter, year, `--level-of-care IOP`, …). */
  filter?: Omit<CohortFilter, "instrument">;
  /** Equivalence margin M in points of the instrument (TOST); declared, never defaulted. */
  equivalence?: number;
  /** Non-inferiority margin M in points of the instrument. */
  noninferiority?: number;
}

/** Propensity covariates of the weighted comparison (notebooks/levels.nb.ts), besides intake. */
export const PROPENSITY_KEYS: readonly GroupKey[] = ["level_of_care", "track", "age_band", "payer"];

/** The episodes a comparison fits: pre and post score, the group, the propensity covariates. */
export async function comparePairs(db: Kysely<Database>, { instrument, comparison, dataCut, by = "level_of_care", filter = {} }: Omit<CompareOptions, "reference" | "equivalence" | "noninferiority">) {
  const rows = await cohortPairs(db, { comparison, dataCut, filter: { ...filter, instrument } })
    .where("p.post_score", "is not", null)
    .where(sql.ref(`p.${by}`), "is not", null)
    .select(["p.episode_id", "p.pre_score", "p.post_score", sql<string>`${sql.ref(`p.${by}`)}`.as("group"), ...PROPENSITY_KEYS.map((k) => `p.${k}` as const)])
    .orderBy("p.episode_id")
    .execute();
  return rows.map((r) => ({ ...r, pre_score: Number(r.pre_score), post_score: Number(r.post_score) }));
}

type Pair = Awaited<ReturnType<typeof comparePairs>>[number];

/**
 * Baseline-adjusted differences (ANCOVA, post ~ pre + group) of each group against the
 * reference; with margins, each also carries TOST and non-inferiority, on the ANCOVA estimate
 * (t, residual df) and on the inverse-probability-weighted difference in change (post − pre;
 * normal) of the levels notebook, so both adjustments can be read side by side.
 */
export async function compareAnalysis(db: Kysely<Database>, options: CompareOptions) {
  const { instrument, by = "level_of_care", reference = "IOP", equivalence, noninferiority } = options;
  const pairs = await comparePairs(db, options);
  const fit = ancova({ post: pairs.map((p) => p.post_score), pre: pairs.map((p) => p.pre_score), group: pairs.map((p) => p.group), reference });
  if (!fit.ok) return { n: pairs.length, reference, error: fit.reason };
  const margins = equivalence !== undefined || noninferiority !== undefined;
  const better = isInstrumentCode(instrument) ? INSTRUMENTS[instrument].better : "lower";
  const tests = (d: Difference) => ({
    ...(equivalence !== undefined ? { equivalence: tost(d, equivalence) } : {}),
    ...(noninferiority !== undefined ? { noninferiority: nonInferiority(d, noninferiority, better) } : {}),
    equivalence_bound: equivalenceBound(d),
  });
  return {
    n: fit.n,
    reference,
    ...(margins ? { df: fit.df } : {}),
    baseline_slope: { estimate: fit.baselineSlope.estimate, se: fit.baselineSlope.se },
    differences: fit.differences.map((d) => ({
      ...({ [by]: d.group } as Record<GroupKey, string>),
      estimate: d.estimate,
      se: d.se,
      ci: d.ci,
      p: d.p,
      ...(margins ? { n: pairs.filter((p) => p.group === d.group).length, ...tests({ estimate: d.estimate, se: d.se, df: fit.df }), weighted: weightedComparison(pairs, by, d.group, reference, tests) } : {}),
    })),
  };
}

/** The weighted difference of one group against the reference, with the same tests. */
function weightedComparison<T>(pairs: Pair[], by: GroupKey, group: string, reference: string, tests: (d: Difference) => T) {
  const rows = pairs.filter((p) => p.group === group || p.group === reference);
  const covariates = PROPENSITY_KEYS.filter((k) => k !== by).map((k) => rows.map((p) => p[k] as string | null));
  const design = indicatorDesign([rows.map((p) => p.pre_score)], covariates);
  const result = ipwDifference(rows.map((p) => p.post_score - p.pre_score), rows.map((p) => (p.group === group ? 1 : 0)), design.rows);
  if (!result.ok) return { n: rows.length, error: result.reason };
  const d = { estimate: result.estimate, se: result.se, df: Infinity };
  const z = qnorm(0.975);
  return { n: rows.length, estimate: d.estimate, se: d.se, ci: [d.estimate - z * d.se, d.estimate + z * d.se] as [number, number], p: pDifference(d), crude: result.crude, max_weight: result.maxWeight, ...tests(d) };
}

export async function satisfactionAnalysis(db: Kysely<Database>, { by }: { by: readonly GroupKey[] }) {
  const rows = await satisfactionCounts(db, { by });
  return {
    groups: rows.map((r) => ({
      ...r.group,
      discharged: r.discharged,
      answered: r.answered,
      response_rate: r.discharged ? r.answered / r.discharged : null,
      would_recommend: r.answered ? r.yes / r.answered : null,
      ci: wilsonInterval(r.yes, r.answered),
    })),
  };
}

/** Keys a subgroup table covers (DESIGN.md "Statistics": subgroup tables). */
export const SUBGROUP_KEYS: readonly GroupKey[] = ["age_band", "gender", "race_ethnicity", "modality", "track", "payer"];

/**
 * Subgroup effects for one instrument and comparison: the effect-size row of every level of
 * every subgroup key, with p values adjusted by Benjamini–Hochberg across the whole table.
 */
export async function subgroupAnalysis(db: Kysely<Database>, { instrument, comparison, dataCut, keys = SUBGROUP_KEYS }: { instrument: string; comparison: Comparison; dataCut: string; keys?: readonly GroupKey[] }) {
  const rows = [];
  for (const key of keys) {
    for (const row of await effectSizeTable(db, { comparisons: [comparison], by: [key], dataCut, filter: { instrument } })) {
      rows.push({ subgroup: key, level: (row[key] as string | null) ?? null, n: row.n, d_z: row.d_z, d_z_ci: row.d_z_ci, p: row.p });
    }
  }
  const tested = rows.filter((r) => r.p !== null);
  const adjusted = benjaminiHochberg(tested.map((r) => r.p!));
  return { instrument, comparison, rows: rows.map((r) => ({ ...r, p_adjusted: r.p === null ? null : adjusted[tested.indexOf(r)] })) };
}
