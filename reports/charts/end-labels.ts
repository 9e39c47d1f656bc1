// Direct labels at the end of lines (durability, retention): the label of each series at its
// last value, moved apart vertically just enough that two close series stay readable
// (labels in place of a legend — Tufte's direct labelling — need this once lines converge).

/**
 * Label positions for values `ys` (in data units) so that neighbours are at least `gap` apart,
 * each as close to its own value as the order allows; the input order is kept.
 */
export function spreadLabels(ys: readonly number[], gap: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => o.y);
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  // Centre the pushed block on the values it came from, so labels do not all drift upward.
  const shift = (placed.reduce((a, b) => a + b, 0) - order.reduce((a, o) => a + o.y, 0)) / Math.max(1, placed.length);
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => {
    out[o.i] = placed[k] - shift;
  });
  return out;
}
