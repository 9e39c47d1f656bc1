// The quarterly report's "Continuity of care" (#18): for the quarter's discharges, the
// transition matrix, the flow chart's shares and the pathway measures with Wilson CIs
// (reports/pathways/continuity.ts, already suppressed), and an 8-quarter p-chart of the 30-day
// readmission rate by discharge quarter (only quarters whose rate may be published enter it).
// For all sites and, on the per-site pages, for each site (the episode A's site_id). A site's
// figures add up to the all-sites ones, so a site also hides what reports/quarterly/
// continuity-sites.ts forces on it (`hide`): the counts are read once (`continuityCounts`) and
// published as often as that rule needs (`publishQuarterlyContinuity`, pure).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WITHIN_DAYS } from "../../domain/pathways.ts";
import { quartersEnding } from "../../domain/quarters.ts";
import { type PathwaysDocument, pathwaysAnalysis } from "../../queries/analyses/pathways-analysis.ts";
import { pathwayMeasures } from "../../queries/marts/pathway-measures.ts";
import { pChart } from "../../stats/control-limits.ts";
import { measureKey, type PublishedContinuity, publishContinuityCells } from "../pathways/continuity.ts";
import { publishShare } from "../suppression.ts";
import type { Cell } from "./across-sites.ts";
import { type ControlSeries, series } from "./trend.ts";

export interface QuarterlyContinuity extends PublishedContinuity {
  quarter: string;
  /** 30-day readmission per discharge quarter, 8 quarters to `quarter` (lower is better). */
  readmission: ControlSeries;
}

/** The raw counts of one scope (never published): the quarter's pathways, and 8 quarters of readmission. */
export interface ContinuityCounts {
  quarter: string;
  doc: PathwaysDocument;
  readmission: { quarter: string; events: number; total: number }[];
}

/** The relation of a quarter's point of the readmission chart: its events and discharges, shown together. */
export const trendKey = (quarter: string, part: "num" | "den") => `continuity:readmission_30d:trend:${quarter}:${part}`;

export async function continuityCounts(db: Kysely<Database>, { quarter, dataCut, site = null }: { quarter: string; dataCut: string; site?: string | null }): Promise<ContinuityCounts> {
  const where = site ? { site_id: site } : undefined;
  const withinDays = DEFAULT_WITHIN_DAYS;
  const doc = await pathwaysAnalysis(db, { dataCut, withinDays, filter: { dischargeQuarter: quarter, where } });
  // The eight quarters' readmission in one pass, grouped by discharge quarter.
  const quarters = quartersEnding(quarter, 8);
  const trend = await pathwayMeasures(db, { dataCut, withinDays, by: ["discharge_quarter"], filter: { dischargeQuarters: quarters, where } });
  const readmission: ContinuityCounts["readmission"] = quarters.map((q) => {
    const all = trend.find((m) => m.group.discharge_quarter === q && m.level_of_care === "all" && m.measure === "readmission_30d");
    return { quarter: q, events: all?.numerator ?? 0, total: all?.denominator ?? 0 };
  });
  return { quarter, doc, readmission };
}

export function publishQuarterlyContinuity(counts: ContinuityCounts, threshold: number, hide: ReadonlySet<string> = new Set()): { continuity: QuarterlyContinuity; cells: Cell[] } {
  const { published, cells } = publishContinuityCells(counts.doc, threshold, hide);
  // The quarter's own point is the table's `all` readmission rate: forced off there, off here too.
  const forced = (q: string) =>
    hide.has(trendKey(q, "num")) || hide.has(trendKey(q, "den")) || (q === counts.quarter && (hide.has(measureKey("readmission_30d", "all", "num")) || hide.has(measureKey("readmission_30d", "all", "den"))));
  // Without linked episodes every quarter's readmission is a false 0 %: no point is drawn.
  const candidates = counts.readmission.map((c) => ({ quarter: c.quarter, value: forced(c.quarter) || published.cannotShow ? null : publishShare(c.events, c.total, threshold) }));
  const readmission = series(candidates, (kept) => {
    const rows = kept.map((k) => counts.readmission.find((c) => c.quarter === k.quarter)!);
    return pChart(
      rows.map((r) => r.events),
      rows.map((r) => r.total),
    );
  });
  // A shown point gives its events and (through the limits) its discharges back.
  for (const [i, c] of counts.readmission.entries()) {
    const hidden = candidates[i].value === null;
    cells.push({ key: trendKey(c.quarter, "num"), total: c.events, hidden: c.events > 0 && hidden }, { key: trendKey(c.quarter, "den"), total: c.total, hidden: c.total > 0 && hidden });
  }
  return { continuity: { quarter: counts.quarter, ...published, readmission }, cells };
}
