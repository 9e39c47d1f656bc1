// Kaplan–Meier estimate from event/censoring counts per time (queries/marts/retention-counts.ts
// gives exactly these, so no per-episode row leaves the database), as R's
// survival::survfit(Surv(time, status) ~ 1) with its defaults: Greenwood standard error of
// the cumulative hazard, se = √Σ d/(n(n − d)), and the "log" interval exp(log S ± z·se),
// capped at 1 (Therneau, survival package documentation, survfit.formula: conf.type = "log").
import { qnorm } from "./distributions.ts";

export interface TimeCounts {
  time: number;
  events: number;
  censored: number;
}

export interface SurvivalStep {
  time: number;
  nRisk: number;
  events: number;
  surv: number;
  /** Standard error of −log S (R's `std.err`). */
  se: number;
  lower: number | null;
  upper: number | null;
}

export interface KaplanMeier {
  n: number;
  events: number;
  steps: SurvivalStep[];
  /** First time with S ≤ 0.5 (midpoint rule on an exact 0.5 plateau, as R); null if not reached. */
  median: number | null;
}

export function kaplanMeier(counts: readonly TimeCounts[], level = 0.95): KaplanMeier {
  const rows = [...counts].filter((c) => c.events + c.censored > 0).sort((a, b) => a.time - b.time);
  const n = rows.reduce((s, r) => s + r.events + r.censored, 0);
  const z = qnorm(1 - (1 - level) / 2);
  let atRisk = n;
  let surv = 1;
  let hazardVar = 0;
  const steps: SurvivalStep[] = [];
  for (const r of rows) {
    if (r.events > 0) {
      surv *= 1 - r.events / atRisk;
      hazardVar += atRisk > r.events ? r.events / (atRisk * (atRisk - r.events)) : Number.POSITIVE_INFINITY;
    }
    const se = Math.sqrt(hazardVar);
    const finite = surv > 0 && Number.isFinite(se);
    steps.push({
      time: r.time,
      nRisk: atRisk,
      events: r.events,
      surv,
      se: Number.isFinite(se) ? se : Number.NaN,
      lower: finite ? Math.exp(Math.log(surv) - z * se) : null,
      upper: finite ? Math.min(1, Math.exp(Math.log(surv) + z * se)) : null,
    });
    atRisk -= r.events + r.censored;
  }
  return { n, events: rows.reduce((s, r) => s + r.events, 0), steps: steps.map((s) => ({ ...s, se: Number.isNaN(s.se) ? 0 : s.se })), median: medianOf(steps) };
}

function medianOf(steps: readonly SurvivalStep[]): number | null {
  const eps = 1e-10;
  const i = steps.findIndex((s) => s.surv <= 0.5 + eps);
  if (i < 0) return null;
  if (Math.abs(steps[i].surv - 0.5) > eps) return steps[i].time;
  const next = steps.slice(i + 1).find((s) => s.surv < 0.5 - eps);
  return next ? (steps[i].time + next.time) / 2 : steps[i].time;
}

/** S(t) and its interval at a day, as R's summary(fit, times = t); null past the last time. */
export function survivalAt(km: KaplanMeier, day: number): { surv: number; lower: number | null; upper: number | null } | null {
  const last = km.steps.at(-1);
  if (!last || day > last.time) return null;
  let current = { surv: 1, lower: 1 as number | null, upper: 1 as number | null };
  for (const s of km.steps) {
    if (s.time > day) break;
    if (s.events > 0) current = { surv: s.surv, lower: s.lower, upper: s.upper };
  }
  return current;
}
