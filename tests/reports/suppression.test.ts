// Suppression: small counts hidden, statistics on few episodes hidden, and no hidden cell
// recoverable from published totals (property-based over random tables).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publishCount, publishShare, publishStatistic, shareText, suppressTable } from "../../reports/suppression.ts";

describe("publishCount", () => {
  it("shows 0 and counts ≥ 11, hides 1–10 as <11", () => {
    expect(publishCount(0)).toEqual({ value: 0, text: "0", suppressed: false });
    expect(publishCount(1)).toEqual({ value: null, text: "<11", suppressed: true });
    expect(publishCount(10).text).toBe("<11");
    expect(publishCount(11)).toEqual({ value: 11, text: "11", suppressed: false });
    expect(publishCount(4, 5).text).toBe("<5");
    expect(() => publishCount(-1)).toThrow(RangeError);
  });

  it("hides a statistic resting on fewer than 11 episodes", () => {
    expect(publishStatistic(0.8, 10)).toBeNull();
    expect(publishStatistic(0.8, 11)).toBe(0.8);
  });
});

describe("suppressTable", () => {
  it("adds a complementary cell in a row with a single small cell", () => {
    const t = suppressTable([
      [5, 40, 60],
      [30, 50, 70],
    ]);
    expect(t.cells[0].map((c) => c.text)).toEqual(["<11", "—", "60"]);
    // Column 0 now hides one cell (5) and column 1 one (40): each needs a complement in row 2.
    expect(t.cells[1].map((c) => c.suppressed)).toEqual([true, true, false]);
    expect(t.rowTotals.map((c) => c.text)).toEqual(["105", "150"]);
  });

  const tables = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
    .chain(([r, c]) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 200 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

  it("never leaves exactly one hidden entry in a row or column of the table with its totals", () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const t = suppressTable(counts);
        const grid = [...t.cells.map((row, i) => [...row, t.rowTotals[i]]), [...t.columnTotals, t.grandTotal]];
        for (const row of grid) expect(row.filter((c) => c.suppressed).length).not.toBe(1);
        for (let j = 0; j < grid[0].length; j++) expect(grid.filter((row) => row[j].suppressed).length).not.toBe(1);
      }),
    );
  });

  it("never publishes a count between 1 and 10 anywhere", () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const t = suppressTable(counts);
        for (const c of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.grandTotal]) {
          if (c.value !== null) expect(c.value === 0 || c.value >= 11).toBe(true);
        }
      }),
    );
  });
});

describe("publishShare", () => {
  it("hides shares on small totals and shares that would give a small count back", () => {
    expect(publishShare(120, 200)).toBe(0.6);
    expect(publishShare(0, 200)).toBe(0);
    expect(publishShare(200, 200)).toBe(1);
    expect(publishShare(5, 10)).toBeNull();
    expect(publishShare(3, 250)).toBeNull();
    expect(publishShare(247, 250)).toBeNull();
  });

  it("never publishes a share from which a count of 1–10 follows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (a, b) => {
        const share = publishShare(a, a + b);
        if (share === null) return true;
        const events = Math.round(share * (a + b));
        const rest = a + b - events;
        return a + b >= 11 && !(events > 0 && events < 11) && !(rest > 0 && rest < 11);
      }),
    );
  });
});

describe("shareText", () => {
  it("shows a share, or only the bound a small count implies", () => {
    expect(shareText(120, 200)).toBe("60 %");
    expect(shareText(3, 250)).toBe("< 5 %");
    expect(shareText(247, 250)).toBe("> 95 %");
    expect(shareText(5, 10)).toBe("—");
  });

  it("states a bound that holds and is no tighter than the count's own `<11`", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 11, max: 500 }), (a, total) => {
        const events = Math.min(a, total);
        const text = shareText(events, total);
        const bound = /^([<>]) (\d+) %$/.exec(text);
        if (!bound) return true;
        const pct = (100 * events) / total;
        const limit = Number(bound[2]);
        // The bound holds, and it admits every count the `<11` rule hides (1–10 events, or non-events).
        return bound[1] === "<" ? pct < limit && (100 * 10) / total < limit : pct > limit && 100 - (100 * 10) / total > limit;
      }),
    );
  });
});
