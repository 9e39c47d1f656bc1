// `analyze measures` (DESIGN.md "Standard measures") on hand-made patients ingested from
// canonical CSVs, on every engine: each window's first and last day inside and the days just
// outside, the index period's edges, a window closing on the data cut, windows still open at
// the cut (pending, never "not in remission"), no follow-up, an index ≤ 9, response at exactly
// 50 %, the last score in the window deciding, calendar-month arithmetic (Feb 29, a year
// crossing a leap day), and PHQ-9 utilization per four-month period across a patient's episodes.
// Data cut 2026-06-30 (A09's last PHQ-9). Windows worked by hand:
//   index 2025-01-15 + 12 months = 2026-01-15 → [2025-11-16, 2026-03-16]
//   index 2025-02-01 + 12 months = 2026-02-01 → [2025-12-03, 2026-04-02]
//   index 2024-11-01 + 12 months = 2025-11-01 → [2025-09-02, 2025-12-31]
//   index 2025-06-01 + 12 months = 2026-06-01 → [2026-04-02, 2026-07-31]  (open at the cut)
//   index 2025-06-10 +  6 months = 2025-12-10 → [2025-10-11, 2026-02-08]
//   index 2025-11-01 +  6 months = 2026-05-01 → [2026-03-02, 2026-06-30]  (closes on the cut)
//   index 2024-02-29 + 12 months = 2025-02-28 → [2024-12-30, 2025-04-29]  (clamped, not 03-01)
//   index 2024-01-10 + 12 months = 2025-01-10 → [2024-11-11, 2025-03-11]  (365 days would end 03-10)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMeasures } from "../../cli/commands/analyze-measures.ts";
import type { CliContext } from "../../cli/context.ts";
import { type Engine, openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { indexEventPeriod, type OutcomeMeasure, STANDARD_MEASURES } from "../../domain/standard-measures.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { standardMeasurePatients, standardMeasures } from "../../queries/analyses/standard-measures.ts";
import { wilsonInterval } from "../../stats/rank-and-proportion.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const CUT = "2026-06-30";

// [episode_id, patient_id, admitted_on, discharged_on]
const EPISODES: [string, string, string, string][] = [
  ["EA01", "A01", "2025-01-10", "2025-02-28"],
  ["EA02", "A02", "2025-01-10", "2025-02-28"],
  ["EA03", "A03", "2025-01-10", "2025-02-28"],
  ["EA04", "A04", "2025-01-10", "2025-02-28"],
  ["EA05", "A05", "2025-01-10", "2025-02-28"],
  ["EA06", "A06", "2025-01-10", "2025-02-28"],
  ["EA07", "A07", "2025-01-25", "2025-03-15"],
  ["EA08", "A08", "2024-10-25", "2024-12-15"],
  ["EA09", "A09", "2025-10-20", "2025-12-15"],
  ["EA10", "A10", "2025-05-20", "2025-07-15"],
  ["EB01", "B01", "2025-06-01", "2025-07-31"],
  ["EB02", "B02", "2025-06-01", "2025-07-31"],
  ["EB03", "B03", "2025-06-01", "2025-07-31"],
  ["EB04", "B04", "2025-06-01", "2025-07-31"],
  ["EB05", "B05", "2025-06-01", "2025-07-31"],
  ["EB07", "B07", "2025-12-28", "2026-02-28"],
  ["EL1", "L1", "2024-02-20", "2024-03-31"],
  ["EL2", "L2", "2024-02-20", "2024-03-31"],
  ["EL3", "L3", "2024-01-05", "2024-02-28"],
  ["EU1", "U1", "2026-01-10", "2026-03-31"],
  ["EU2", "U2", "2026-03-01", "2026-04-30"],
  ["EU3", "U3", "2025-12-20", ""], // still open at the cut
  ["EU4a", "U4", "2026-01-05", "2026-01-20"],
  ["EU4b", "U4", "2026-04-01", "2026-04-15"],
  ["EU5", "U5", "2025-11-01", "2025-12-31"],
];

// [episode_id, assessed_on, PHQ-9 total]
const PHQ9: [string, string, number][] = [
  // Twelve months (year 2026: index events 2024-11-01 … 2025-10-31).
  ["EA01", "2025-01-15", 15], ["EA01", "2025-11-16", 3], // first day inside → remission
  ["EA02", "2025-01-15", 15], ["EA02", "2026-03-16", 4], // last day inside → remission
  ["EA03", "2025-01-15", 15], ["EA03", "2025-11-15", 2], // a day early → no follow-up
  ["EA04", "2025-01-15", 15], ["EA04", "2026-03-17", 2], // a day late → no follow-up
  ["EA05", "2025-01-15", 18], // no follow-up at all
  ["EA06", "2025-01-15", 9], ["EA06", "2026-01-15", 2], // index ≤ 9: not in the denominator
  ["EA07", "2025-02-01", 20], ["EA07", "2026-01-10", 3], ["EA07", "2026-02-20", 8], // the last one decides
  ["EA08", "2024-10-31", 20], ["EA08", "2024-11-01", 12], ["EA08", "2025-12-31", 1], // period's first day; window's last day
  ["EA09", "2025-11-01", 14], ["EA09", "2026-06-30", 3], // 12 m: period ended; 6 m: window closes on the cut
  ["EA10", "2025-06-01", 12], ["EA10", "2026-05-01", 2], // 12 m: open at the cut (pending)
  // Six months (year 2026: index events 2025-05-01 … 2026-04-30).
  ["EB01", "2025-06-10", 20], ["EB01", "2025-10-11", 4], // first day inside: remission and response
  ["EB02", "2025-06-10", 20], ["EB02", "2026-02-08", 10], // last day inside: exactly 50 % → response only
  ["EB03", "2025-06-10", 20], ["EB03", "2025-10-10", 2], // a day early
  ["EB04", "2025-06-10", 20], ["EB04", "2026-02-09", 2], // a day late
  ["EB05", "2025-06-10", 15], ["EB05", "2025-12-10", 8], // 8 > 7.5: no response
  ["EB07", "2026-01-05", 12], // window open at the cut
  // Calendar months (year 2025).
  ["EL1", "2024-02-29", 16], ["EL1", "2025-04-29", 2],
  ["EL2", "2024-02-29", 16], ["EL2", "2025-04-30", 2],
  ["EL3", "2024-01-10", 15], ["EL3", "2025-03-11", 2],
  // Utilization, January–April 2026.
  ["EU1", "2026-02-01", 6],
  ["EU2", "2026-05-02", 4], // in care Mar–Apr, assessed only in May
  ["EU3", "2025-12-20", 8],
  ["EU4b", "2026-04-30", 5], // the period's last day, after its second episode ended
  ["EU5", "2026-01-03", 3], // assessed, but not in care in the period
];

const scratch = mkdtempSync(path.join(tmpdir(), "continuum-measures-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const write = (name: string, lines: string[]) => {
  const file = path.join(scratch, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
};
const episodesCsv = write("episodes.csv", [
  "episode_id,patient_id,site_id,level_of_care,track,modality,admitted_on,discharged_on,discharge_reason",
  ...EPISODES.map(([e, p, a, d]) => `${e},${p},S01,IOP,MH,in_person,${a},${d},${d ? "completed" : ""}`),
]);
const assessmentsCsv = write("assessments.csv", ["episode_id,instrument,assessed_on,timepoint,total_score", ...PHQ9.map(([e, on, s]) => `${e},PHQ9,${on},,${s}`)]);

async function load(engine: Engine) {
  for (const file of [episodesCsv, assessmentsCsv]) {
    const outcome = await ingestFile(engine, file);
    expect(outcome.quarantined, file).toBe(0);
  }
}

type Row = [closed: boolean, met: boolean, last_on: string | null];
/** Per measure, per patient: [window closed by the cut, in the numerator, last PHQ-9 in the window]. */
const EXPECTED_PATIENTS: Record<string, Record<string, Row>> = {
  nqf0710: {
    A01: [true, true, "2025-11-16"],
    A02: [true, true, "2026-03-16"],
    A03: [true, false, null],
    A04: [true, false, null],
    A05: [true, false, null],
    A07: [true, false, "2026-02-20"],
    A08: [true, true, "2025-12-31"],
    A10: [false, true, "2026-05-01"], // pending: a remission score so far, but the window is open
    B01: [false, false, null],
    B02: [false, false, null],
    B03: [false, false, null],
    B04: [false, false, null],
    B05: [false, false, null],
  },
  nqf0711: {
    A09: [true, true, "2026-06-30"],
    A10: [true, false, null],
    B01: [true, true, "2025-10-11"],
    B02: [true, false, "2026-02-08"],
    B03: [true, false, null],
    B04: [true, false, null],
    B05: [true, false, "2025-12-10"],
    B07: [false, false, null],
  },
  nqf1884: {
    A09: [true, true, "2026-06-30"],
    A10: [true, false, null],
    B01: [true, true, "2025-10-11"],
    B02: [true, true, "2026-02-08"],
    B03: [true, false, null],
    B04: [true, false, null],
    B05: [true, false, "2025-12-10"],
    B07: [false, false, null],
  },
  "nqf0712-jan-apr": {
    B07: [true, true, "2026-01-05"],
    U1: [true, true, "2026-02-01"],
    U2: [true, false, null],
    U3: [true, false, null],
    U4: [true, true, "2026-04-30"],
  },
  "nqf0712-may-aug": {
    U3: [false, false, null],
  },
};

/** [numerator, denominator, pending, no_followup] per measure for 2026. */
const EXPECTED_COUNTS: Record<string, [number, number, number, number]> = {
  nqf0710: [3, 7, 6, 3],
  nqf0711: [2, 7, 1, 3],
  nqf1884: [3, 7, 1, 3],
  "nqf0712-jan-apr": [3, 5, 0, 2],
  "nqf0712-may-aug": [0, 0, 1, 0],
  "nqf0712-sep-dec": [0, 0, 0, 0],
};

describe("the measure definitions", () => {
  it("put each measurement year's windows inside the year (CMS159's Denominator Identification Period)", () => {
    const [twelve, six] = ["nqf0710", "nqf0711"].map((id) => STANDARD_MEASURES.find((m) => m.id === id) as OutcomeMeasure);
    expect(indexEventPeriod(twelve, 2026)).toEqual({ start: "2024-11-01", end: "2025-11-01" });
    expect(indexEventPeriod(six, 2026)).toEqual({ start: "2025-05-01", end: "2026-05-01" });
    expect(indexEventPeriod(twelve, 2025)).toEqual({ start: "2023-11-01", end: "2024-11-01" });
  });

  it("cite every measure with an address and a window", () => {
    for (const m of STANDARD_MEASURES) {
      expect(m.citation, m.id).toMatch(/https?:\/\//);
      expect(m.window.length, m.id).toBeGreaterThan(10);
    }
  });
});

for (const kind of ENGINES_WITH_CITUS) {
  describe(`standard measures on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await load(engine);
    }, 60_000);
    afterAll(() => engine?.close());

    it("takes the data cut from the last assessment", async () => {
      expect(await dataCut(engine.db)).toBe(CUT);
    });

    it("classifies every patient at each window's edges", async () => {
      const rows = await standardMeasurePatients(engine.db, { year: 2026, dataCut: CUT });
      const got: Record<string, Record<string, Row>> = {};
      for (const r of rows) (got[r.measure_id] ??= {})[r.patient_key] = [r.closed, r.met, r.last_on];
      expect(got).toEqual(EXPECTED_PATIENTS);
      const a08 = rows.find((r) => r.measure_id === "nqf0710" && r.patient_key === "A08")!;
      expect([a08.index_on, a08.index_score, a08.window_start, a08.window_end]).toEqual(["2024-11-01", 12, "2025-09-02", "2025-12-31"]);
      const a09 = rows.find((r) => r.measure_id === "nqf0711" && r.patient_key === "A09")!;
      expect([a09.window_start, a09.window_end]).toEqual(["2026-03-02", "2026-06-30"]);
      const b01 = rows.find((r) => r.measure_id === "nqf1884" && r.patient_key === "B01")!;
      expect([b01.index_on, b01.index_score, b01.window_start, b01.window_end]).toEqual(["2025-06-10", 20, "2025-10-11", "2026-02-08"]);
    });

    it("adds calendar months as CQL does: Feb 29 + 12 months is Feb 28, not Mar 1; a year is not 365 days", async () => {
      const rows = (await standardMeasurePatients(engine.db, { year: 2025, dataCut: CUT })).filter((r) => r.measure_id === "nqf0710" && r.patient_key.startsWith("L"));
      expect(rows.map((r) => [r.patient_key, r.window_start, r.window_end, r.met])).toEqual([
        ["L1", "2024-12-30", "2025-04-29", true],
        ["L2", "2024-12-30", "2025-04-29", false],
        ["L3", "2024-11-11", "2025-03-11", true],
      ]);
    });

    it("counts each measure in the database, with Wilson CIs in percent and the caveats", async () => {
      const doc = await standardMeasures(engine.db, { year: 2026, dataCut: CUT });
      expect([doc.year, doc.data_cut]).toEqual([2026, CUT]);
      expect(doc.source).toMatch(/^program data.*not a certified eCQM submission/);
      expect(doc.caveats.join(" ")).toMatch(/diagnosis/);
      expect(doc.caveats.join(" ")).toMatch(/bipolar/);
      expect(doc.caveats.join(" ")).toMatch(/hospice/);
      expect(doc.caveats.join(" ")).toMatch(/nursing-home/);
      const got = Object.fromEntries(doc.measures.map((m) => [m.id, [m.numerator, m.denominator, m.pending, m.no_followup]]));
      expect(got).toEqual(EXPECTED_COUNTS);
      for (const m of doc.measures) {
        if (m.denominator === 0) expect([m.pct, m.ci]).toEqual([null, null]);
        else {
          expect(m.pct).toBeCloseTo((100 * m.numerator) / m.denominator, 12);
          const ci = wilsonInterval(m.numerator, m.denominator)!;
          expect(m.ci![0]).toBeCloseTo(100 * ci[0], 12);
          expect(m.ci![1]).toBeCloseTo(100 * ci[1], 12);
        }
      }
      const remission = doc.measures.find((m) => m.id === "nqf0710")!;
      expect(remission).toMatchObject({ specification: "CMS159v14 / NQF 0710", window: "12 months ± 60 days of the index PHQ-9", period: { from: "2024-11-01", to: "2025-10-31" } });
      expect(remission.citation).toContain("https://ecqi.healthit.gov/ecqm/ec/2026/cms0159v14");
      expect(doc.measures.find((m) => m.id === "nqf0712-may-aug")!.period).toEqual({ from: "2026-05-01", to: "2026-08-31" });
    });

    it("moves the index events with the year", async () => {
      const doc = await standardMeasures(engine.db, { year: 2025, dataCut: CUT });
      // Year 2025, twelve months: index events 2023-11-01 … 2024-10-31 → L1, L2, L3 (A08's 2024-10-31 PHQ-9 of 20 too).
      const twelve = doc.measures.find((m) => m.id === "nqf0710")!;
      expect([twelve.numerator, twelve.denominator, twelve.pending]).toEqual([2, 4, 0]);
    });
  });
}

describe("runMeasures (CLI)", () => {
  const home = mkdtempSync(path.join(tmpdir(), "continuum-measures-cli-"));
  let stdout = "";
  const ctx: CliContext = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: () => true },
    env: { CONTINUUM_HOME: home },
    interactive: false,
  };
  beforeAll(async () => {
    const engine = await openEngine({ dataDir: path.join(home, "db") });
    await migrateToLatest(engine.db);
    await load(engine);
    await engine.close();
  }, 60_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("prints one JSON document for the data cut's year by default", async () => {
    stdout = "";
    expect(await runMeasures({ json: true }, ctx)).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(["year", "data_cut", "source", "caveats", "measures"]);
    expect([doc.year, doc.data_cut]).toEqual([2026, CUT]);
    expect(doc.measures.map((m: { id: string; numerator: number; denominator: number }) => [m.id, m.numerator, m.denominator])).toEqual(
      Object.entries(EXPECTED_COUNTS).map(([id, [n, d]]) => [id, n, d]),
    );
  });

  it("prints a table with --year", async () => {
    stdout = "";
    expect(await runMeasures({ year: "2025" }, ctx)).toBe(0);
    expect(stdout).toMatch(/measurement year 2025; data cut 2026-06-30/);
    expect(stdout).toMatch(/Depression Remission at Twelve Months\s+CMS159v14 \/ NQF 0710\s+2023-11-01 – 2024-10-31\s+2\s+4\s+50\.0/);
    expect(stdout).toMatch(/not a certified eCQM submission/);
  });

  it("refuses a bad --year as a usage error (exit 2)", async () => {
    for (const year of ["26", "2026Q1", "next"]) await expect(runMeasures({ year }, ctx)).rejects.toMatchObject({ exitCode: 2, reason: "usage" });
  });
});
