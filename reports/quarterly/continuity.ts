// The quarterly report's "Continuity of care" (#18): for the quarter's discharges, the
// transition matrix, the flow chart's shares and the pathway measures with Wilson CIs
// (reports/pathways/continuity.ts, already suppressed), and an 8-quarter p-chart of the 30-day
// readmission rate by discharge quarter (only quarters whose rate may be published enter it).
// All sites only: the per-site pages would let a site's small cell follow from "all sites
// minus the others", which the accreditation pack and the notebook avoid the same way.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { quartersEnding } from "../../domain/quarters.ts";
import { pathwayMeasures } from "../../queries/marts/pathway-measures.ts";
import { pChart } from "../../stats/control-limits.ts";
import { continuityOfCare, type PublishedContinuity } from "../pathways/continuity.ts";
import { publishShare } from "../suppression.ts";
import { type ControlSeries, series } from "./trend.ts";

export interface QuarterlyContinuity extends PublishedContinuity {
  quarter: string;
  /** 30-day readmission per discharge quarter, 8 quarters to `quarter` (lower is better). */
  readmission: ControlSeries;
}

export async function quarterlyContinuity(db: Kysely<Database>, { quarter, dataCut, threshold }: { quarter: string; dataCut: string; threshold: number }): Promise<QuarterlyContinuity> {
  const published = await continuityOfCare(db, { dataCut, threshold, filter: { dischargeQuarter: quarter } });
  const counts: { quarter: string; events: number; total: number }[] = [];
  for (const q of quartersEnding(quarter, 8)) {
    const all = (await pathwayMeasures(db, { dataCut, withinDays: published.withinDays, by: [], filter: { dischargeQuarter: q } })).find((m) => m.level_of_care === "all" && m.measure === "readmission_30d");
    counts.push({ quarter: q, events: all?.numerator ?? 0, total: all?.denominator ?? 0 });
  }
  const candidates = counts.map((c) => ({ quarter: c.quarter, value: publishShare(c.events, c.total, threshold) }));
  const readmission = series(candidates, (kept) => {
    const rows = kept.map((k) => counts.find((c) => c.quarter === k.quarter)!);
    return pChart(
      rows.map((r) => r.events),
      rows.map((r) => r.total),
    );
  });
  return { quarter, ...published, readmission };
}
