// Continuity of care as published: the transition matrix and the pathway measures of
// queries/analyses/pathways-analysis.ts, every count through reports/suppression.ts. A
// document without transitions publishes no matrix (the quarterly page): its step-down and
// step-up are then suppressed as every other measure is.
//   - The matrix carries row and column totals, so it is suppressed as a whole table
//     (complementary cells hidden with the small ones).
//   - Step-down and step-up have the matrix rows' discharges as denominators (the same
//     episodes), so they show the matrix's suppressed row totals, and their rates appear only
//     where the matrix row hides nothing: a rate times its denominator is a sum of that row's
//     cells, and would give a hidden cell back.
//   - Every other measure's denominators are suppressed as one row per measure whose total is
//     the `all` row, so no hidden level follows from `all` minus the others; and so are their
//     numerators, which a shown rate gives back (hideComplementaryNumerators).
// A page made of parts of a larger whole (a site of the quarterly report) also hides what the
// whole forces on it (reports/quarterly/continuity-sites.ts): `hide` holds those keys, and
// `cells` reports every published count under the same keys, raw, for that rule.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WITHIN_DAYS, type PathwayMeasure, TRANSITION_TARGETS } from "../../domain/pathways.ts";
import { type PathwaysDocument, pathwaysAnalysis } from "../../queries/analyses/pathways-analysis.ts";
import type { PathwayFilter } from "../../queries/marts/pathway-measures.ts";
import type { Cell } from "../quarterly/across-sites.ts";
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
  /** Said instead of every table and chart when patient_id links no two episodes (no false zeros). */
  cannotShow?: string;
}

const pct = (x: number) => x.toFixed(1);

/** The compact table's columns: the pathway measures a director reads, by level of care. */
export const GRID_COLUMNS: readonly [measure: PathwayMeasure, header: string][] = [
  ["step_down", "Stepped down"],
  ["continuing_care_7d", "Continuing care by 7 days"],
  ["continuing_care_30d", "by 30 days"],
  ["readmission_30d", "Readmitted by 30 days"],
  ["readmission_90d", "by 90 days"],
  ["readmission_180d", "by 180 days"],
];
export const STEP_UP_COLUMN: [PathwayMeasure, string] = ["step_up", "Stepped up"];

/**
 * The published measures as one row per level of care with eligible discharges (then all
 * levels), one column per measure: the rate with its interval, a bound, or — (none eligible,
 * or too few to show). Pure layout of what publishContinuityCells already published.
 */
export function measureGrid(c: Pick<PublishedContinuity, "measures">, columns: readonly [PathwayMeasure, string][] = GRID_COLUMNS): string[][] {
  const cell = (level: string, measure: PathwayMeasure) => c.measures.find((m) => m["level of care"] === level && m.measure === measure.replaceAll("_", " "));
  const levels = [...new Set(c.measures.map((m) => m["level of care"]))];
  return levels
    .filter((level) => columns.some(([measure]) => (cell(level, measure)?.discharges ?? "0") !== "0"))
    .map((level) => [
      level === "all" ? "All levels" : level,
      ...columns.map(([measure]) => {
        const m = cell(level, measure);
        if (!m || m.discharges === "0") return "—";
        return m["95% CI"] === "—" ? m.rate : `${m.rate} (${m["95% CI"]})`;
      }),
    ]);
}

/** The key of a matrix entry (`total` for a margin) and of a measure's numerator or denominator. */
export const matrixKey = (from: string, to: string) => `continuity:matrix:${from}:${to}`;
export const measureKey = (measure: string, level: string, part: "num" | "den") => `continuity:${measure}:${level}:${part}`;

export function publishContinuity(doc: PathwaysDocument, threshold: number): PublishedContinuity {
  return publishContinuityCells(doc, threshold).published;
}

/**
 * The published continuity with `hide`'s keys hidden too, and every count it rests on as a
 * `Cell` (the step measures' denominators are the matrix's row totals: no keys of their own). A
 * zero counts as published even when hidden (a reader may infer it): the cautious side.
 */
export function publishContinuityCells(doc: PathwaysDocument, threshold: number, hide: ReadonlySet<string> = new Set()): { published: PublishedContinuity; cells: Cell[] } {
  const froms = [...new Set(doc.transitions.map((t) => t.from))];
  const matrix = froms.map((from) => TRANSITION_TARGETS.map((to) => doc.transitions.find((t) => t.from === from && t.to === to)?.n ?? 0));
  const gridKey = (i: number, j: number) => matrixKey(froms[i] ?? "total", TRANSITION_TARGETS[j] ?? "total");
  const table = suppressTable(matrix, threshold, (i, j) => hide.has(gridKey(i, j)));
  const cells: Cell[] = [];
  const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const grid = [...matrix.map((row, i) => [...row, rowSums[i]]), [...TRANSITION_TARGETS.map((_, j) => matrix.reduce((a, row) => a + row[j], 0)), rowSums.reduce((a, b) => a + b, 0)]];
  const shown = [...table.cells.map((row, i) => [...row, table.rowTotals[i]]), [...table.columnTotals, table.grandTotal]];
  if (froms.length) grid.forEach((row, i) => row.forEach((n, j) => cells.push({ key: gridKey(i, j), total: n, hidden: n > 0 && shown[i][j].suppressed })));
  const transitions = [
    ...froms.map((from, i) => ({ from, ...Object.fromEntries(TRANSITION_TARGETS.map((to, j) => [`to ${to}`, table.cells[i][j].text])), total: table.rowTotals[i].text })),
    ...(froms.length ? [{ from: "total", ...Object.fromEntries(TRANSITION_TARGETS.map((to, j) => [`to ${to}`, table.columnTotals[j].text])), total: table.grandTotal.text }] : []),
  ];
  const rowClean = (i: number) => table.cells[i].every((c) => !c.suppressed) && !table.rowTotals[i].suppressed;
  const levels = [...new Set(doc.measures.map((m) => m.level_of_care).filter((l) => l !== "all"))];
  const denominators = doc.measures.map((m) => {
    if ((m.measure === "step_down" || m.measure === "step_up") && froms.length) {
      const i = froms.indexOf(m.level_of_care as (typeof froms)[number]);
      const denominator = m.level_of_care === "all" ? table.grandTotal : i >= 0 ? table.rowTotals[i] : publishCount(m.denominator, threshold);
      return { denominator, rateVisible: m.level_of_care === "all" ? froms.every((_, k) => rowClean(k)) : i < 0 || rowClean(i) };
    }
    const same = levels.map((l) => doc.measures.find((x) => x.measure === m.measure && x.level_of_care === l)?.denominator ?? 0);
    // The one-row table's column totals repeat its cells: both take the cell's key.
    const row = suppressTable([same], threshold, (_, j) => hide.has(measureKey(m.measure, levels[j] ?? "all", "den")));
    cells.push({ key: measureKey(m.measure, m.level_of_care, "den"), total: m.denominator, hidden: false });
    return { denominator: m.level_of_care === "all" ? row.rowTotals[0] : row.cells[0][levels.indexOf(m.level_of_care)], rateVisible: true };
  });
  // A rate times its published denominator gives the numerator back: a hidden numerator hides the rate.
  const visible = doc.measures.map((m, k) => denominators[k].rateVisible && !denominators[k].denominator.suppressed && !hide.has(measureKey(m.measure, m.level_of_care, "num")));
  hideComplementaryNumerators(doc, visible, froms.length > 0, (k) => publishShare(doc.measures[k].numerator, doc.measures[k].denominator, threshold) !== null);
  const measures = doc.measures.map((m, k) => {
    const { denominator } = denominators[k];
    const share = visible[k] ? publishShare(m.numerator, m.denominator, threshold) : null;
    const den = cells.find((c) => c.key === measureKey(m.measure, m.level_of_care, "den"));
    if (den) den.hidden = m.denominator > 0 && denominator.suppressed;
    cells.push({ key: measureKey(m.measure, m.level_of_care, "num"), total: m.numerator, hidden: m.numerator > 0 && share === null });
    return {
      "level of care": m.level_of_care,
      measure: m.measure.replaceAll("_", " "),
      discharges: denominator.text,
      rate: visible[k] ? shareText(m.numerator, m.denominator, threshold) : "—",
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
  const cannotShow = doc.cannot_show_transitions ? { cannotShow: doc.cannot_show_transitions } : {};
  return { published: { withinDays: doc.within_days, transitions, measures, flow, flowOmitted: froms.filter((_, i) => table.rowTotals[i].suppressed), ...cannotShow }, cells };
}

/**
 * A measure's `all` numerator is the sum of its levels' numerators, and each shown rate gives
 * its numerator back (rate × discharges). So when `all` is shown and exactly one level's rate
 * is hidden, `all` minus the others would recover it: the level with the next smallest non-zero
 * numerator is hidden too (complementary suppression, as suppressTable does for a table's
 * cells). With a matrix, the step measures need no pass of their own: their rates are shown
 * only where the matrix row hides nothing. A rate shows its numerator when it is visible and not merely a bound
 * (`exact`); `visible` is updated in place.
 */
function hideComplementaryNumerators(doc: PathwaysDocument, visible: boolean[], withMatrix: boolean, exact: (k: number) => boolean): void {
  const shown = (k: number) => visible[k] && exact(k);
  for (const measure of new Set(doc.measures.map((m) => m.measure))) {
    if (withMatrix && (measure === "step_down" || measure === "step_up")) continue;
    const rows = doc.measures.map((m, k) => ({ m, k })).filter(({ m }) => m.measure === measure);
    const all = rows.find(({ m }) => m.level_of_care === "all");
    if (!all || !shown(all.k)) continue;
    const parts = rows.filter(({ m }) => m.level_of_care !== "all");
    const hidden = parts.filter(({ m, k }) => !shown(k) && m.numerator > 0);
    if (hidden.length !== 1) continue;
    const next = parts.filter(({ m, k }) => shown(k) && m.numerator > 0).sort((a, b) => a.m.numerator - b.m.numerator)[0];
    visible[next ? next.k : all.k] = false;
  }
}

export async function continuityOfCare(
  db: Kysely<Database>,
  { dataCut, threshold, filter, withinDays = DEFAULT_WITHIN_DAYS }: { dataCut: string; threshold: number; filter?: PathwayFilter; withinDays?: number },
): Promise<PublishedContinuity> {
  return publishContinuity(await pathwaysAnalysis(db, { dataCut, withinDays, filter }), threshold);
}
