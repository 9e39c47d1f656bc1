// The instrument catalog against its published values: item counts and ranges, bands that tile
// the total range with the published edges, cutoffs, reliable-change thresholds the sources
// state, response/remission rules, LOINC codes (format and check digit).
import { describe, expect, it } from "vitest";
import { INSTRUMENTS, INSTRUMENT_CODES, isInstrumentCode, type InstrumentCode } from "../../domain/instruments.ts";

/** LOINC's mod-10 check digit (the Luhn scheme): the last digit of a code checks the rest. */
function loincCheckDigitValid(code: string): boolean {
  const [body, check] = code.split("-");
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return (10 - (sum % 10)) % 10 === Number(check);
}

describe("instrument catalog: structure", () => {
  it.each(INSTRUMENT_CODES)("%s: bands tile the total range; cutoff, items and scoring agree with it", (code) => {
    const i = INSTRUMENTS[code];
    expect(i.code).toBe(code);
    expect(i.bands[0].min).toBe(i.total.min);
    expect(i.bands.at(-1)!.max).toBe(i.total.max);
    for (const b of i.bands) expect(b.max).toBeGreaterThanOrEqual(b.min);
    i.bands.slice(1).forEach((b, k) => expect(b.min).toBe(i.bands[k].max + 1));
    if (i.cutoff) {
      expect(i.cutoff.value).toBeGreaterThan(i.total.min);
      expect(i.cutoff.value).toBeLessThanOrEqual(i.total.max);
      // The cutoff falls on a band edge, so "clinical" never splits a band — except the ISI,
      // whose community cutoff 10 (Morin 2011) lies inside Bastien 2001's subthreshold band 8–14.
      if (code !== "ISI") expect(i.bands.map((b) => b.min)).toContain(i.cutoff.value);
    }
    expect(i.scoring === null).toBe(i.items === null);
    if (i.items && i.scoring) {
      expect(i.items.count * i.items.max).toBe(i.total.max);
      expect(i.items.count * i.items.min).toBe(i.total.min);
      for (const k of i.scoring.reversedItems) expect(k >= 1 && k <= i.items.count).toBe(true);
    }
    if (i.proration) expect(i.proration.maxMissing).toBeLessThan(i.items!.count);
    if (i.reliableChange) {
      expect(i.reliableChange.reliability).toBeGreaterThan(0);
      expect(i.reliableChange.reliability).toBeLessThan(1);
      expect(i.reliableChange.sdRef).toBeGreaterThan(0);
    }
    if (i.loinc) {
      expect(i.loinc).toMatch(/^\d{3,7}-\d$/);
      expect(loincCheckDigitValid(i.loinc)).toBe(true);
    }
    expect(i.source).toMatch(/\d{4}/);
  });

  it("the check-digit test itself rejects a wrong digit", () => {
    expect(loincCheckDigitValid("44261-6")).toBe(true);
    expect(loincCheckDigitValid("44261-7")).toBe(false);
  });

  it("recognizes only catalog codes", () => {
    expect(isInstrumentCode("PHQ9")).toBe(true);
    expect(isInstrumentCode("phq9")).toBe(false);
    expect(isInstrumentCode("BDI")).toBe(false);
  });
});

describe("instrument catalog: published values", () => {
  // [item count, item min, item max, total min, total max] from each instrument's source.
  const ranges: Record<InstrumentCode, [number, number, number, number, number] | [null, number, number]> = {
    PHQ9: [9, 0, 3, 0, 27], // Kroenke 2001
    GAD7: [7, 0, 3, 0, 21], // Spitzer 2006
    PCL5: [20, 0, 4, 0, 80], // Blevins 2015
    ISI: [7, 0, 4, 0, 28], // Bastien 2001
    PSQI: [7, 0, 3, 0, 21], // Buysse 1989: 7 components 0–3
    SWLS: [5, 1, 7, 5, 35], // Diener 1985
    BAM: [3, 0, 4, 0, 12], // Use = items 4–6, each 0–4
    AUDITC: [3, 0, 4, 0, 12], // Bush 1998
    DAST10: [10, 0, 1, 0, 10], // Skinner 1982
    DAYS_USE: [null, 0, 30],
  };
  it.each(INSTRUMENT_CODES)("%s has its published item and total ranges", (code) => {
    const i = INSTRUMENTS[code];
    const got = i.items ? [i.items.count, i.items.min, i.items.max, i.total.min, i.total.max] : [null, i.total.min, i.total.max];
    expect(got).toEqual(ranges[code]);
  });

  it("holds the published band edges", () => {
    const starts = (code: InstrumentCode) => INSTRUMENTS[code].bands.map((b) => b.min);
    expect(starts("PHQ9")).toEqual([0, 5, 10, 15, 20]); // Kroenke 2001
    expect(starts("GAD7")).toEqual([0, 5, 10, 15]); // Spitzer 2006
    expect(starts("ISI")).toEqual([0, 8, 15, 22]); // Bastien 2001
    expect(starts("SWLS")).toEqual([5, 10, 15, 20, 21, 26, 31]); // Pavot & Diener 2008
    expect(starts("DAST10")).toEqual([0, 1, 3, 6, 9]); // Skinner
    expect(starts("PSQI")).toEqual([0, 6]); // Buysse 1989: > 5 poor
  });

  it("holds the published cutoffs and their clinical side", () => {
    const cutoffs = Object.fromEntries(INSTRUMENT_CODES.map((c) => [c, INSTRUMENTS[c].cutoff && [INSTRUMENTS[c].cutoff!.value, INSTRUMENTS[c].cutoff!.clinicalAtOrAbove]]));
    expect(cutoffs).toEqual({
      PHQ9: [10, true],
      GAD7: [10, true],
      PCL5: [33, true],
      ISI: [10, true],
      PSQI: [6, true],
      SWLS: [20, false],
      BAM: [1, true],
      AUDITC: [4, true],
      DAST10: [3, true],
      DAYS_USE: null,
    });
  });

  it("is lower-is-better except the SWLS", () => {
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].better === "higher")).toEqual(["SWLS"]);
  });

  it("reverses DAST-10 item 3 only, and prorates the PHQ-9 only (at most 2 missing)", () => {
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].scoring?.reversedItems.length)).toEqual(["DAST10"]);
    expect(INSTRUMENTS.DAST10.scoring!.reversedItems).toEqual([3]);
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].proration)).toEqual(["PHQ9"]);
    expect(INSTRUMENTS.PHQ9.proration!.maxMissing).toBe(2);
  });

  it("reproduces the reliable-change thresholds it cites (PHQ-9 6, GAD-7 4, PCL-5 10 points)", () => {
    // Jacobson & Truax 1991: threshold = 1.96 · SD_ref · √2 · √(1 − r_xx).
    const threshold = (code: InstrumentCode) => {
      const rc = INSTRUMENTS[code].reliableChange!;
      return 1.96 * rc.sdRef * Math.SQRT2 * Math.sqrt(1 - rc.reliability);
    };
    expect(threshold("PHQ9")).toBeCloseTo(6, 1);
    expect(threshold("GAD7")).toBeCloseTo(4, 1);
    expect(threshold("PCL5")).toBeCloseTo(10, 1);
    expect(INSTRUMENTS.PHQ9.reliableChange!.reliability).toBe(0.89); // Kroenke 2001
    expect(INSTRUMENTS.GAD7.reliableChange!.reliability).toBe(0.92); // Spitzer 2006
    expect(INSTRUMENTS.PCL5.reliableChange!.reliability).toBe(0.94); // Blevins 2015
    expect(INSTRUMENTS.SWLS.reliableChange).toMatchObject({ reliability: 0.87, sdRef: 6.43 }); // Diener 1985
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].reliableChange === null)).toEqual(["ISI", "PSQI", "BAM", "AUDITC", "DAST10", "DAYS_USE"]);
  });

  it("defines response (≤ half of intake) and remission (< 5) for PHQ-9 and GAD-7 only", () => {
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].remissionBelow !== null)).toEqual(["PHQ9", "GAD7"]);
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].response !== null)).toEqual(["PHQ9", "GAD7"]);
    for (const c of ["PHQ9", "GAD7"] as const) {
      expect(INSTRUMENTS[c].remissionBelow).toBe(5);
      expect(INSTRUMENTS[c].response!.atMostShareOfIntake).toBe(0.5);
    }
  });

  it("carries the verified LOINC codes and none where none was found", () => {
    const loinc = Object.fromEntries(INSTRUMENT_CODES.map((c) => [c, INSTRUMENTS[c].loinc]));
    expect(loinc).toEqual({
      PHQ9: "44261-6",
      GAD7: "70274-6",
      PCL5: "101698-9",
      ISI: null,
      PSQI: null,
      SWLS: null,
      BAM: null,
      AUDITC: "75626-2",
      DAST10: "82667-7",
      DAYS_USE: null,
    });
  });
});
