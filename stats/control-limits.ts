// Statistical process control for the quarterly trend: p-chart limits for a
// proportion (e.g. completion) and XmR (individuals / moving range) limits for a measured
// value (e.g. mean improvement per quarter), with special-cause signals.
//
// p-chart: centre p̄ = Σx / Σn, limits p̄ ± 3·√(p̄(1 − p̄) / n_i) per point, clipped to [0, 1]
//   (Montgomery, Introduction to Statistical Quality Control, 6th ed., §7.2).
// XmR: centre x̄, limits x̄ ± 2.66·MR̄, MR̄ = mean |x_i − x_{i−1}|; 2.66 = 3 / d₂ with d₂ = 1.128
//   for ranges of two (Wheeler & Chambers, Understanding Statistical Process Control, 1992).
// Signals (Provost & Murray, The Health Care Data Guide, 2011, ch. 3): a point outside the
//   limits (`outside_limits`), or a run of 8 or more consecutive points on one side of the
//   centre line (`shift`), each point of the run flagged.

export type SpcSignal = "outside_limits" | "shift";

export interface SpcPoint {
  value: number;
  centre: number;
  lower: number;
  upper: number;
  signals: SpcSignal[];
}

export type SpcResult = { ok: true; centre: number; points: SpcPoint[] } | { ok: false; reason: "too_few_points" | "no_denominator" };

export const SHIFT_RUN = 8;

function flagSignals(points: Omit<SpcPoint, "signals">[]): SpcPoint[] {
  const flagged: SpcPoint[] = points.map((p) => ({ ...p, signals: p.value > p.upper || p.value < p.lower ? ["outside_limits"] : [] }));
  let start = 0;
  const side = (p: SpcPoint) => Math.sign(p.value - p.centre);
  for (let i = 1; i <= flagged.length; i++) {
    if (i < flagged.length && side(flagged[i]) !== 0 && side(flagged[i]) === side(flagged[start])) continue;
    if (side(flagged[start]) !== 0 && i - start >= SHIFT_RUN) for (let k = start; k < i; k++) flagged[k].signals.push("shift");
    start = i;
  }
  return flagged;
}

/** p-chart over quarters: `events[i]` of `totals[i]` (e.g. completions of discharges). */
export function pChart(events: readonly number[], totals: readonly number[]): SpcResult {
  if (events.length < 2) return { ok: false, reason: "too_few_points" };
  const sumN = totals.reduce((a, b) => a + b, 0);
  if (sumN === 0 || totals.some((n) => n <= 0)) return { ok: false, reason: "no_denominator" };
  const centre = events.reduce((a, b) => a + b, 0) / sumN;
  const points = events.map((x, i) => {
    const half = 3 * Math.sqrt((centre * (1 - centre)) / totals[i]);
    return { value: x / totals[i], centre, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
  });
  return { ok: true, centre, points: flagSignals(points) };
}

/** XmR chart over a series of individual values. */
export function xmrChart(values: readonly number[]): SpcResult {
  if (values.length < 2) return { ok: false, reason: "too_few_points" };
  const centre = values.reduce((a, b) => a + b, 0) / values.length;
  let sumMr = 0;
  for (let i = 1; i < values.length; i++) sumMr += Math.abs(values[i] - values[i - 1]);
  const mrBar = sumMr / (values.length - 1);
  const points = values.map((value) => ({ value, centre, lower: centre - 2.66 * mrBar, upper: centre + 2.66 * mrBar }));
  return { ok: true, centre, points: flagSignals(points) };
}
