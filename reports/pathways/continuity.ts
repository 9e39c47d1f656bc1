// Continuity of care as published (#18): the transition matrix and the pathway measures of
// queries/analyses/pathways-analysis.ts, every count through reports/suppression.ts.
//   - The matrix carries row and column totals, so it is suppressed as a whole table
//     (complementary cells hidden with the small ones).
//   - Step-down and step-up have the matrix rows' discharges as denominators (the same
//     episodes), so they show the matrix's suppressed row totals, and their rates appear only
//     where the matrix row hides nothing: a rate times its denominator is a sum of that row's
//     cells, and would give a hidden cell back.
//   - Every other measure's denominators are suppressed as one row per measure whose total is
//     the `all` row, so no hidden level follows from `all` minus the others.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WITHIN_DAYS, TRANSITION_TARGETS } from "../../domain/pathways.ts";
import { type PathwaysDocument, pathwaysAnalysis } from "../../queries/analyses/pathways-analysis.ts";
import type { PathwayFilter } from "../../queries/marts/pathway-measures.ts";
import { publishCount, publishShare, shareText, suppressTable } from "../suppression.ts";

export type TextRow = Record<string, string>;

/** The flow chart's segment for a row's hidden cells, together. */
export const FLOW_SUPPRESSED = "suppressed";
export const FLOW_TARGETS: readonly string[] = [...TRANSITION_TARGETS, FLOW_SUPPRESSED];

export interface PublishedContinuity {
  withinDays: number;
  /** One row per level discharged from, then `total`: `from`, `to <level>`…, `to none`, `total`. */
  transitions: TextRow[];
  /** One row per level and `all` × measure: discharges, rate, 95% CI. */
  measures: TextRow[];
  /** Shares of each matrix row for the flow chart (hidden cells merged as `suppressed`). */
  flow: { from: string; to: string; share: number }[];
  /** Levels whose row is left out of the flow chart (its total is hidden). */
  flowOmitted: string[];
}

const pct = (x: number) => x.toFixed(1);

export function publishContinuity(doc: PathwaysDocument, threshold: number): PublishedContinuity {
  const froms = [...new Set(doc.transitions.map((t) => t.from))];
  const matrix = froms.map((from) => TRANSITION_TARGETS.map((to) => doc.transitions.find((t) => t.from === from && t.to === to)?.n ?? 0));
  const table = suppressTable(matrix, threshold);
  const transitions = [
    ...froms.map((from, i) => ({ from, ...Object.fromEntries(TRANSITION_TARGETS.map((to, j) => [`to ${to}`, table.cells[i][j].text])), total: table.rowTotals[i].text })),
    ...(froms.length ? [{ from: "total", ...Object.fromEntries(TRANSITION_TARGETS.map((to, j) => [`to ${to}`, table.columnTotals[j].text])), total: table.grandTotal.text }] : []),
  ];
  const rowClean = (i: number) => table.cells[i].every((c) => !c.suppressed) && !table.rowTotals[i].suppressed;
  const levels = [...new Set(doc.measures.map((m) => m.level_of_care).filter((l) => l !== "all"))];
  const measures = doc.measures.map((m) => {
    let denominator: { text: string; suppressed: boolean };
    let rateVisible = true;
    if (m.measure === "step_down" || m.measure === "step_up") {
      const i = froms.indexOf(m.level_of_care as (typeof froms)[number]);
      denominator = m.level_of_care === "all" ? table.grandTotal : i >= 0 ? table.rowTotals[i] : publishCount(m.denominator, threshold);
      rateVisible = m.level_of_care === "all" ? froms.every((_, k) => rowClean(k)) : i < 0 || rowClean(i);
    } else {
      const same = levels.map((l) => doc.measures.find((x) => x.measure === m.measure && x.level_of_care === l)?.denominator ?? 0);
      const row = suppressTable([same], threshold);
      denominator = m.level_of_care === "all" ? row.rowTotals[0] : row.cells[0][levels.indexOf(m.level_of_care)];
    }
    const visible = rateVisible && !denominator.suppressed;
    const share = visible ? publishShare(m.numerator, m.denominator, threshold) : null;
    return {
      "level of care": m.level_of_care,
      measure: m.measure.replaceAll("_", " "),
      discharges: denominator.text,
      rate: visible ? shareText(m.numerator, m.denominator, threshold) : "—",
      "95% CI": share === null || !m.ci ? "—" : `${pct(m.ci[0])}–${pct(m.ci[1])} %`,
    };
  });
  // The flow chart draws each row whose total is published: its published cells as shares, and
  // its hidden cells merged into one "suppressed" segment — their sum is already the row total
  // minus the shown cells, so the chart reveals nothing the table does not.
  const flow = froms.flatMap((from, i) => {
    if (table.rowTotals[i].suppressed) return [];
    const total = matrix[i].reduce((a, b) => a + b, 0);
    const hidden = matrix[i].reduce((a, n, j) => a + (table.cells[i][j].suppressed ? n : 0), 0);
    const shown = TRANSITION_TARGETS.flatMap((to, j) => (table.cells[i][j].suppressed ? [] : [{ from, to: to as string, share: matrix[i][j] / total }]));
    return [...shown, ...(hidden > 0 ? [{ from, to: FLOW_SUPPRESSED, share: hidden / total }] : [])].filter((seg) => seg.share > 0);
  });
  return { withinDays: doc.within_days, transitions, measures, flow, flowOmitted: froms.filter((_, i) => table.rowTotals[i].suppressed) };
}

export async function continuityOfCare(
  db: Kysely<Database>,
  { dataCut, threshold, filter, withinDays = DEFAULT_WITHIN_DAYS }: { dataCut: string; threshold: number; filter?: PathwayFilter; withinDays?: number },
): Promise<PublishedContinuity> {
  return publishContinuity(await pathwaysAnalysis(db, { dataCut, withinDays, filter }), threshold);
}
