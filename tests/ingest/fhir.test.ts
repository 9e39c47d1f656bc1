// FHIR R4 ingest on every engine (DESIGN.md "FHIR mapping"): each value shape, panels and
// questionnaire responses with items, the episode found by encounter or by date (a patient
// with two episodes), time-zone offsets kept as written, every skip and quarantine reason,
// the whole call as one transaction, and a rerun that changes nothing.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rebuildDerivedTables } from "../../db/derived-tables.ts";
import { ingestFhir } from "../../pipelines/fhir/ingest-fhir.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { assessmentRows, encounter, episodeOfCare, LOINC, observation, score, writeExport } from "./fhir-support.ts";
import { countRows } from "./support.ts";

const PHQ9_ITEMS = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];
const ANSWERS = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
const GAD7_ITEMS = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"];

/** Two patients: P1 with one episode, P2 with two (the second admitted the day after the first ends). */
const EPISODES = [
  episodeOfCare("E1", "P1", "2026-01-05", "2026-02-13"),
  episodeOfCare("E2a", "P2", "2026-01-05", "2026-02-01"),
  episodeOfCare("E2b", "P2", "2026-02-02", "2026-03-15", { type: [{ coding: [{ system: "http://snomed.info/sct", code: "000" }, { system: "https://www.nubc.org/CodeSystem/RevenueCodes", code: "0913" }] }] }),
  encounter("enc1", "E1", "2026-01-05"),
  encounter("enc2a", "E2a", "2026-01-05"),
];

for (const kind of ENGINES_WITH_CITUS) {
  describe(`FHIR ingest on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("reads totals as valueQuantity, valueInteger and US Core's valueString; 12.5 and text are bad numbers", async () => {
      const dir = writeExport([
        ...EPISODES,
        observation("o1", "44261-6", "P1", "2026-01-05T10:00:00-05:00", score(14), { encounter: { reference: "Encounter/enc1" } }),
        observation("o2", "70274-6", "P1", "2026-01-05", { valueInteger: 11 }, { encounter: { reference: "Encounter/enc1" } }),
        observation("o3", "44261-6", "P1", "2026-02-12", { valueString: "6" }, { encounter: { reference: "Encounter/enc1" } }),
        observation("o4", "70274-6", "P1", "2026-02-12", { valueString: "12.5" }, { encounter: { reference: "Encounter/enc1" } }),
        observation("o5", "101698-9", "P1", "2026-02-12", { valueString: "a lot" }, { encounter: { reference: "Encounter/enc1" } }),
      ]);
      const out = await ingestFhir(engine, [dir]);
      const obs = out.find((o) => o.resource_type === "Observation")!;
      expect(obs).toMatchObject({ kind: "fhir", status: "loaded", rows_read: 5, inserted: 3, quarantined: 2, reasons: { bad_number: 2 } });
      expect(await assessmentRows(engine)).toEqual([
        { episode_id: "E1", instrument: "GAD7", assessed_on: "2026-01-05", total_score: 11, items: null },
        { episode_id: "E1", instrument: "PHQ9", assessed_on: "2026-01-05", total_score: 14, items: null },
        { episode_id: "E1", instrument: "PHQ9", assessed_on: "2026-02-12", total_score: 6, items: null },
      ]);
      const { rows } = await sql<{ line: number; raw_row: string }>`select line, raw_row from quarantine order by line`.execute(engine.db);
      expect(rows.map((r) => r.line)).toEqual([4, 5]);
      expect(rows.map((r) => r.raw_row).join(" ")).not.toContain("a lot"); // free text is never staged
    });

    it("assembles a PHQ-9 panel from its members (LOINC answers, valueInteger, an ordinal extension) and checks items against the total", async () => {
      const member = (id: string, code: string, k: number) =>
        k % 3 === 0
          ? observation(id, code, "P1", "2026-01-06", { valueCodeableConcept: { coding: [{ system: LOINC, code: ANSWERS[k % 4] }] } })
          : k % 3 === 1
            ? observation(id, code, "P1", "2026-01-06", { valueInteger: k % 4 })
            : observation(id, code, "P1", "2026-01-06", { valueCodeableConcept: { coding: [{ system: "urn:site:answers", code: `a${k}`, extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: k % 4 }] }] } });
      const items = PHQ9_ITEMS.map((c, k) => member(`i${k}`, c, k));
      const expectedItems = PHQ9_ITEMS.map((_, k) => k % 4);
      const sum = expectedItems.reduce((a, b) => a + b, 0);
      const panel = (id: string, members: string[], date = "2026-01-06") =>
        observation(id, "44249-1", "P1", date, {}, { hasMember: members.map((m) => ({ reference: `Observation/${m}` })), encounter: { reference: "Encounter/enc1" } });
      const dir = writeExport([
        ...EPISODES,
        panel("panel1", [...items.map((i) => String(i.id)), "total1"]),
        ...items,
        observation("total1", "44261-6", "P1", "2026-01-06", { valueString: String(sum) }),
        // A second panel whose total disagrees with its items.
        panel("panel2", ["j0", "total2"], "2026-02-10"),
        observation("j0", PHQ9_ITEMS[0], "P1", "2026-02-10", { valueInteger: 3 }),
        observation("total2", "44261-6", "P1", "2026-02-10", score(20)),
        // An item outside any panel is not an assessment.
        observation("stray", PHQ9_ITEMS[1], "P1", "2026-02-11", { valueInteger: 1 }),
      ]);
      const [obs] = (await ingestFhir(engine, [dir])).filter((o) => o.resource_type === "Observation");
      expect(obs).toMatchObject({ rows_read: 15, inserted: 1, quarantined: 1, reasons: { items_incomplete: 1 }, used: 12, skipped: { other_code: 1 } });
      expect(obs.rows_read).toBe(obs.inserted + obs.quarantined + obs.used + (obs.skipped.other_code ?? 0));
      expect(await assessmentRows(engine)).toEqual([{ episode_id: "E1", instrument: "PHQ9", assessed_on: "2026-01-06", total_score: sum, items: `{${expectedItems.join(",")}}` }]);
    });

    it("reads QuestionnaireResponse items by LOINC linkId, scoring the total when none is given", async () => {
      const qr = (id: string, answers: number[], total?: number) => ({
        resourceType: "QuestionnaireResponse",
        id,
        questionnaire: "http://loinc.org/q/69737-5",
        status: "completed",
        subject: { reference: "Patient/P1" },
        encounter: { reference: "Encounter/enc1" },
        authored: id === "q1" ? "2026-01-05T08:00:00+12:00" : "2026-02-13T23:59:00-10:00",
        item: [
          { linkId: "group", item: GAD7_ITEMS.map((c, k) => ({ linkId: `/${c}`, answer: [{ valueCoding: { system: LOINC, code: ANSWERS[answers[k]] } }] })) },
          ...(total === undefined ? [] : [{ linkId: "/70274-6", answer: [{ valueDecimal: total }] }]),
        ],
      });
      const dir = writeExport([...EPISODES, qr("q1", [1, 1, 2, 0, 3, 1, 2], 10), qr("q2", [0, 0, 1, 0, 1, 0, 0])]);
      const [q] = (await ingestFhir(engine, [dir])).filter((o) => o.resource_type === "QuestionnaireResponse");
      expect(q).toMatchObject({ rows_read: 2, inserted: 2, quarantined: 0 });
      // Dates are the date part as written: 23:59 at −10:00 is the next day in UTC, not here.
      expect(await assessmentRows(engine)).toEqual([
        { episode_id: "E1", instrument: "GAD7", assessed_on: "2026-01-05", total_score: 10, items: "{1,1,2,0,3,1,2}" },
        { episode_id: "E1", instrument: "GAD7", assessed_on: "2026-02-13", total_score: 2, items: "{0,0,1,0,1,0,0}" },
      ]);
    });

    it("finds the episode by encounter, else by patient and date (the latest admitted of a patient's two), and skips dates outside every episode", async () => {
      const dir = writeExport([
        ...EPISODES,
        observation("a", "44261-6", "P2", "2026-01-10T23:30:00-11:00", score(18), { encounter: { reference: "Encounter/enc2a" } }),
        // No encounter: 2026-01-15 lies only in E2a's span (E2b's starts 14 days before its
        // admission, 2026-01-19); 2026-02-03 lies in both, and E2b is the latest admitted.
        observation("b", "44261-6", "P2", "2026-01-15", score(12)),
        observation("c", "44261-6", "P2", "2026-02-03", score(11)),
        // An encounter the export does not hold: matched by date.
        observation("d", "44261-6", "P2", "2026-03-14", score(7), { encounter: { reference: "Encounter/elsewhere" } }),
        // Six months after E2b's discharge (+182 d, inside +227 d), and long after it (outside).
        observation("e", "44261-6", "P2", "2026-09-13", score(8)),
        observation("f", "44261-6", "P2", "2027-06-01", score(8)),
        // Before either episode's span (admission − 14 days).
        observation("g", "44261-6", "P2", "2025-12-21", score(8)),
      ]);
      const [obs] = (await ingestFhir(engine, [dir])).filter((o) => o.resource_type === "Observation");
      expect(obs).toMatchObject({ inserted: 5, skipped: { outside_episodes: 2 } });
      expect((await assessmentRows(engine)).map((r) => `${r.episode_id} ${r.assessed_on}`)).toEqual(["E2a 2026-01-10", "E2a 2026-01-15", "E2b 2026-02-03", "E2b 2026-03-14", "E2b 2026-09-13"]);
    });

    it("maps levels, tracks, modality and discharge reason from codes and encounters", async () => {
      const dir = writeExport([
        ...EPISODES,
        encounter("enc2b-1", "E2b", "2026-02-02", { class: { code: "VR" } }),
        encounter("enc2b-2", "E2b", "2026-03-15", { class: { code: "AMB" }, hospitalization: { dischargeDisposition: { coding: [{ code: "aadvice" }] } } }),
        encounter("enc1-2", "E1", "2026-02-13", { hospitalization: { dischargeDisposition: { coding: [{ code: "home" }] } } }),
        episodeOfCare("E3", "P3", "2026-01-05", undefined, { type: [{ coding: [{ system: "urn:site", code: "X9" }] }] }),
        episodeOfCare("E4", "P4", "2026-01-05", undefined, { status: "planned" }),
      ]);
      const out = await ingestFhir(engine, [dir]);
      expect(out.find((o) => o.resource_type === "EpisodeOfCare")).toMatchObject({ rows_read: 5, inserted: 3, quarantined: 1, reasons: { unknown_level_of_care: 1 }, skipped: { status: 1 } });
      const episodes = await engine.db.selectFrom("episodes").select(["episode_id", "level_of_care", "track", "modality", "discharge_reason", "admitted_on"]).orderBy("episode_id").execute();
      expect(episodes).toEqual([
        { episode_id: "E1", level_of_care: "IOP", track: "MH", modality: "in_person", discharge_reason: "completed", admitted_on: "2026-01-05" },
        { episode_id: "E2a", level_of_care: "IOP", track: "MH", modality: "in_person", discharge_reason: null, admitted_on: "2026-01-05" },
        { episode_id: "E2b", level_of_care: "PHP", track: null, modality: "hybrid", discharge_reason: "left_early", admitted_on: "2026-02-02" },
      ]);
    });

    it("accounts for every resource: status, other codes, other types, lines that are not JSON or too long, unknown episodes, log files", async () => {
      const dir = writeExport(
        [
          ...EPISODES,
          observation("p2", "55758-7", "P1", "2026-01-05", score(3)), // PHQ-2: other_code
          observation("hr", "8867-4", "P1", "2026-01-05", { valueQuantity: { value: 72 } }), // a vital sign: other_code
          observation("pre", "44261-6", "P1", "2026-01-05", score(9), { status: "preliminary", encounter: { reference: "Encounter/enc1" } }),
          observation("x", "44261-6", "P1", "2026-01-07", score(9), { encounter: { reference: "Encounter/encX" } }),
          observation("d1", "70274-6", "P1", "2026-02-30T10:00:00Z", score(9)), // no such day, and no encounter: bad_date
          observation("t1", "70274-6", "P1", "2026-01-08", score(9), { encounter: { reference: "Encounter/enc1" } }),
          observation("t2", "70274-6", "P1", "2026-01-08T17:00:00Z", score(10), { encounter: { reference: "Encounter/enc1" } }), // same day again
        ],
        { "Encounter.001.ndjson": `${JSON.stringify(encounter("encX", "E-not-held", "2026-01-01"))}\n`, "log.ndjson": '{"time":"2026-01-01","message":"export started"}\n', "Procedure.000.ndjson": '{"resourceType":"Procedure","id":"p"}\n\n{"resourceType":"Procedure","id":"q"}\n' },
      );
      writeFileSync(path.join(dir, "Observation.000.ndjson"), `${'{"resourceType":"Condition","id":"c1"}'}\n${'{"resourceType":"Observation", broken'}\n${"x".repeat(3000)}\n`, { flag: "a" });
      const out = await ingestFhir(engine, [dir], { maxBytes: 2000 });
      const of = (name: string) => out.find((o) => path.basename(o.file) === name)!;
      expect(of("Observation.000.ndjson")).toMatchObject({
        rows_read: 10,
        inserted: 1,
        quarantined: 5,
        reasons: { bad_date: 1, duplicate_in_file: 1, field_too_long: 1, unknown_episode: 1, unparseable_resource: 1 },
        skipped: { other_code: 2, resource_type: 1, status: 1 },
      });
      expect(of("log.ndjson")).toMatchObject({ resource_type: null, rows_read: 1, skipped: { resource_type: 1 } });
      expect(of("Procedure.000.ndjson")).toMatchObject({ resource_type: "Procedure", rows_read: 2, skipped: { resource_type: 2 } });
      const ledger = await engine.db.selectFrom("ingest_ledger").select(["file_name", "kind", "resource_type", "skipped", "quarantined"]).orderBy("file_name").execute();
      expect(ledger.map((l) => l.file_name)).toEqual(["Encounter.000.ndjson", "Encounter.001.ndjson", "EpisodeOfCare.000.ndjson", "Observation.000.ndjson", "Procedure.000.ndjson", "log.ndjson"]);
      expect(ledger.every((l) => l.kind === "fhir")).toBe(true);
      expect(ledger.find((l) => l.file_name === "Observation.000.ndjson")).toMatchObject({ resource_type: "Observation", quarantined: 5, skipped: { other_code: 2, resource_type: 1, status: 1 } });
      const { rows } = await sql<{ line: number; reason: string }>`select line, reason from quarantine order by line`.execute(engine.db);
      // A line that is not a resource is kept by file, line and reason only: none of its text.
      const { rows: raw } = await sql<{ raw_row: string }>`select raw_row from quarantine where reason in ('unparseable_resource', 'field_too_long')`.execute(engine.db);
      expect(raw).toEqual([{ raw_row: "" }, { raw_row: "" }]);
      expect(rows).toEqual([
        { line: 4, reason: "unknown_episode" },
        { line: 5, reason: "bad_date" },
        { line: 7, reason: "duplicate_in_file" },
        { line: 9, reason: "unparseable_resource" },
        { line: 10, reason: "field_too_long" },
      ]);
    });

    it("reads the manifest's files, and a rerun changes nothing; a changed file updates only what changed", async () => {
      const resources = [...EPISODES, observation("o1", "44261-6", "P1", "2026-01-05", score(14), { encounter: { reference: "Encounter/enc1" } })];
      const dir = writeExport(resources, {
        "manifest.json": JSON.stringify({ transactionTime: "2026-03-01T00:00:00Z", output: ["EpisodeOfCare", "Encounter", "Observation"].map((type) => ({ type, url: `https://ehr.example/bulk/${type}.000.ndjson` })), error: [] }),
        "Observation.999.ndjson": "not listed in the manifest, never read\n",
      });
      const first = await ingestFhir(engine, [dir]);
      expect(first.map((o) => path.basename(o.file))).toEqual(["EpisodeOfCare.000.ndjson", "Encounter.000.ndjson", "Observation.000.ndjson"]);
      const before = await countRows(engine);
      const again = await ingestFhir(engine, [dir]);
      expect(again.map((o) => o.status)).toEqual(["already_ingested", "already_ingested", "already_ingested"]);
      expect(await countRows(engine)).toEqual(before);
      writeFileSync(path.join(dir, "Observation.000.ndjson"), `${JSON.stringify(resources.at(-1)).replace('"value":14', '"value":15')}\n`);
      const changed = await ingestFhir(engine, [dir]);
      expect(changed.map((o) => o.status)).toEqual(["already_ingested", "already_ingested", "loaded"]);
      expect(changed[2]).toMatchObject({ inserted: 0, updated: 1 });
      expect((await assessmentRows(engine))[0].total_score).toBe(15);
      // The derived tables, refreshed once per call for what its files touched, equal a rebuild.
      const timepoints = await sql<{ total_score: number }>`select total_score from timepoint_scores where episode_id = 'E1' and instrument = 'PHQ9'`.execute(engine.db);
      expect(timepoints.rows.map((r) => r.total_score)).toEqual([15]);
      for (const check of await engine.transaction((tx) => rebuildDerivedTables(tx.db))) expect(check).toMatchObject({ differences: 0 });
    });

    it("--strict loads nothing of the export when any resource is bad (exit 1)", async () => {
      const dir = writeExport([...EPISODES, observation("o1", "44261-6", "P1", "2026-01-05", score(99), { encounter: { reference: "Encounter/enc1" } })]);
      await expect(ingestFhir(engine, [dir], { strict: true })).rejects.toMatchObject({ outcome: { quarantined: 1, reasons: { score_out_of_range: 1 } } });
      expect(await countRows(engine)).toMatchObject({ episodes: 0, assessments: 0, ledger: 0, quarantine: 0 });
    });

    it("loads all of the call or none of it: a refusal in the last file leaves nothing", async () => {
      const dir = writeExport([...EPISODES, observation("o1", "44261-6", "P1", "2026-01-05", score(14), { note: [{ text: "call back at 555-123-4567" }] })]);
      await expect(ingestFhir(engine, [dir])).rejects.toMatchObject({ reason: "identifier_found", exitCode: 3 });
      expect(await countRows(engine)).toMatchObject({ episodes: 0, assessments: 0, ledger: 0 });
    });
  });
}
