// "How do our sites compare?" (DESIGN.md "Fair comparison across sites"): the case-mix adjusted
// benchmark of `analyze benchmark --by site_id`, over the PHQ-9 discharges of the four quarters
// ending with the report's (one quarter is too few per site), published for a director —
// the observed ÷ expected funnel of reliable improvement and the shrunken severity-adjusted
// effect sizes, sites in name order, no ranking table.
//
// Suppression: a site is drawn only when its statistics rest on at least the threshold of
// episodes and its reliable improvements (and non-improvements) are not a small count —
// publishShare's rule, since observed ÷ expected times the expected count gives the observed
// count back. Sites not drawn are still in the fits and the limits (as every site is in the
// all-sites figures); the sample total is published only when no site is hidden.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { quartersEnding } from "../../domain/quarters.ts";
import { type BenchmarkDocument, benchmarkAnalysis, bandOf } from "../../queries/analyses/benchmark-analysis.ts";
import { ratioLimits } from "../../stats/funnel-limits.ts";
import type { FunnelCurvePoint, FunnelPoint } from "../charts/funnel-plot.ts";
import type { SaesRow } from "../charts/saes-dot-plot.ts";
import { publishCount, publishShare } from "../suppression.ts";

export const BENCHMARK_QUARTERS = 4;

export interface SiteStanding {
  site: string;
  n: string;
  saes: string;
  band: string;
  funnel: string;
}

export interface SitesComparison {
  quarters: string[];
  episodes: string | null;
  /** Sites in the fits and limits but not drawn (too few episodes, or a small count of reliable improvements). */
  notShown: string[];
  adjusted: boolean;
  funnel: { points: FunnelPoint[]; curve: FunnelCurvePoint[] };
  saes: SaesRow[];
  sites: SiteStanding[];
}

const BAND_TEXT = { highly_effective: "highly effective (> 0.8)", effective: "effective (0.5–0.8)", below: "below 0.5" } as const;

/** Where a drawn site sits in the funnel, in words. */
function funnelText(point: FunnelPoint, limits: { ll998: number; ul998: number; ll95: number; ul95: number }): string {
  if (point.y > limits.ul998) return "above the 99.8 % limit: more reliable improvement than its patients predict";
  if (point.y < limits.ll998) return "below the 99.8 % limit: less reliable improvement than its patients predict";
  if (point.y > limits.ul95 || point.y < limits.ll95) return "between the 95 % and 99.8 % limits: worth a look, not a signal";
  return "inside the 95 % limits: as expected for its patients";
}

export function publishSitesComparison(doc: BenchmarkDocument, quarters: string[], threshold: number): SitesComparison | null {
  const ratio = doc.funnel_ratio;
  if (!ratio || doc.groups.length < 2 || !doc.reference) return null;
  const drawn = doc.groups.filter((g) => g.n >= threshold && publishShare(g.reliable_improvement.observed, g.n, threshold) !== null && g.saes_shrunken_ci90 !== null);
  const limitsOf = new Map(ratio.limits.map((l) => [l.key, l]));
  const points = drawn.map((g) => ({ label: g.key, x: limitsOf.get(g.key)!.denominator, y: limitsOf.get(g.key)!.value, outlier: limitsOf.get(g.key)!.outlier }));
  const xs = ratio.limits.map((l) => l.denominator);
  const [from, to] = [Math.max(1, Math.min(...xs) * 0.8), Math.max(...xs) * 1.05];
  const curve = Array.from({ length: 80 }, (_, i) => from * (to / from) ** (i / 79)).map((x) => ({ x, ...ratioLimits(ratio.adjusted, ratio.tau2, x) }));
  return {
    quarters,
    episodes: drawn.length === doc.groups.length ? publishCount(doc.reference.n, threshold).text : null,
    notShown: doc.groups.filter((g) => !drawn.includes(g)).map((g) => g.key),
    adjusted: ratio.adjusted,
    funnel: { points, curve },
    saes: drawn.map((g) => ({ label: g.key, estimate: g.saes_shrunken!, lower: g.saes_shrunken_ci90![0], upper: g.saes_shrunken_ci90![1] })),
    sites: drawn.map((g, i) => ({
      site: g.key,
      n: publishCount(g.n, threshold).text,
      saes: `${g.saes_shrunken!.toFixed(2)} [${g.saes_shrunken_ci90![0].toFixed(2)}, ${g.saes_shrunken_ci90![1].toFixed(2)}]`,
      band: BAND_TEXT[bandOf(g.saes_shrunken!)],
      funnel: funnelText(points[i], limitsOf.get(g.key)!),
    })),
  };
}

export async function sitesComparison(db: Kysely<Database>, { quarter, dataCut, threshold }: { quarter: string; dataCut: string; threshold: number }): Promise<SitesComparison | null> {
  const quarters = quartersEnding(quarter, BENCHMARK_QUARTERS);
  const doc = await benchmarkAnalysis(db, { instrument: "PHQ9", comparison: "intake_discharge", by: "site_id", dataCut, filter: { quarters } });
  return publishSitesComparison(doc, quarters, threshold);
}
