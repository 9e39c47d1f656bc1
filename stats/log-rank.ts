// Log-rank test across k groups (Mantel 1966), as R's survival::survdiff(rho = 0): at each
// event time, observed vs expected events per group and the hypergeometric covariance; the
// statistic (O − E)ᵀ V⁻ (O − E) on the first k − 1 groups, chi-square with k − 1 df.
import { Matrix, solve } from "ml-matrix";
import { pchisq } from "./distributions.ts";
import type { TimeCounts } from "./kaplan-meier.ts";

export type LogRank = { ok: true; chisq: number; df: number; p: number; observed: number[]; expected: number[] } | { ok: false; reason: "fewer_than_two_groups" | "no_events" | "singular" };

export function logRank(groups: readonly (readonly TimeCounts[])[]): LogRank {
  const k = groups.length;
  if (k < 2) return { ok: false, reason: "fewer_than_two_groups" };
  const times = [...new Set(groups.flatMap((g) => g.map((c) => c.time)))].sort((a, b) => a - b);
  const atRisk = groups.map((g) => g.reduce((s, c) => s + c.events + c.censored, 0));
  const byTime = groups.map((g) => new Map(g.map((c) => [c.time, c])));
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const v = Matrix.zeros(k, k);
  for (const t of times) {
    const d = byTime.map((m) => m.get(t)?.events ?? 0);
    const total = atRisk.reduce((a, b) => a + b, 0);
    const deaths = d.reduce((a, b) => a + b, 0);
    if (deaths > 0 && total > 0) {
      for (let i = 0; i < k; i++) {
        observed[i] += d[i];
        expected[i] += (deaths * atRisk[i]) / total;
        if (total > 1) {
          const factor = (deaths * (total - deaths)) / (total * total * (total - 1));
          for (let j = 0; j < k; j++) v.set(i, j, v.get(i, j) + factor * atRisk[i] * ((i === j ? total : 0) - atRisk[j]));
        }
      }
    }
    for (let i = 0; i < k; i++) {
      const c = byTime[i].get(t);
      if (c) atRisk[i] -= c.events + c.censored;
    }
  }
  if (observed.every((o) => o === 0)) return { ok: false, reason: "no_events" };
  const diff = Matrix.columnVector(observed.slice(0, k - 1).map((o, i) => o - expected[i]));
  const vk = v.subMatrix(0, k - 2, 0, k - 2);
  let chisq: number;
  try {
    chisq = diff.transpose().mmul(solve(vk, diff)).get(0, 0);
  } catch {
    return { ok: false, reason: "singular" };
  }
  if (!Number.isFinite(chisq)) return { ok: false, reason: "singular" };
  return { ok: true, chisq, df: k - 1, p: 1 - pchisq(chisq, k - 1), observed, expected };
}
