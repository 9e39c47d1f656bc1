import {
  DEFAULT_WINDOWS,
  stagedEpisodes,
  timepointScores
} from "./chunk-ZGI6E4IW.js";
import {
  publishShare,
  publishStatistic
} from "./chunk-C2NGQUBF.js";

// queries/marts/quarterly-volumes.ts
import { sql } from "kysely";
async function quarterlyVolumes(db, { dataCut, where = {}, windows = DEFAULT_WINDOWS }) {
  let episodes = db.selectFrom(stagedEpisodes(db).as("e")).selectAll("e").where("e.admitted_on", "<=", dataCut);
  for (const [key, value] of Object.entries(where)) episodes = episodes.where(sql.ref(`e.${key}`), "=", value);
  const rows = await db.with("e", () => episodes).with(
    (cte) => cte("measured").materialized(),
    (qb) => qb.selectFrom(timepointScores(db, windows).as("s")).where("s.timepoint", "in", ["intake", "discharge"]).select("s.episode_id").groupBy(["s.episode_id", "s.instrument"]).having(sql`count(distinct s.timepoint) = 2`).distinct()
  ).with("admitted", (qb) => qb.selectFrom("e").select(["e.admission_quarter as quarter", sql`count(*)`.as("admissions")]).groupBy("e.admission_quarter")).with(
    "discharged",
    (qb) => qb.selectFrom("e").leftJoin("measured as m", "m.episode_id", "e.episode_id").where("e.discharged_on", "is not", null).where("e.discharged_on", "<=", dataCut).select([
      "e.discharge_quarter as quarter",
      sql`count(*)`.as("discharges"),
      sql`count(*) filter (where e.discharge_reason = 'completed')`.as("completed"),
      sql`percentile_cont(0.5) within group (order by e.length_of_stay_days)`.as("median_los_days"),
      sql`count(m.episode_id)`.as("measured"),
      sql`count(e.would_recommend)`.as("recommend_answered"),
      sql`count(*) filter (where e.would_recommend = 'yes')`.as("recommend_yes")
    ]).groupBy("e.discharge_quarter")
  ).selectFrom("admitted as a").fullJoin("discharged as d", "d.quarter", "a.quarter").select([
    sql`coalesce(a.quarter, d.quarter)`.as("quarter"),
    sql`coalesce(a.admissions, 0)`.as("admissions"),
    sql`coalesce(d.discharges, 0)`.as("discharges"),
    sql`coalesce(d.completed, 0)`.as("completed"),
    "d.median_los_days",
    sql`coalesce(d.measured, 0)`.as("measured"),
    sql`coalesce(d.recommend_answered, 0)`.as("recommend_answered"),
    sql`coalesce(d.recommend_yes, 0)`.as("recommend_yes")
  ]).orderBy("quarter").execute();
  return rows.map((r) => ({
    quarter: r.quarter,
    admissions: Number(r.admissions),
    discharges: Number(r.discharges),
    completed: Number(r.completed),
    median_los_days: r.median_los_days === null ? null : Number(r.median_los_days),
    measured: Number(r.measured),
    recommend_answered: Number(r.recommend_answered),
    recommend_yes: Number(r.recommend_yes)
  }));
}

// stats/control-limits.ts
var SHIFT_RUN = 8;
function flagSignals(points) {
  const flagged = points.map((p) => ({ ...p, signals: p.value > p.upper || p.value < p.lower ? ["outside_limits"] : [] }));
  let start = 0;
  const side = (p) => Math.sign(p.value - p.centre);
  for (let i = 1; i <= flagged.length; i++) {
    if (i < flagged.length && side(flagged[i]) !== 0 && side(flagged[i]) === side(flagged[start])) continue;
    if (side(flagged[start]) !== 0 && i - start >= SHIFT_RUN) for (let k = start; k < i; k++) flagged[k].signals.push("shift");
    start = i;
  }
  return flagged;
}
function pChart(events, totals) {
  if (events.length < 2) return { ok: false, reason: "too_few_points" };
  const sumN = totals.reduce((a, b) => a + b, 0);
  if (sumN === 0 || totals.some((n) => n <= 0)) return { ok: false, reason: "no_denominator" };
  const centre = events.reduce((a, b) => a + b, 0) / sumN;
  const points = events.map((x, i) => {
    const half = 3 * Math.sqrt(centre * (1 - centre) / totals[i]);
    return { value: x / totals[i], centre, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
  });
  return { ok: true, centre, points: flagSignals(points) };
}
function xmrChart(values) {
  if (values.length < 2) return { ok: false, reason: "too_few_points" };
  const centre = values.reduce((a, b) => a + b, 0) / values.length;
  let sumMr = 0;
  for (let i = 1; i < values.length; i++) sumMr += Math.abs(values[i] - values[i - 1]);
  const mrBar = sumMr / (values.length - 1);
  const points = values.map((value) => ({ value, centre, lower: centre - 2.66 * mrBar, upper: centre + 2.66 * mrBar }));
  return { ok: true, centre, points: flagSignals(points) };
}

// reports/quarterly/trend.ts
var TREND_INSTRUMENT = "PHQ9";
function series(candidates, chart) {
  const kept = candidates.filter((c) => c.value !== null);
  const omitted = candidates.filter((c) => c.value === null).map((c) => c.quarter);
  const result = chart(kept);
  if (!result.ok) return { points: [], omitted, missing: "fewer than two quarters with a publishable figure", signals: [] };
  return {
    points: result.points.map((p, i) => ({ quarter: kept[i].quarter, value: p.value, centre: p.centre, lower: p.lower, upper: p.upper, signal: p.signals.length > 0 })),
    omitted,
    missing: null,
    signals: result.points.flatMap((p, i) => p.signals.length ? [{ quarter: kept[i].quarter, signals: p.signals }] : [])
  };
}
function quarterlyTrend({
  quarters,
  volumes,
  overall,
  threshold,
  hidden = () => false
}) {
  const volume = (q) => volumes.find((v) => v.quarter === q);
  const completion = quarters.map((quarter) => {
    const v = volume(quarter);
    return { quarter, value: v && !hidden(quarter) ? publishShare(v.completed, v.discharges, threshold) : null, events: v?.completed ?? 0, total: v?.discharges ?? 0 };
  });
  const completionSeries = series(completion, (kept) => {
    const rows = kept.map((k) => completion.find((c) => c.quarter === k.quarter));
    return pChart(
      rows.map((r) => r.events),
      rows.map((r) => r.total)
    );
  });
  const improvement = quarters.map((quarter) => {
    const row = overall.get(quarter)?.find((r) => r.instrument === TREND_INSTRUMENT && r.comparison === "intake_discharge");
    return { quarter, value: row ? publishStatistic(row.mean_improvement, row.n, threshold) : null };
  });
  const improvementSeries = series(improvement, (kept) => xmrChart(kept.map((k) => k.value)));
  return { completion: completionSeries, improvement: improvementSeries };
}

export {
  quarterlyVolumes,
  quarterlyTrend
};
