// The quarterly report's "Continuity of care": where discharges went next (the flow
// chart's shares of the transition matrix) and the pathway measures with Wilson CIs
// (reports/pathways/continuity.ts, already suppressed), and an 8-quarter p-chart of the 30-day
// readmission rate by discharge quarter (only quarters whose rate may be published enter it).
// One quarter's discharges are too few per level, and a 180-day window has not closed for
// them: each measure (and the matrix, for step-down and step-up) covers the four most recent
// discharge quarters, up to the report's, whose window had closed by the data cut — the
// quarters are named with the table. One read of the outcome counts by discharge quarter
// serves the matrix, every measure and the trend.
// For all sites and, on the per-site pages, for each site (the episode A's site_id). A site's
// figures add up to the all-sites ones, so a site also hides what reports/quarterly/
// continuity-sites.ts forces on it (`hide`): the counts are read once (`continuityCounts`) and
// published as often as that rule needs (`publishQuarterlyContinuity`, pure).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WITHIN_DAYS, MEASURE_RULES, type PathwayMeasure } from "../../domain/pathways.ts";
import { quartersEnding } from "../../domain/quarters.ts";
import { type PathwaysDocument, pathwaysDocumentFrom } from "../../queries/analyses/pathways-analysis.ts";
import { patientsLinkEpisodes, UNLINKED_MESSAGE } from "../../queries/intermediate/linked-episodes.ts";
import { measuresFromOutcomeCounts, pathwayOutcomeCounts } from "../../queries/marts/pathway-measures.ts";
import { pChart } from "../../stats/control-limits.ts";
import { measureKey, type PublishedContinuity, publishContinuityCells } from "../pathways/continuity.ts";
import { publishShare } from "../suppression.ts";
import type { Cell } from "./across-sites.ts";
import { type ControlSeries, series } from "./trend.ts";

export interface QuarterlyContinuity extends PublishedContinuity {
  quarter: string;
  /** The discharge quarters each measure (and the matrix, with step-down) covers. */
  spans: Record<PathwayMeasure, string[]>;
  /** 30-day readmission per discharge quarter, 8 quarters to `quarter` (lower is better). */
  readmission: ControlSeries;
}

/** The raw counts of one scope (never published): the quarter's pathways, and 8 quarters of readmission. */
export interface ContinuityCounts {
  quarter: string;
  /** The discharge quarters each measure covers. */
  spans: Record<PathwayMeasure, string[]>;
  doc: PathwaysDocument;
  readmission: { quarter: string; events: number; total: number }[];
}

/** The relation of a quarter's point of the readmission chart: its events and discharges, shown together. */
export const trendKey = (quarter: string, part: "num" | "den") => `continuity:readmission_30d:trend:${quarter}:${part}`;

/** Quarters each measure of the section covers (see above). */
export const CONTINUITY_QUARTERS = 4;

/** The day after a quarter's last day (`2026Q3` → 2026-10-01), as an ISO date. */
const quarterEndExclusive = (q: string) => new Date(Date.UTC(Number(q.slice(0, 4)), 3 * Number(q.slice(5)), 1));

/** The last `count` discharge quarters up to `quarter` whose `days`-day window has closed for every discharge by the data cut. */
export function closedQuarters(quarter: string, days: number, dataCut: string, count = CONTINUITY_QUARTERS): string[] {
  const closes = (q: string) => new Date(quarterEndExclusive(q).getTime() + (days - 1) * 86_400_000).toISOString().slice(0, 10) <= dataCut;
  return quartersEnding(quarter, count + 8).filter(closes).slice(-count);
}

export async function continuityCounts(db: Kysely<Database>, { quarter, dataCut, site = null }: { quarter: string; dataCut: string; site?: string | null }): Promise<ContinuityCounts> {
  const where = site ? { site_id: site } : undefined;
  const withinDays = DEFAULT_WITHIN_DAYS;
  const spans = Object.fromEntries(MEASURE_RULES.map((r) => [r.measure, closedQuarters(quarter, r.windowDays ?? withinDays, dataCut)])) as Record<PathwayMeasure, string[]>;
  const trendQuarters = quartersEnding(quarter, 8);
  const read = [...new Set([...trendQuarters, ...Object.values(spans).flat()])];
  if (!(await patientsLinkEpisodes(db))) {
    return { quarter, spans, doc: { data_cut: dataCut, within_days: withinDays, cannot_show_transitions: UNLINKED_MESSAGE, transitions: [], measures: [] }, readmission: trendQuarters.map((q) => ({ quarter: q, events: 0, total: 0 })) };
  }
  const counts = await pathwayOutcomeCounts(db, { dataCut, withinDays, by: ["discharge_quarter"], filter: { dischargeQuarters: read, where } });
  const within = (quarters: readonly string[]) => counts.filter((c) => quarters.includes(c.group.discharge_quarter ?? "")).map((c) => ({ ...c, group: {} }));
  // The matrix and the step measures over their span; every other measure over its own.
  const doc = pathwaysDocumentFrom(within(spans.step_down), dataCut, withinDays);
  const own = (measure: PathwayMeasure) => pathwaysDocumentFrom(within(spans[measure]), dataCut, withinDays).measures.filter((m) => m.measure === measure);
  doc.measures = MEASURE_RULES.flatMap((r) => (r.measure === "step_down" || r.measure === "step_up" ? doc.measures.filter((m) => m.measure === r.measure) : own(r.measure)));
  const trend = measuresFromOutcomeCounts(counts);
  const readmission: ContinuityCounts["readmission"] = trendQuarters.map((q) => {
    const all = trend.find((m) => m.group.discharge_quarter === q && m.level_of_care === "all" && m.measure === "readmission_30d");
    return { quarter: q, events: all?.numerator ?? 0, total: all?.denominator ?? 0 };
  });
  return { quarter, spans, doc, readmission };
}

/** The flow chart's segments: where a level's discharges went next, by direction (one per published share). */
export const FLOW_DIRECTIONS = ["less intensive", "more intensive", "same level or none", "suppressed"] as const;
export const FLOW_COLOURS = ["#1b9e77", "#d95f02", "#bbbbbb", "#e0e0e0"];

export function publishQuarterlyContinuity(counts: ContinuityCounts, threshold: number, hide: ReadonlySet<string> = new Set()): { continuity: QuarterlyContinuity; cells: Cell[] } {
  // No matrix on this page: the step measures carry where people went, and are suppressed
  // like every other measure (reports/pathways/continuity.ts).
  const { published, cells } = publishContinuityCells({ ...counts.doc, transitions: [] }, threshold, hide);
  // A measure's rate is exact when its interval is shown (a bound or "—" otherwise).
  const exact = (measure: string, level: string) => published.measures.some((m) => m.measure === measure.replaceAll("_", " ") && m["level of care"] === level && m["95% CI"] !== "—");
  const raw = (measure: string, level: string) => counts.doc.measures.find((m) => m.measure === measure && m.level_of_care === level);
  // Each level's bar: the exact step-down and step-up shares, the rest together (a hidden share inside it).
  const flow = [...new Set(counts.doc.measures.map((m) => m.level_of_care))].flatMap((level) => {
    const [down, up] = [raw("step_down", level), raw("step_up", level)];
    // Step-down and step-up share their discharges; an exact share means they are published.
    if (level === "all" || !down || down.denominator === 0) return [];
    const shares = [exact("step_down", level) ? down.numerator / down.denominator : null, exact("step_up", level) && up ? up.numerator / up.denominator : null];
    if (shares.every((x) => x === null)) return []; // a bar wholly suppressed says nothing
    const rest = 1 - (shares[0] ?? 0) - (shares[1] ?? 0);
    // The rest times the published discharges is a count too: a small one leaves the bar out.
    const restCount = Math.round(rest * down.denominator);
    if (restCount > 0 && restCount < threshold) return [];
    return [
      ...(shares[0] ? [{ from: level, to: FLOW_DIRECTIONS[0], share: shares[0] }] : []),
      ...(shares[1] ? [{ from: level, to: FLOW_DIRECTIONS[1], share: shares[1] }] : []),
      { from: level, to: shares.every((x) => x !== null) ? FLOW_DIRECTIONS[2] : FLOW_DIRECTIONS[3], share: rest },
    ];
  });
  const flowOmitted = [...new Set(counts.doc.measures.map((m) => m.level_of_care))].filter((l) => l !== "all" && (raw("step_down", l)?.denominator ?? 0) > 0 && !flow.some((f) => f.from === l));
  // The table's `all` 30-day readmission is the sum of its span's quarter points: forced off
  // there, every span point goes; and one hidden span point beside a shown table rate takes
  // the span's next smallest point with it, so it cannot be the rate's remainder.
  const tableHidden = hide.has(measureKey("readmission_30d", "all", "num")) || hide.has(measureKey("readmission_30d", "all", "den"));
  const span = counts.spans.readmission_30d;
  const forced = (q: string) => hide.has(trendKey(q, "num")) || hide.has(trendKey(q, "den")) || (span.includes(q) && tableHidden);
  // Without linked episodes every quarter's readmission is a false 0 %: no point is drawn.
  const candidates = counts.readmission.map((c) => ({ quarter: c.quarter, value: forced(c.quarter) || published.cannotShow ? null : publishShare(c.events, c.total, threshold) }));
  const inSpan = candidates.filter((c) => span.includes(c.quarter));
  if (exact("readmission_30d", "all") && inSpan.filter((c) => c.value === null).length === 1) {
    const next = inSpan.filter((c) => c.value !== null).sort((a, b) => counts.readmission.find((r) => r.quarter === a.quarter)!.total - counts.readmission.find((r) => r.quarter === b.quarter)!.total)[0];
    if (next) next.value = null;
  }
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
  return { continuity: { quarter: counts.quarter, spans: counts.spans, ...published, flow, flowOmitted, readmission }, cells };
}
