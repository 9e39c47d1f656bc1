// The director's 8-quarter trend with statistical-process-control limits: a p-chart of the
// completion rate and an XmR chart of the mean PHQ-9 improvement (intake → discharge) per
// discharge quarter (stats/control-limits.ts), so a quarter's movement is read against the
// program's own common-cause variation rather than as news. Only quarters whose figure may be
// published enter a chart (a suppressed quarter is left out and named in `omitted`), so the
// limits never rest on, or reveal, a small cell.
import type { EffectSizeRow } from "../../queries/analyses/effect-size-table.ts";
import type { QuarterlyVolumesRow } from "../../queries/marts/quarterly-volumes.ts";
import { pChart, type SpcResult, type SpcSignal, xmrChart } from "../../stats/control-limits.ts";
import type { ControlPoint } from "../charts/control-chart.ts";
import { publishShare, publishStatistic } from "../suppression.ts";

export interface ControlSeries {
  points: ControlPoint[];
  /** Quarters of the window left out because their figure is suppressed or absent. */
  omitted: string[];
  /** Why there is no chart (fewer than two publishable quarters), else null. */
  missing: string | null;
  /** Special-cause signals by quarter (Provost & Murray's rules, as stats/control-limits.ts flags them). */
  signals: { quarter: string; signals: SpcSignal[] }[];
}

export interface QuarterlyTrend {
  completion: ControlSeries;
  improvement: ControlSeries;
}

/** The instrument whose mean improvement the XmR chart follows. */
export const TREND_INSTRUMENT = "PHQ9";

export function series(candidates: { quarter: string; value: number | null }[], chart: (kept: { quarter: string; value: number }[]) => SpcResult): ControlSeries {
  const kept = candidates.filter((c): c is { quarter: string; value: number } => c.value !== null);
  const omitted = candidates.filter((c) => c.value === null).map((c) => c.quarter);
  const result = chart(kept);
  if (!result.ok) return { points: [], omitted, missing: "fewer than two quarters with a publishable figure", signals: [] };
  return {
    points: result.points.map((p, i) => ({ quarter: kept[i].quarter, value: p.value, centre: p.centre, lower: p.lower, upper: p.upper, signal: p.signals.length > 0 })),
    omitted,
    missing: null,
    signals: result.points.flatMap((p, i) => (p.signals.length ? [{ quarter: kept[i].quarter, signals: p.signals }] : [])),
  };
}

export function quarterlyTrend({
  quarters,
  volumes,
  overall,
  threshold,
  hidden = () => false,
}: {
  /** Quarters whose completion point must be left out (reports/quarterly/across-sites.ts). */
  hidden?: (quarter: string) => boolean;
  quarters: readonly string[];
  volumes: readonly QuarterlyVolumesRow[];
  overall: ReadonlyMap<string, readonly EffectSizeRow[]>;
  threshold: number;
}): QuarterlyTrend {
  const volume = (q: string) => volumes.find((v) => v.quarter === q);
  const completion = quarters.map((quarter) => {
    const v = volume(quarter);
    return { quarter, value: v && !hidden(quarter) ? publishShare(v.completed, v.discharges, threshold) : null, events: v?.completed ?? 0, total: v?.discharges ?? 0 };
  });
  const completionSeries = series(completion, (kept) => {
    const rows = kept.map((k) => completion.find((c) => c.quarter === k.quarter)!);
    return pChart(
      rows.map((r) => r.events),
      rows.map((r) => r.total),
    );
  });

  const improvement = quarters.map((quarter) => {
    const row = overall.get(quarter)?.find((r) => r.instrument === TREND_INSTRUMENT && r.comparison === "intake_discharge");
    return { quarter, value: row ? publishStatistic(row.mean_improvement, row.n, threshold) : null };
  });
  const improvementSeries = series(improvement, (kept) => xmrChart(kept.map((k) => k.value)));

  return { completion: completionSeries, improvement: improvementSeries };
}
