// Small-cell suppression (DESIGN.md "Publishing rules"): the one gate every published number
// passes. A count of 1 … threshold−1 is shown as `<threshold`; a statistic computed on fewer
// than `threshold` episodes is not shown; in a table with published totals, complementary
// cells are suppressed so that no hidden cell can be recovered by subtraction (every row and
// column with a published total hides either none or at least two of its cells — the usual
// rule of statistical agencies, e.g. CMS's cell-size suppression policy, which sets 11).

export const DEFAULT_THRESHOLD = 11;

export interface PublishedCount {
  /** The count when it may be published, else null. */
  value: number | null;
  /** What a reader sees: the number, or `<11`. */
  text: string;
  suppressed: boolean;
}

export function publishCount(count: number, threshold = DEFAULT_THRESHOLD): PublishedCount {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  if (count > 0 && count < threshold) return { value: null, text: `<${threshold}`, suppressed: true };
  return { value: count, text: String(count), suppressed: false };
}

/** A statistic is published only when it rests on at least `threshold` episodes. */
export function publishStatistic<T>(value: T, episodes: number, threshold = DEFAULT_THRESHOLD): T | null {
  return episodes >= threshold ? value : null;
}

/**
 * A share `events / total` is published only when the total is at least `threshold` and
 * neither the events nor the non-events are a small count: with n shown beside it, a share
 * of 3/250 or of 247/250 would give the small count back by multiplication.
 */
export function publishShare(events: number, total: number, threshold = DEFAULT_THRESHOLD): number | null {
  if (total < threshold) return null;
  const small = (k: number) => k > 0 && k < threshold;
  return small(events) || small(total - events) ? null : events / total;
}

/**
 * What a reader sees for a share: "85 %"; when a small count hides it, the bound that count
 * implies and nothing more ("< 7 %" for 1–10 events, "> 93 %" for 1–10 non-events — the
 * share's analogue of `<11`); "—" when the total itself is too small.
 */
export function shareText(events: number, total: number, threshold = DEFAULT_THRESHOLD): string {
  const share = publishShare(events, total, threshold);
  if (share !== null) return `${(100 * share).toFixed(0)} %`;
  if (total < threshold) return "—";
  const bound = (100 * threshold) / total;
  return events < threshold ? `< ${Math.ceil(bound)} %` : `> ${Math.floor(100 - bound)} %`;
}

/** Column names that hold counts of episodes, people or assessments in a published table. */
export const COUNT_COLUMN = /^(n|n_[a-z_]+|[a-z_]+_n|events|censored|count|episodes|admissions|discharges|completed|measured|answered)$/i;

/**
 * The count columns of a table that show a count of 1 … threshold−1 (numbers or digit
 * strings): what a last check refuses to publish (notebooks, exports built from free rows).
 */
export function unsuppressedCells(columns: readonly string[], rows: readonly (readonly unknown[])[], threshold = DEFAULT_THRESHOLD): string[] {
  const small = (x: unknown) => {
    const n = typeof x === "string" && /^\d+$/.test(x) ? Number(x) : x;
    return typeof n === "number" && Number.isInteger(n) && n > 0 && n < threshold;
  };
  return columns.filter((c, j) => COUNT_COLUMN.test(c) && rows.some((r) => small(r[j])));
}

/**
 * A Kaplan–Meier curve published on a weekly grid: the estimate at day 0, 7, 14, … (the last
 * step at or before each day) instead of at every event time, where each step would show the
 * events of one day — often a single person.
 */
export function weeklySurvival<T extends { label: string; day: number; surv: number; lower: number; upper: number }>(steps: readonly T[], every = 7): T[] {
  const out: T[] = [];
  for (const label of [...new Set(steps.map((s) => s.label))]) {
    const curve = steps.filter((s) => s.label === label).sort((a, b) => a.day - b.day);
    const last = curve.at(-1)!.day;
    for (let day = 0; day <= last + every - 1; day += every) {
      const at = [...curve].reverse().find((s) => s.day <= Math.min(day, last));
      if (at) out.push({ ...at, day: Math.min(day, last) });
    }
  }
  return out;
}

export interface SuppressedTable {
  cells: PublishedCount[][];
  rowTotals: PublishedCount[];
  columnTotals: PublishedCount[];
  grandTotal: PublishedCount;
}

/**
 * Suppresses a two-way table of counts with its margins. The table is read as a
 * (rows+1) × (cols+1) grid whose last row and column are the totals; every row and column of
 * that grid is one linear relation (cells sum to the total). Primary suppression hides small
 * entries (totals included); complementary suppression then, for any relation hiding exactly
 * one entry, also hides its smallest visible entry (non-zero first), repeating until every
 * relation hides none or at least two — so no hidden entry equals a published sum minus
 * published cells. `hide(i, j)` names entries of that grid hidden beforehand (i = rows, j = cols
 * are the totals): what another page forces (reports/quarterly/across-sites.ts); the
 * complementary cells they need are then found like those of the small ones.
 */
export function suppressTable(counts: readonly (readonly number[])[], threshold = DEFAULT_THRESHOLD, hide: (i: number, j: number) => boolean = () => false): SuppressedTable {
  const rows = counts.length;
  const cols = rows ? counts[0].length : 0;
  const grid = [...counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)])];
  grid.push(Array.from({ length: cols + 1 }, (_, j) => grid.reduce((a, row) => a + row[j], 0)));
  const hidden = grid.map((row, i) => row.map((n, j) => (n > 0 && n < threshold) || hide(i, j)));

  const relations: { i: number; j: number }[][] = [
    ...grid.map((row, i) => row.map((_, j) => ({ i, j }))),
    ...grid[0].map((_, j) => grid.map((_, i) => ({ i, j }))),
  ];
  const complement = (line: { i: number; j: number }[]): boolean => {
    if (line.filter(({ i, j }) => hidden[i][j]).length !== 1) return false;
    const visible = line.filter(({ i, j }) => !hidden[i][j]);
    const nonZero = visible.filter(({ i, j }) => grid[i][j] > 0);
    const pool = nonZero.length ? nonZero : visible;
    if (!pool.length) return false;
    const pick = pool.reduce((a, b) => (grid[b.i][b.j] < grid[a.i][a.j] ? b : a));
    hidden[pick.i][pick.j] = true;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of relations) if (complement(line)) changed = true;
  }

  const show = (i: number, j: number): PublishedCount => {
    const n = grid[i][j];
    if (!hidden[i][j]) return publishCount(n, threshold);
    return { value: null, text: n > 0 && n < threshold ? `<${threshold}` : "—", suppressed: true };
  };
  return {
    cells: counts.map((row, i) => row.map((_, j) => show(i, j))),
    rowTotals: counts.map((_, i) => show(i, cols)),
    columnTotals: Array.from({ length: cols }, (_, j) => show(rows, j)),
    grandTotal: show(rows, cols),
  };
}
