// Calendar quarters as `YYYYQn` (e.g. 2026Q3): the period of the director's report, of
// `--quarter` cohort filters and of the control charts' points.

export const QUARTER_PATTERN = /^\d{4}Q[1-4]$/;

export const isQuarter = (s: string): boolean => QUARTER_PATTERN.test(s);

/** The quarter a `YYYY-MM-DD` date falls in. */
export const quarterOfDate = (date: string): string => `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** The days of a quarter as a half-open range: its first day, and the first day of the next. */
export function quarterDays(quarter: string): { from: string; until: string } {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(5))];
  const first = (y: number, month: number) => `${String(y).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
  return { from: first(year, 3 * q - 2), until: q === 4 ? first(year + 1, 1) : first(year, 3 * q + 1) };
}

/**
 * The days of a set of quarters as the fewest half-open ranges (adjacent quarters merged),
 * in order; text that is not a quarter names no days.
 */
export function quartersDays(quarters: readonly string[]): { from: string; until: string }[] {
  const ranges: { from: string; until: string }[] = [];
  for (const days of [...new Set(quarters.filter(isQuarter))].sort().map(quarterDays)) {
    const last = ranges.at(-1);
    if (last && last.until === days.from) last.until = days.until;
    else ranges.push({ ...days });
  }
  return ranges;
}

export function previousQuarter(quarter: string): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(5))];
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

/** The `count` quarters ending with `quarter`, oldest first. */
export function quartersEnding(quarter: string, count: number): string[] {
  const out = [quarter];
  while (out.length < count) out.unshift(previousQuarter(out[0]));
  return out;
}

/** The last quarter that has ended on or before `date` (a report's default period). */
export function lastCompleteQuarter(date: string): string {
  const quarter = quarterOfDate(date);
  const nextQuarterStart = new Date(Date.UTC(Number(date.slice(0, 4)), 3 * Number(quarter.slice(5)), 1));
  const lastDay = new Date(nextQuarterStart.getTime() - 86_400_000).toISOString().slice(0, 10);
  return date === lastDay ? quarter : previousQuarter(quarter);
}
