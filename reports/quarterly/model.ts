// Everything the director's quarterly report shows, computed from the queries and statistics
// of `analyze` and passed through reports/suppression.ts: nothing downstream (page, charts,
// data.json) sees an unpublished number. One model per scope (all sites, or one site).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { INSTRUMENTS, type InstrumentCode, instrumentShortName } from "../../domain/instruments.ts";
import { previousQuarter, quartersEnding } from "../../domain/quarters.ts";
import { LEVELS_OF_CARE } from "../../domain/vocabulary.ts";
import { changeRules, type EffectSizeRow, effectSizeRows } from "../../queries/analyses/effect-size-table.ts";
import { mergeChangeCounts, pairedChangeCounts } from "../../queries/marts/paired-change-counts.ts";
import { ittFromPatterns, retentionAnalysis } from "../../queries/analyses/other-analyses.ts";
import { longitudinalPatterns } from "../../queries/marts/longitudinal-patterns.ts";
import { type QuarterlyVolumesRow, quarterlyVolumeCounts, volumesFromCounts } from "../../queries/marts/quarterly-volumes.ts";
import { meanInterval } from "../../stats/mean-interval.ts";
import type { DurabilityPoint } from "../charts/durability.ts";
import type { BenchmarkBand, ForestRow } from "../charts/forest-plot.ts";
import type { PrePostRow } from "../charts/pre-post.ts";
import type { SurvivalStep } from "../charts/retention-curves.ts";
import { publishCount, publishStatistic, weeklySurvival } from "../suppression.ts";
import { type QuarterlyComparable, virtualVsInPersonIop } from "./comparable.ts";
import { type QuarterlyTrend, quarterlyTrend } from "./trend.ts";
import type { Cell } from "./across-sites.ts";
import { buildTiles, type QuarterFigures, type Tile, tileCells, tileHidden } from "./tiles.ts";
import { type BenchmarkFinding, whatChanged } from "./what-changed.ts";

/** The instruments of the director's charts in raw scores (both 0–2x, lower is better). */
export const HEADLINE_INSTRUMENTS: readonly InstrumentCode[] = ["PHQ9", "GAD7"];
export const TREND_QUARTERS = 8;

/** "PHQ-9 · 0–27, lower is better": the panel title of a chart in raw scores. */
export function instrumentTitle(code: string): string {
  const instrument = INSTRUMENTS[code as InstrumentCode];
  return instrument ? `${instrumentShortName(code)} · ${instrument.total.min}–${instrument.total.max}, ${instrument.better} is better` : code;
}

/** A published effect row (n ≥ threshold, both means) as a dumbbell of the pre → post chart. */
export function toPrePostRow(r: EffectSizeRow): PrePostRow {
  const pre = meanInterval(r.pre_mean!, r.pre_sd!, r.n)!;
  const post = meanInterval(r.post_mean!, r.post_sd!, r.n)!;
  return { instrument: instrumentTitle(r.instrument), label: String(r.level_of_care), pre: r.pre_mean!, preLower: pre[0], preUpper: pre[1], post: r.post_mean!, postLower: post[0], postUpper: post[1], n: r.n };
}

/** A published effect row with a d_pre CI as a row of the forest plot. */
export const toForestRow = (r: EffectSizeRow): ForestRow => ({ instrument: instrumentShortName(r.instrument), label: String(r.level_of_care), estimate: r.d_pre!, lower: r.d_pre_ci![0], upper: r.d_pre_ci![1], n: r.n });

/** Retention is read at this day: most IOP and PHP episodes end within 6–8 weeks. */
export const RETENTION_DAY = 30;

export interface QuarterlyModel {
  quarter: string;
  previousQuarter: string;
  dataCut: string;
  site: string | null;
  threshold: number;
  tiles: Tile[];
  prePost: PrePostRow[];
  forest: { metric: string; rows: ForestRow[]; bands: BenchmarkBand[] };
  effects: { instrument: string; level_of_care: string; n: string; improvement: string; effect: string; benchmark: string }[];
  durability: DurabilityPoint[];
  retention: { steps: SurvivalStep[]; groups: { level_of_care: string; n: string; median: string; atDay: string }[]; day: number };
  trend: QuarterlyTrend;
  /** Virtual vs in-person IOP: equivalence at the PHQ-9's cited margin. */
  comparable: QuarterlyComparable;
  whatChanged: string[];
  /** Raw figures for complementary suppression across sites — never published (not in data.json). */
  cells: Cell[];
}

/** Query results kept for one report run, by name (reports reuse one set of marts per run). */
export class MartCache {
  readonly #results = new Map<string, Promise<unknown>>();
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.#results.has(key)) this.#results.set(key, load());
    return this.#results.get(key) as Promise<T>;
  }
}

const byLevel = (a: { label: string }, b: { label: string }) => LEVELS_OF_CARE.indexOf(a.label as never) - LEVELS_OF_CARE.indexOf(b.label as never);
const fixed = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));

function figures(volumes: QuarterlyVolumesRow[], overall: Map<string, EffectSizeRow[]>, quarter: string): QuarterFigures {
  const reliable: QuarterFigures["reliable"] = {};
  for (const row of overall.get(quarter) ?? []) {
    if (row.pct_reliable_improvement !== null) reliable[row.instrument] = { n: row.n, improved: Math.round((row.pct_reliable_improvement * row.n) / 100) };
  }
  return { quarter, volumes: volumes.find((v) => v.quarter === quarter), reliable };
}

export async function quarterlyModel(
  db: Kysely<Database>,
  {
    quarter,
    dataCut,
    site = null,
    threshold,
    hide = new Set(),
    marts = new MartCache(),
  }: {
    quarter: string;
    dataCut: string;
    site?: string | null;
    threshold: number;
    /** Cell keys to hide so another site's small count cannot be derived (across-sites.ts). */
    hide?: ReadonlySet<string>;
    /** The report run's store of query results: a scope's model built again with more hidden keys reads the database once. */
    marts?: MartCache;
  },
): Promise<QuarterlyModel> {
  const where = site ? { site_id: site } : {};
  const before = previousQuarter(quarter);
  const quarters = quartersEnding(quarter, TREND_QUARTERS);
  const cached = <T>(name: string, load: () => Promise<T>) => marts.get(`${name}:${site ?? ""}`, load);
  // Every scope's volumes from one pass by site: a site's are its own counts, all sites' their sum.
  const volumeCounts = await marts.get("volumes", () => quarterlyVolumeCounts(db, { dataCut, by: ["site_id"] }));
  const volumes = volumesFromCounts(volumeCounts, site === null ? undefined : (group) => group.site_id === site);
  // The eight quarters' overall effects of every scope from one pass, grouped by site and the
  // pairs' cohort quarter: a site's bars are its own, all sites' the sum of the sites' bars.
  const bySite = await marts.get("overall", () =>
    pairedChangeCounts(db, { comparison: ["intake_discharge"], by: ["site_id", "period_quarter"], dataCut, filter: { quarters }, thresholds: changeRules() }),
  );
  const bars = mergeChangeCounts(site === null ? bySite : bySite.filter((b) => b.group.site_id === site), "site_id");
  const byQuarter = effectSizeRows(bars, ["intake_discharge"]);
  const overall = new Map<string, EffectSizeRow[]>(quarters.map((q) => [q, byQuarter.filter((r) => r.period_quarter === q).map(({ period_quarter: _q, ...row }) => row as EffectSizeRow)]));

  const label = (r: EffectSizeRow) => String(r.level_of_care);
  const small = (n: number) => n > 0 && n < threshold;
  // The quarter's effects by level of care of every scope from one pass by site and level, as
  // the overall ones: at 1M episodes each scope's own pass read 14M pairs again.
  const levelsBySite = await marts.get("levels", () =>
    pairedChangeCounts(db, { comparison: ["intake_discharge"], by: ["site_id", "level_of_care"], dataCut, filter: { quarter }, thresholds: changeRules() }),
  );
  const allLevels = effectSizeRows(mergeChangeCounts(site === null ? levelsBySite : levelsBySite.filter((b) => b.group.site_id === site), "site_id"), ["intake_discharge"]);
  const pairsKey = (r: EffectSizeRow) => `pairs:${r.instrument}:${label(r)}`;
  // Within the page, the levels' n add up to the headline instrument's overall n, shown as its
  // tile's basis: with exactly one level hidden, that level would be the basis minus the
  // others — so the basis is hidden (not a second level of care, which a director needs more).
  const basisHidden = new Set<string>();
  for (const [instrument, tile] of [["PHQ9", "phq9_improved"], ["GAD7", "gad7_improved"]]) {
    const rows = allLevels.filter((r) => r.instrument === instrument);
    if (rows.filter((r) => small(r.n) || hide.has(pairsKey(r))).length === 1) basisHidden.add(`basis:${tile}:${quarter}`);
  }
  const levels = allLevels.filter(
    (r) => publishStatistic(r, r.n, threshold) !== null && r.pre_mean !== null && !hide.has(pairsKey(r)),
  );

  const prePost: PrePostRow[] = levels
    .filter((r) => HEADLINE_INSTRUMENTS.includes(r.instrument as InstrumentCode))
    .map(toPrePostRow)
    .sort(byLevel);

  // Benchmarks compare d_pre (change / intake SD, Becker 1988), the metric of the published
  // ranges in domain/benchmarks.ts; the forest plot shows that same metric.
  const forestRows: ForestRow[] = levels
    .filter((r) => r.d_pre !== null && r.d_pre_ci !== null)
    .map(toForestRow)
    .sort(byLevel);
  // Each row's own benchmark (the setting-specific one where published, domain/benchmarks.ts).
  const bands: BenchmarkBand[] = levels.flatMap((r) =>
    r.benchmark && r.benchmark.metric === "d_pre" && r.d_pre_ci !== null
      ? [{ instrument: instrumentShortName(r.instrument), label: label(r), lower: r.benchmark.lower, upper: r.benchmark.upper, source: r.benchmark.source.split(".")[0] }]
      : [],
  );
  // Only the headline instruments reach "what changed"; the table lists every verdict.
  const benchmarkFindings: BenchmarkFinding[] = levels.flatMap((r) =>
    HEADLINE_INSTRUMENTS.includes(r.instrument as InstrumentCode) && r.benchmark && r.benchmark.verdict !== "within" && r[r.benchmark.metric] !== null
      ? [{ instrument: instrumentShortName(r.instrument), level_of_care: label(r), verdict: r.benchmark.verdict, estimate: r[r.benchmark.metric] as number, lower: r.benchmark.lower, upper: r.benchmark.upper }]
      : [],
  );

  const range = (b: { lower: number; upper: number }) => (b.lower === b.upper ? fixed(b.lower) : `${fixed(b.lower)}–${fixed(b.upper)}`);
  const effects = [...levels].sort((a, b) => a.instrument.localeCompare(b.instrument) || byLevel({ label: label(a) }, { label: label(b) })).map((r) => ({
    instrument: instrumentShortName(r.instrument),
    level_of_care: label(r),
    n: publishCount(r.n, threshold).text,
    improvement: `${fixed(r.pre_mean, 1)} → ${fixed(r.post_mean, 1)}`,
    effect: r.d_pre_ci ? `${fixed(r.d_pre)} [${fixed(r.d_pre_ci[0])}, ${fixed(r.d_pre_ci[1])}]` : "—",
    benchmark: r.benchmark ? `${r.benchmark.verdict} (published ${range(r.benchmark)})` : "none published",
  }));

  const durability: DurabilityPoint[] = [];
  for (const instrument of HEADLINE_INSTRUMENTS) {
    // Every scope's fit from one read of the instrument's score patterns by site (the model's
    // sufficient statistics, a few dozen rows per site): no score leaves the database.
    const fits = await marts.get(`itt:${instrument}`, async () => {
      const patterns = await longitudinalPatterns(db, { instrument, dataCut, by: "level_of_care", scope: "site_id" });
      const sites = [...new Set(patterns.map((p) => p.scope ?? null))].filter((s): s is string => s !== null);
      return new Map<string | null, ReturnType<typeof ittFromPatterns>>([[null, ittFromPatterns(patterns, "level_of_care")], ...sites.map((s) => [s, ittFromPatterns(patterns.filter((p) => p.scope === s), "level_of_care")] as const)]);
    });
    const itt = fits.get(site) ?? ittFromPatterns([], "level_of_care");
    if (!("means" in itt) || !itt.means) continue;
    for (const m of itt.means) {
      if (publishStatistic(m, m.n, threshold) === null) continue;
      durability.push({ instrument: instrumentTitle(instrument), label: String(m.level_of_care), timepoint: m.timepoint, mean: m.mean, lower: m.ci[0], upper: m.ci[1] });
    }
  }

  const km = await cached("retention", () => retentionAnalysis(db, { dataCut, by: "level_of_care", at: [RETENTION_DAY], where }));
  const shown = km.groups.filter((g) => g.n >= threshold && !hide.has(`retention:${g.level_of_care}`)).sort((a, b) => byLevel({ label: String(a.level_of_care) }, { label: String(b.level_of_care) }));
  const steps = km.steps
    .filter((s) => shown.some((g) => g.level_of_care === s.level_of_care))
    .flatMap((s) => [{ label: String(s.level_of_care), day: 0, surv: 1, lower: 1, upper: 1 }, ...s.steps.map((p) => ({ label: String(s.level_of_care), day: p.time, surv: p.surv, lower: p.lower ?? p.surv, upper: p.upper ?? p.surv }))]);

  const tiles = buildTiles(figures(volumes, overall, quarter), figures(volumes, overall, before), threshold, new Set([...hide, ...basisHidden]));
  const trend = quarterlyTrend({ quarters, volumes, overall, threshold, hidden: (q) => tileHidden(hide, "completion", q) });
  const cells: Cell[] = [
    ...quarters.flatMap((q) => tileCells(figures(volumes, overall, q), threshold)),
    ...allLevels.map((r) => ({ key: pairsKey(r), total: r.n, hidden: small(r.n) })),
    ...km.groups.map((g) => ({ key: `retention:${g.level_of_care}`, total: g.n, hidden: small(g.n) })),
  ];
  return {
    quarter,
    previousQuarter: before,
    dataCut,
    site,
    threshold,
    tiles,
    prePost,
    forest: { metric: "d_pre", rows: forestRows, bands },
    effects,
    durability,
    retention: {
      steps: weeklySurvival(steps),
      day: RETENTION_DAY,
      groups: shown.map((g) => ({
        level_of_care: String(g.level_of_care),
        n: publishCount(g.n, threshold).text,
        median: g.median === null ? "not reached" : `${g.median} days`,
        atDay: g.at[0]?.surv === null || g.at[0]?.surv === undefined ? "not observed" : `${(100 * g.at[0].surv).toFixed(0)} %`,
      })),
    },
    trend,
    comparable: await cached("comparable", () => virtualVsInPersonIop(db, { quarter, dataCut, where, threshold })),
    whatChanged: whatChanged({
      quarter,
      previousQuarter: before,
      tiles,
      charts: [
        { title: "The completion rate", series: trend.completion },
        { title: "The mean PHQ-9 improvement", series: trend.improvement },
      ],
      benchmarks: benchmarkFindings,
    }),
    cells,
  };
}
