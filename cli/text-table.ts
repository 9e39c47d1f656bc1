// Aligned plain-text tables for the terminal: each column as wide as its widest cell, text
// columns padded on the right, numbers on the left. `left` says which columns hold text.
export function alignColumns(cells: readonly (readonly string[])[], left: number | ((column: number) => boolean)): string {
  const isLeft = typeof left === "number" ? (i: number) => i < left : left;
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((c, i) => (isLeft(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd()).join("\n");
}
