// Scoring answers into totals by the catalog's rule, with hand-computed examples (sums,
// PHQ-9 proration and its rounding, the reversed DAST-10 item 3), the error precedence, band
// edges and the clinical side of each cutoff.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INSTRUMENTS, INSTRUMENT_CODES } from "../../domain/instruments.ts";
import { bamUseItemFromDays, isClinical, scoreItems, severityBand } from "../../domain/scoring.ts";

describe("scoreItems", () => {
  it("sums complete answers", () => {
    expect(scoreItems("PHQ9", [1, 2, 3, 0, 1, 2, 3, 0, 1])).toEqual({ total: 13, prorated: false });
    expect(scoreItems("GAD7", [3, 3, 3, 3, 3, 3, 3])).toEqual({ total: 21, prorated: false });
    expect(scoreItems("SWLS", [1, 2, 3, 4, 5])).toEqual({ total: 15, prorated: false });
    expect(scoreItems("PSQI", [0, 1, 2, 3, 0, 1, 2])).toEqual({ total: 9, prorated: false });
    expect(scoreItems("PCL5", Array(20).fill(4))).toEqual({ total: 80, prorated: false });
  });

  it("prorates a PHQ-9 with one or two unanswered items: sum · 9 / answered, rounded", () => {
    // 24 · 9 / 8 = 27
    expect(scoreItems("PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, null])).toEqual({ total: 27, prorated: true });
    // 7 · 9 / 7 = 9
    expect(scoreItems("PHQ9", [1, 1, 1, 1, 1, 1, 1, null, null])).toEqual({ total: 9, prorated: true });
    // 5 · 9 / 8 = 5.625 → 6;  1 · 9 / 8 = 1.125 → 1;  2 · 9 / 7 = 2.571 → 3
    expect(scoreItems("PHQ9", [2, 1, 1, 1, 0, 0, null, 0, 0])).toEqual({ total: 6, prorated: true });
    expect(scoreItems("PHQ9", [null, 1, 0, 0, 0, 0, 0, 0, 0])).toEqual({ total: 1, prorated: true });
    expect(scoreItems("PHQ9", [1, null, 1, 0, 0, 0, 0, 0, null])).toEqual({ total: 3, prorated: true });
    // A tie: 4 · 9 / 8 = 4.5 → 5 (half up, as PostgreSQL's round(numeric))
    expect(scoreItems("PHQ9", [1, 1, 1, 1, 0, 0, 0, 0, null])).toEqual({ total: 5, prorated: true });
  });

  it("gives no total with too many unanswered items, or any unanswered item where no proration is allowed", () => {
    expect(scoreItems("PHQ9", [1, 1, 1, 1, 1, 1, null, null, null])).toEqual({ error: "missing_items" });
    expect(scoreItems("PHQ9", Array(9).fill(null))).toEqual({ error: "missing_items" });
    expect(scoreItems("GAD7", [1, 1, 1, 1, 1, 1, null])).toEqual({ error: "missing_items" });
    expect(scoreItems("PCL5", [...Array(19).fill(2), null])).toEqual({ error: "missing_items" });
    expect(scoreItems("DAST10", [0, 0, 0, 0, 0, 0, 0, 0, 0, null])).toEqual({ error: "missing_items" });
  });

  it("scores DAST-10 answers with item 3 reversed: a 'no' to item 3 is the point", () => {
    // All "no": only item 3 scores → 1.
    expect(scoreItems("DAST10", Array(10).fill(0))).toEqual({ total: 1, prorated: false });
    // All "yes": every item but 3 → 9.
    expect(scoreItems("DAST10", Array(10).fill(1))).toEqual({ total: 9, prorated: false });
    // Yes to 1, 2, 4; no to the rest (item 3 "no" scores) → 3 + 1 = 4.
    expect(scoreItems("DAST10", [1, 1, 0, 1, 0, 0, 0, 0, 0, 0])).toEqual({ total: 4, prorated: false });
    // Yes to 3 only → 0.
    expect(scoreItems("DAST10", [0, 0, 1, 0, 0, 0, 0, 0, 0, 0])).toEqual({ total: 0, prorated: false });
  });

  it("refuses answers outside the item range or not whole, before looking at missing ones", () => {
    expect(scoreItems("PHQ9", [4, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({ error: "item_out_of_range" });
    expect(scoreItems("PHQ9", [-1, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({ error: "item_out_of_range" });
    expect(scoreItems("PHQ9", [1.5, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({ error: "item_out_of_range" });
    expect(scoreItems("SWLS", [0, 4, 4, 4, 4])).toEqual({ error: "item_out_of_range" });
    expect(scoreItems("DAST10", [2, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({ error: "item_out_of_range" });
    expect(scoreItems("GAD7", [9, null, null, null, null, null, null])).toEqual({ error: "item_out_of_range" });
  });

  it("refuses the wrong number of items, and any items for a total-only instrument", () => {
    expect(scoreItems("PHQ9", [1, 1, 1, 1, 1, 1, 1, 1])).toEqual({ error: "wrong_item_count" });
    expect(scoreItems("GAD7", [1, 1, 1, 1, 1, 1, 1, 1])).toEqual({ error: "wrong_item_count" });
    expect(scoreItems("DAYS_USE", [3])).toEqual({ error: "wrong_item_count" });
    expect(scoreItems("DAYS_USE", [])).toEqual({ error: "wrong_item_count" });
  });

  it("always lands inside the total range, and equals the plain sum when nothing is missing or reversed", () => {
    const itemInstruments = INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].items);
    const answers = fc.constantFrom(...itemInstruments).chain((code) => {
      const spec = INSTRUMENTS[code].items!;
      const maxMissing = INSTRUMENTS[code].proration?.maxMissing ?? 0;
      return fc.tuple(
        fc.constant(code),
        fc.array(fc.integer({ min: spec.min, max: spec.max }), { minLength: spec.count, maxLength: spec.count }),
        fc.uniqueArray(fc.integer({ min: 0, max: spec.count - 1 }), { maxLength: maxMissing }),
      );
    });
    fc.assert(
      fc.property(answers, ([code, values, blanks]) => {
        const items = values.map((v, i) => (blanks.includes(i) ? null : v));
        const result = scoreItems(code, items);
        if (!("total" in result)) return false;
        const { total } = INSTRUMENTS[code];
        if (result.total < total.min || result.total > total.max || severityBand(code, result.total) === null) return false;
        if (blanks.length === 0 && INSTRUMENTS[code].scoring!.reversedItems.length === 0) return result.total === values.reduce((a, b) => a + b, 0);
        return result.prorated === blanks.length > 0;
      }),
      { numRuns: 500, seed: 20261124 },
    );
  });
});

describe("severityBand", () => {
  const label = (code: Parameters<typeof severityBand>[0], total: number) => severityBand(code, total)?.label ?? null;
  it("puts PHQ-9 band edges where Kroenke 2001 does", () => {
    expect([0, 4, 5, 9, 10, 14, 15, 19, 20, 27].map((t) => label("PHQ9", t))).toEqual([
      "minimal",
      "minimal",
      "mild",
      "mild",
      "moderate",
      "moderate",
      "moderately severe",
      "moderately severe",
      "severe",
      "severe",
    ]);
  });
  it("handles the SWLS one-point neutral band and fractional totals", () => {
    expect([19, 20, 20.5, 21].map((t) => label("SWLS", t))).toEqual(["slightly dissatisfied", "neutral", "neutral", "slightly satisfied"]);
    expect(label("PHQ9", 9.5)).toBe("mild");
    expect(label("GAD7", 14.9)).toBe("moderate");
  });
  it("gives no band outside the total range", () => {
    expect(label("PHQ9", 28)).toBeNull();
    expect(label("PHQ9", -1)).toBeNull();
    expect(label("SWLS", 4)).toBeNull();
    expect(label("PHQ9", Number.NaN)).toBeNull();
  });
  it("covers the ISI, DAST-10 and PCL-5 edges", () => {
    expect([7, 8, 14, 15, 21, 22].map((t) => label("ISI", t))).toEqual([
      "no clinically significant insomnia",
      "subthreshold",
      "subthreshold",
      "moderate",
      "moderate",
      "severe",
    ]);
    expect([0, 1, 2, 3, 5, 6, 8, 9, 10].map((t) => label("DAST10", t))).toEqual(["none", "low", "low", "moderate", "moderate", "substantial", "substantial", "severe", "severe"]);
    expect([32, 33].map((t) => label("PCL5", t))).toEqual(["below provisional PTSD", "provisional PTSD"]);
  });
});

describe("isClinical", () => {
  it("uses each cutoff's side", () => {
    expect([isClinical("PHQ9", 9), isClinical("PHQ9", 10)]).toEqual([false, true]);
    expect([isClinical("PCL5", 32), isClinical("PCL5", 33)]).toEqual([false, true]);
    expect([isClinical("PSQI", 5), isClinical("PSQI", 6)]).toEqual([false, true]);
    expect([isClinical("AUDITC", 3), isClinical("AUDITC", 4)]).toEqual([false, true]);
    expect([isClinical("BAM", 0), isClinical("BAM", 1)]).toEqual([false, true]);
    // SWLS: below the neutral point is the clinical side.
    expect([isClinical("SWLS", 19), isClinical("SWLS", 20), isClinical("SWLS", 35)]).toEqual([true, false, false]);
  });
  it("is null without a cutoff or outside the range", () => {
    expect(isClinical("DAYS_USE", 12)).toBeNull();
    expect(isClinical("PHQ9", 30)).toBeNull();
  });
});

describe("bamUseItemFromDays", () => {
  it("codes days in the past 30 as 0, 1–3, 4–8, 9–15, 16–30", () => {
    expect([0, 1, 3, 4, 8, 9, 15, 16, 30].map(bamUseItemFromDays)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect([-1, 31, 2.5].map(bamUseItemFromDays)).toEqual([null, null, null]);
  });
});
