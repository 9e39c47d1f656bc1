// A percentile of a histogram of values (value → how many), computed as PostgreSQL's
// percentile_cont computes it over the values one by one: sorted ascending, the rows at
// ⌊p·(n − 1)⌋ and ⌈p·(n − 1)⌉, interpolated as lo + (hi − lo)·fraction. The same arithmetic in
// double precision, so a median read from merged histograms (a report's sites, summed into
// all sites) equals the database's own to the last bit.

export interface ValueCount {
  value: number;
  count: number;
}

export function percentileFromCounts(histogram: readonly ValueCount[], p: number): number | null {
  const bars = histogram.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const n = bars.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const position = p * (n - 1);
  const [first, second] = [Math.floor(position), Math.ceil(position)];
  // The value at a 0-based row of the sorted values.
  const at = (row: number) => {
    let seen = 0;
    for (const b of bars) {
      seen += b.count;
      if (row < seen) return b.value;
    }
    return bars[bars.length - 1].value;
  };
  const lo = at(first);
  if (second === first) return lo;
  return lo + (at(second) - lo) * (position - first);
}
