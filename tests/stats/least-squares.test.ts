// scoreCellsFromChangeCells: the per-group score sums rebuilt from cells keyed by the pre score
// that sum the change equal the sums taken directly from the rows — exactly, for whole-number
// scores — and a fractional value gives null (the caller then sums directly).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { productKey, scoreCellsFromChangeCells, type SumsCell } from "../../stats/least-squares.ts";

interface Row {
  group: string;
  other: string;
  pre: number;
  post: number;
}

/** Cells as pairSums returns them: grouped by the keys, ordered by them. */
function cellsOf(rows: readonly Row[], keys: (r: Row) => Record<string, string>, numeric: (r: Row) => Record<string, number>): SumsCell[] {
  const cells = new Map<string, { keys: Record<string, string>; n: number; sum: Record<string, number>; product: Record<string, number> }>();
  for (const r of rows) {
    const k = keys(r);
    const id = JSON.stringify(Object.values(k));
    const x = numeric(r);
    const cell = cells.get(id) ?? { keys: k, n: 0, sum: {}, product: {} };
    cell.n += 1;
    for (const [a, va] of Object.entries(x)) {
      cell.sum[a] = (cell.sum[a] ?? 0) + va;
      for (const [b, vb] of Object.entries(x)) if (a <= b) cell.product[productKey(a, b)] = (cell.product[productKey(a, b)] ?? 0) + va * vb;
    }
    cells.set(id, cell);
  }
  return [...cells.keys()].sort().map((id) => cells.get(id)!);
}

const rowArb = fc.record({ group: fc.constantFrom("IOP", "PHP", "RES"), other: fc.constantFrom("a", "b"), pre: fc.integer({ min: 0, max: 27 }), post: fc.integer({ min: 0, max: 27 }) });

describe("score cells from change cells", () => {
  it("equal the direct sums per group, exactly, for whole-number scores", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 200 }), (rows) => {
        const direct = cellsOf(rows, (r) => ({ group: r.group }), (r) => ({ pre: r.pre, post: r.post }));
        const patterns = cellsOf(rows, (r) => ({ group: r.group, pre: String(r.pre), other: r.other }), (r) => ({ change: r.post - r.pre }));
        expect(scoreCellsFromChangeCells(patterns)).toEqual(direct);
      }),
    );
  });

  it("gives null when a score is not a whole number", () => {
    const rows: Row[] = [
      { group: "IOP", other: "a", pre: 10, post: 4 },
      { group: "PHP", other: "a", pre: 12.5, post: 6 },
    ];
    const patterns = cellsOf(rows, (r) => ({ group: r.group, pre: String(r.pre), other: r.other }), (r) => ({ change: r.post - r.pre }));
    expect(scoreCellsFromChangeCells(patterns)).toBeNull();
  });
});
