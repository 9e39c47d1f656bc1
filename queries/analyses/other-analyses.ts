// The other analyses of `continuum analyze` (DESIGN.md "JSON contracts"): retention (Kaplan–
// Meier by group, log-rank), subgroups (BH-adjusted), intention-to-treat (mixed-model means per timepoint × group),
// baseline-adjusted comparison (ANCOVA against a reference level) and satisfaction (share
// who would recommend, Wilson CI, response rate). Each reads one mart and one stats module.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type Comparison, DEFAULT_WINDOWS, orderedWindows } from "../../domain/timepoints.ts";
import { INSTRUMENTS, isInstrumentCode } from "../../domain/instruments.ts";
import { ancovaFromSums } from "../../stats/ancova.ts";
import { qnorm } from "../../stats/distributions.ts";
import { type Difference, equivalenceBound, nonInferiority, pDifference, tost } from "../../stats/equivalence.ts";
import { kaplanMeier, survivalAt } from "../../stats/kaplan-meier.ts";
import { logRank } from "../../stats/log-rank.ts";
import { fitRandomInterceptPatterns, type ScorePattern } from "../../stats/mixed-model.ts";
import { benjaminiHochberg, wilsonInterval } from "../../stats/rank-and-proportion.ts";
import { scoreCellsFromChangeCells, type SumsCell } from "../../stats/least-squares.ts";
import { indicatorDesign, ipwFromCells, outcomeCells } from "../../stats/weighting.ts";
import { type CohortFilter, cohortPairs } from "../intermediate/comparison-pairs.ts";
import type { GroupKey } from "../group-keys.ts";
import { longitudinalPatterns } from "../marts/longitudinal-patterns.ts";
import { pairSums, type PairSumsOptions, SCORES } from "../marts/pair-sums.ts";
import { retentionCounts } from "../marts/retention-counts.ts";
import { satisfactionCounts } from "../marts/satisfaction-counts.ts";
import { effectSizeTablesForEach } from "./effect-size-table.ts";

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

/**
 * Baseline-adjusted differences (ANCOVA, post ~ pre + group) of each group against the
 * reference; with margins, each also carries TOST and non-inferiority, on the ANCOVA estimate
 * (t, residual df) and on the inverse-probability-weighted difference in change (post − pre;
 * normal) of the levels notebook, so both adjustments can be read side by side. Both models
 * read sums per group (and per covariate pattern), never one row per episode.
 */
export async function compareAnalysis(db: Kysely<Database>, options: CompareOptions) {
  return compareFromCells(await compareCells(db, options), options);
}

/** What compareAnalysis reads of the pairs: the same for every reference group. */
export interface CompareCells {
  /** Per group × covariate pattern (with margins only). */
  patterns: SumsCell[];
  /** Per group. */
  cells: SumsCell[];
}

/** Reads what compareAnalysis fits (one scan of the pairs, for whole-number scores). */
export async function compareCells(db: Kysely<Database>, options: CompareOptions): Promise<CompareCells> {
  const { instrument, comparison, dataCut, filter = {}, by = "level_of_care", equivalence, noninferiority } = options;
  const cohort = { instrument, comparison, dataCut, filter };
  const margins = equivalence !== undefined || noninferiority !== undefined;
  // With margins the weighted comparison's cells are read too; the ANCOVA's follow from them
  // exactly for whole-number scores, which saves a second scan of every pair.
  const patterns = margins ? await propensityCells(db, cohort, by) : [];
  const cells = (margins && scoreCellsFromChangeCells(patterns)) || (await pairSums(db, { ...cohort, keys: { group: sql.ref(`p.${by}`) }, numeric: SCORES }));
  return { patterns, cells };
}

/** compareAnalysis from cells compareCells read with the same options (whatever their reference). */
export function compareFromCells({ patterns, cells }: CompareCells, options: CompareOptions) {
  const { instrument, by = "level_of_care", reference = "IOP", equivalence, noninferiority } = options;
  const margins = equivalence !== undefined || noninferiority !== undefined;
  const fit = ancovaFromSums(cells, { reference });
  if (!fit.ok) return { n: cells.reduce((a, c) => a + c.n, 0), reference, error: fit.reason };
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
      ...(margins ? { n: cells.find((c) => c.keys.group === d.group)!.n, ...tests({ estimate: d.estimate, se: d.se, df: fit.df }), weighted: weightedComparison(patterns, by, d.group, reference, tests) } : {}),
    })),
  };
}

/** Sums of the change (post − pre) per group × intake score × the other propensity covariates (null as "(none)"). */
function propensityCells(db: Kysely<Database>, cohort: Omit<PairSumsOptions, "keys" | "numeric">, by: GroupKey) {
  const covariates = PROPENSITY_KEYS.filter((k) => k !== by);
  return pairSums(db, {
    ...cohort,
    keys: { group: sql.ref(`p.${by}`), pre: sql`p.pre_score`, ...Object.fromEntries(covariates.map((k) => [k, sql`coalesce(${sql.ref(`p.${k}`)}, '(none)')`])) },
    numeric: { change: sql`p.post_score - p.pre_score` },
  });
}

/** The weighted difference of one group against the reference, with the same tests. */
function weightedComparison<T>(patterns: readonly SumsCell[], by: GroupKey, group: string, reference: string, tests: (d: Difference) => T) {
  const cells = patterns.filter((c) => c.keys.group === group || c.keys.group === reference);
  const covariates = PROPENSITY_KEYS.filter((k) => k !== by).map((k) => cells.map((c) => c.keys[k]));
  const design = indicatorDesign([cells.map((c) => Number(c.keys.pre))], covariates);
  const n = cells.reduce((a, c) => a + c.n, 0);
  const result = ipwFromCells(outcomeCells(cells, "change", (_, i) => design.rows[i], (c) => (c.keys.group === group ? 1 : 0)));
  if (!result.ok) return { n, error: result.reason };
  const d = { estimate: result.estimate, se: result.se, df: Infinity };
  const z = qnorm(0.975);
  return { n, estimate: d.estimate, se: d.se, ci: [d.estimate - z * d.se, d.estimate + z * d.se] as [number, number], p: pDifference(d), crude: result.crude, max_weight: result.maxWeight, ...tests(d) };
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
  const tables = await effectSizeTablesForEach(db, { comparisons: [comparison], dataCut, filter: { instrument } }, keys);
  for (const key of keys) {
    for (const row of tables.get(key)!) {
      rows.push({ subgroup: key, level: (row[key] as string | null) ?? null, n: row.n, d_z: row.d_z, d_z_ci: row.d_z_ci, p: row.p });
    }
  }
  const tested = rows.filter((r) => r.p !== null);
  const adjusted = benjaminiHochberg(tested.map((r) => r.p!));
  return { instrument, comparison, rows: rows.map((r) => ({ ...r, p_adjusted: r.p === null ? null : adjusted[tested.indexOf(r)] })) };
}
