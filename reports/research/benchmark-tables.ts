// The research export's fair-comparison tables (DESIGN.md "Fair comparison across sites"):
//   • benchmark.csv — per site (pseudonymous code, as in the dataset), PHQ-9 intake → discharge:
//     SAES with its 90% interval, the shrunken estimate and band, and both funnels' value,
//     limits and outlier flag; a site below the threshold of episodes keeps only its code and
//     `<11`; a reliable-improvement count (or its complement) of 1–10 hides the counts and
//     funnel values that would give it back;
//   • measures.csv — the standard depression measures of the data cut's year and the year
//     before, with the caveats of every output in the table's title.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { benchmarkAnalysis } from "../../queries/analyses/benchmark-analysis.ts";
import { standardMeasures } from "../../queries/analyses/standard-measures.ts";
import type { CsvCell } from "../csv.ts";
import { publishCount, publishShare } from "../suppression.ts";
import { r7 } from "./precision.ts";

export async function benchmarkRows(db: Kysely<Database>, { dataCut, threshold, siteCode }: { dataCut: string; threshold: number; siteCode: (id: string) => string }): Promise<Record<string, CsvCell>[]> {
  const doc = await benchmarkAnalysis(db, { instrument: "PHQ9", comparison: "intake_discharge", by: "site_id", dataCut });
  const limit = (funnel: typeof doc.funnel_proportion, key: string) => funnel?.limits.find((l) => l.key === key) ?? null;
  return doc.groups
    .map((g) => {
      const shown = g.n >= threshold;
      const share = shown && publishShare(g.reliable_improvement.observed, g.n, threshold) !== null;
      const [pr, sr] = [limit(doc.funnel_proportion, g.key), limit(doc.funnel_ratio, g.key)];
      const stat = (x: number | null | undefined, ok = shown) => (ok ? r7(x) : null);
      return {
        site_code: siteCode(g.key),
        n: publishCount(g.n, threshold).text,
        saes: stat(g.saes),
        saes_lower_90: stat(g.saes_ci90?.[0]),
        saes_upper_90: stat(g.saes_ci90?.[1]),
        saes_shrunken: stat(g.saes_shrunken),
        saes_shrunken_lower_90: stat(g.saes_shrunken_ci90?.[0]),
        saes_shrunken_upper_90: stat(g.saes_shrunken_ci90?.[1]),
        band: shown ? g.band : null,
        reliable_improved: share ? String(g.reliable_improvement.observed) : shown ? "—" : null,
        reliable_expected: stat(g.reliable_improvement.expected, share),
        proportion: stat(pr?.value, share),
        proportion_lower_998: stat(pr?.ll998, shown),
        proportion_upper_998: stat(pr?.ul998, shown),
        proportion_outlier: share && pr ? (pr.outlier ? "yes" : "no") : null,
        ratio: stat(sr?.value, share),
        ratio_lower_998: stat(sr?.ll998, share),
        ratio_upper_998: stat(sr?.ul998, share),
        ratio_outlier: share && sr ? (sr.outlier ? "yes" : "no") : null,
      };
    })
    .sort((a, b) => a.site_code.localeCompare(b.site_code));
}

export async function measureRows(db: Kysely<Database>, { dataCut, threshold }: { dataCut: string; threshold: number }): Promise<Record<string, CsvCell>[]> {
  const year = Number(dataCut.slice(0, 4));
  const rows: Record<string, CsvCell>[] = [];
  for (const y of [year - 1, year]) {
    const doc = await standardMeasures(db, { year: y, dataCut });
    for (const m of doc.measures) {
      const shown = publishShare(m.numerator, m.denominator, threshold) !== null;
      rows.push({
        year: y,
        measure: m.id,
        specification: m.specification,
        window: m.window,
        period_from: m.period.from,
        period_to: m.period.to,
        // A numerator whose complement is small would give it back beside the denominator.
        numerator: shown || m.numerator === 0 ? String(m.numerator) : publishCount(m.numerator, threshold).suppressed ? `<${threshold}` : "—",
        denominator: publishCount(m.denominator, threshold).text,
        pct: shown ? r7(m.pct) : null,
        pct_lower: shown ? r7(m.ci?.[0]) : null,
        pct_upper: shown ? r7(m.ci?.[1]) : null,
        pending: publishCount(m.pending, threshold).text,
      });
    }
  }
  return rows;
}
