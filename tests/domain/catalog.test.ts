// The instrument catalog against its published values: ranges, bands that tile the total
// range, cutoffs inside it, reliable-change thresholds the sources state, LOINC codes.
import { describe, expect, it } from "vitest";
import { BENCHMARKS, compareToBenchmark } from "../../domain/benchmarks.ts";
import { INSTRUMENTS, INSTRUMENT_CODES } from "../../domain/instruments.ts";
import { standardErrorOfDifference } from "../../stats/clinical-change.ts";

describe("instrument catalog", () => {
  it.each(INSTRUMENT_CODES)("%s: bands tile the total range and the cutoff lies inside it", (code) => {
    const i = INSTRUMENTS[code];
    expect(i.bands[0].min).toBe(i.total.min);
    expect(i.bands.at(-1)!.max).toBe(i.total.max);
    i.bands.slice(1).forEach((b, k) => expect(b.min).toBe(i.bands[k].max + 1));
    if (i.cutoff) {
      expect(i.cutoff.value).toBeGreaterThan(i.total.min);
      expect(i.cutoff.value).toBeLessThanOrEqual(i.total.max);
    }
    if (i.items) expect(i.items.count * i.items.max).toBe(i.total.max);
    if (i.items) expect(i.items.count * i.items.min).toBe(i.total.min);
    if (i.loinc) expect(i.loinc).toMatch(/^\d{4,6}-\d$/);
    expect(i.source.length).toBeGreaterThan(10);
  });

  it("holds the published ranges and cutoffs", () => {
    const summary = Object.fromEntries(INSTRUMENT_CODES.map((c) => [c, [INSTRUMENTS[c].total.max, INSTRUMENTS[c].cutoff?.value ?? null]]));
    expect(summary).toEqual({ PHQ9: [27, 10], GAD7: [21, 10], PCL5: [80, 33], ISI: [28, 10], PSQI: [21, 6], SWLS: [35, 20], BAM: [12, null], AUDITC: [12, 4], DAST10: [10, 3], DAYS_USE: [30, null] });
    expect(INSTRUMENTS.SWLS.better).toBe("higher");
    expect(INSTRUMENTS.PHQ9.loinc).toBe("44261-6");
    expect(INSTRUMENTS.GAD7.loinc).toBe("70274-6");
  });

  it("reproduces the reliable-change thresholds it cites (PHQ-9 6, GAD-7 4, PCL-5 10 points)", () => {
    const threshold = (code: "PHQ9" | "GAD7" | "PCL5") => {
      const rc = INSTRUMENTS[code].reliableChange!;
      return 1.96 * standardErrorOfDifference(rc.sdRef, rc.reliability);
    };
    expect(threshold("PHQ9")).toBeCloseTo(6, 1);
    expect(threshold("GAD7")).toBeCloseTo(4, 1);
    expect(threshold("PCL5")).toBeCloseTo(10, 1);
  });

  it("defines response and remission for PHQ-9 and GAD-7 only", () => {
    expect(INSTRUMENT_CODES.filter((c) => INSTRUMENTS[c].remissionBelow !== null)).toEqual(["PHQ9", "GAD7"]);
  });
});

describe("benchmarks", () => {
  it("carry a band around their point and a source", () => {
    for (const b of BENCHMARKS) {
      expect(b.lower).toBeLessThanOrEqual(b.point);
      expect(b.upper).toBeGreaterThanOrEqual(b.point);
      expect(b.source).toMatch(/\d{4}/);
    }
  });
  it("classify a CI as within, above or below", () => {
    const band = { lower: 0.88, upper: 1.04 };
    expect(compareToBenchmark([0.9, 1.2], band)).toBe("within");
    expect(compareToBenchmark([1.1, 1.3], band)).toBe("above");
    expect(compareToBenchmark([0.5, 0.8], band)).toBe("below");
  });
});
