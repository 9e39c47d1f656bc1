// Literature benchmarks: each carries a band around its point, a metric, a comparison and a
// dated citation; the verdict logic is checked on hand-made intervals; the most comparable
// benchmark comes first for a level of care.
import { describe, expect, it } from "vitest";
import { BENCHMARKS, benchmarksFor, compareToBenchmark } from "../../domain/benchmarks.ts";
import { INSTRUMENTS } from "../../domain/instruments.ts";

describe("benchmarks", () => {
  it("each carries a band around its point, a known metric and a dated source", () => {
    for (const b of BENCHMARKS) {
      expect(b.lower).toBeLessThanOrEqual(b.point);
      expect(b.upper).toBeGreaterThanOrEqual(b.point);
      if (b.interval === "point_only") expect([b.lower, b.upper]).toEqual([b.point, b.point]);
      else expect(b.upper).toBeGreaterThan(b.lower);
      expect(["d_pre", "d_z"]).toContain(b.metric);
      expect(b.instruments.length).toBeGreaterThan(0);
      for (const code of b.instruments) expect(INSTRUMENTS[code]).toBeDefined();
      expect(b.source).toMatch(/(19|20)\d{2}/);
      expect(b.population.length).toBeGreaterThan(5);
    }
  });

  it("holds the published values (Gaskell 2023; Zalta 2018; Held 2020)", () => {
    const find = (source: string, construct: string, comparison: string) =>
      BENCHMARKS.find((b) => b.source.includes(source) && b.construct === construct && b.comparison === comparison)!;
    expect(find("Gaskell", "depression", "intake_discharge")).toMatchObject({ point: 0.96, lower: 0.88, upper: 1.04, metric: "d_pre" });
    expect(find("Gaskell", "anxiety", "intake_discharge").point).toBe(0.8);
    expect(find("Gaskell", "other", "intake_discharge").point).toBe(1.01);
    expect(find("Zalta", "ptsd", "intake_discharge").point).toBe(1.12);
    expect(find("Zalta", "depression", "intake_discharge").point).toBe(1.04);
    expect(find("Held", "ptsd", "intake_followup_12m").point).toBe(1.28);
    expect(find("Held", "depression", "intake_followup_12m").point).toBe(1.18);
  });
});

describe("compareToBenchmark", () => {
  const band = { lower: 0.88, upper: 1.04 };
  it("is within when the CI overlaps the band, even at one edge", () => {
    expect(compareToBenchmark(1.0, [0.9, 1.2], band)).toBe("within");
    expect(compareToBenchmark(0.8, [0.6, 0.88], band)).toBe("within");
    expect(compareToBenchmark(1.2, [1.04, 1.36], band)).toBe("within");
    expect(compareToBenchmark(0.96, [0.2, 1.8], band)).toBe("within");
  });
  it("is above or below only when the whole CI is", () => {
    expect(compareToBenchmark(1.2, [1.05, 1.35], band)).toBe("above");
    expect(compareToBenchmark(0.65, [0.5, 0.8], band)).toBe("below");
  });
  it("uses the point alone without a CI, and a point-only benchmark as a zero-width band", () => {
    expect(compareToBenchmark(1.1, null, band)).toBe("above");
    expect(compareToBenchmark(0.9, null, band)).toBe("within");
    expect(compareToBenchmark(0.5, null, band)).toBe("below");
    const point = { lower: 1.12, upper: 1.12 };
    expect(compareToBenchmark(1.0, [0.8, 1.2], point)).toBe("within");
    expect(compareToBenchmark(0.7, [0.5, 0.9], point)).toBe("below");
  });
});

describe("benchmarksFor", () => {
  const sources = (...args: Parameters<typeof benchmarksFor>) => benchmarksFor(...args).map((b) => b.source.split(" ")[0] + ":" + b.construct);
  it("puts the setting-specific benchmark first for its level of care", () => {
    expect(sources("PCL5", "intake_discharge", "IOP")).toEqual(["Zalta:ptsd", "Gaskell:other"]);
    expect(sources("PHQ9", "intake_discharge", "PHP")).toEqual(["Zalta:depression", "Gaskell:depression"]);
  });
  it("leaves out other settings for another level, and puts general ones first without a level", () => {
    expect(sources("PCL5", "intake_discharge", "OP")).toEqual(["Gaskell:other"]);
    expect(sources("PHQ9", "intake_discharge")).toEqual(["Gaskell:depression", "Zalta:depression"]);
  });
  it("matches the comparison", () => {
    expect(sources("GAD7", "intake_followup_6m")).toEqual([]);
    expect(sources("PCL5", "intake_followup_12m", "IOP")).toEqual(["Held:ptsd"]);
    expect(sources("DAYS_USE", "intake_discharge")).toEqual([]);
  });
});
