// A FHIR R4 export into the database (DESIGN.md "Input formats" 4 and "FHIR mapping"): the
// whole call is one transaction and one ledger entry per file. Files are read by resource type
// in the order the mapping needs — Encounters and Patients first (facts the episodes take),
// then EpisodeOfCare (episodes), then Observation and QuestionnaireResponse (assessments) —
// and each file of episodes or assessments goes through the CSV path's own validation,
// quarantine and merge, from canonical rows in `continuum_stage`; the derived tables are
// refreshed once, after the last file, for every episode the call touched.
// Every resource is accounted for: loaded, used by another's row (an Encounter, a Patient, a
// panel's member), quarantined with its line and reason, or skipped with a reason.
import path from "node:path";
import { sql } from "kysely";
import type { Encounter, EpisodeOfCare, Observation, Patient, QuestionnaireResponse } from "fhir/r4.js";
import { type MergedLoad, refreshTouchedEpisodes } from "../../db/derived-tables.ts";
import type { Engine } from "../../db/engine.ts";
import type { FhirSkipReason } from "../../domain/vocabulary.ts";
import { INGEST_LOCK, StrictRefusal } from "../ingest-file.ts";
import { listFhirFiles } from "./export-files.ts";
import { EMPTY_MAP, type FhirMap } from "./fhir-map.ts";
import { createStaged, dropFileTables, stageAssessments, stageEpisodes } from "./fhir-sql.ts";
import { countResources, openSource, type SourceFile, type StageCounts, stageResources } from "./fhir-stage.ts";
import { type FhirFileOutcome, finishBadLines, loadStaged, partValues } from "./load-file.ts";
import { encounterPart, episodeOfCarePart, instrumentIndex, isSkip, levelIndex, observationPart, questionnaireResponsePart } from "./resources.ts";
import { screenPatient, screenResource } from "./screen.ts";

export interface FhirIngestOptions {
  map?: FhirMap;
  discardIdentifiers?: boolean;
  strict?: boolean;
  /** Longest NDJSON line accepted (bytes); longer ones are quarantined as field_too_long. */
  maxBytes?: number;
  /** Told each file's outcome as it is done (progress lines). */
  onFile?: (file: string) => void;
  /** Filled with seconds per phase (benchmark and profiling). */
  timings?: Record<string, number>;
}


export type { FhirFileOutcome } from "./load-file.ts";

/** The resource types continuum reads, in the order it reads them. */
const USED_TYPES = ["Encounter", "Patient", "EpisodeOfCare", "Observation", "QuestionnaireResponse"];

export async function ingestFhir(engine: Engine, args: readonly string[], options: FhirIngestOptions = {}): Promise<FhirFileOutcome[]> {
  const map = options.map ?? EMPTY_MAP;
  const files = listFhirFiles(args).map(openSource);
  const outcome = new Map<SourceFile, FhirFileOutcome>(
    files.map((f) => [f, { file: f.file, kind: "fhir", resource_type: f.resourceType, sha256: "", status: "loaded", rows_read: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, reasons: {}, used: 0, skipped: {} }]),
  );
  const ofType = (...types: string[]) => files.filter((f) => f.resourceType === "Bundle" || types.includes(f.resourceType ?? ""));
  const soleSession = engine.kind === "pglite";
  const levels = levelIndex(map);
  const codes = instrumentIndex(map);

  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    if (options.timings) options.timings[phase] = (options.timings[phase] ?? 0) + (now - t) / 1000;
    t = now;
  };
  return engine.transaction(async (tx) => {
    const db = tx.db;
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(db);
    await sql`set local jit = off`.execute(db);
    await createStaged(db, "encounter");
    await createStaged(db, "patient");
    await sql`create temp table fhir_loaded_episode (episode_id text) on commit drop`.execute(db);
    const ingestIds = new Map<SourceFile, number>();
    /** The merges that inserted or changed rows: their episodes' derived rows are refreshed once, at the end. */
    const merged: MergedLoad[] = [];
    const loaded = (load: MergedLoad | null) => {
      if (load) merged.push(load);
    };

    /** The file's ledger row, created at its first use; null when the same bytes are already loaded. */
    const ledger = async (f: SourceFile): Promise<number | null> => {
      const o = outcome.get(f)!;
      o.sha256 = f.sha256 ?? "";
      if (ingestIds.has(f)) return ingestIds.get(f)!;
      if (o.status === "already_ingested") return null;
      const done = await db.selectFrom("ingest_ledger").select("ingest_id").where("sha256", "=", o.sha256).where("status", "=", "loaded").executeTakeFirst();
      if (done) {
        o.status = "already_ingested";
        return null;
      }
      const { ingest_id } = await db
        .insertInto("ingest_ledger")
        .values({ file_name: path.basename(f.file), sha256: o.sha256, kind: "fhir", resource_type: f.resourceType, profile: map.name ? path.basename(map.name) : null, status: "loaded", rows_read: 0, finished_at: null, message: null })
        .returning("ingest_id")
        .executeTakeFirstOrThrow();
      ingestIds.set(f, ingest_id);
      return ingest_id;
    };
    const account = (f: SourceFile, c: StageCounts) => {
      const o = outcome.get(f)!;
      o.rows_read += c.read;
      for (const [reason, n] of Object.entries(c.skipped)) o.skipped[reason as FhirSkipReason] = (o.skipped[reason as FhirSkipReason] ?? 0) + n;
    };

    // 1. Facts the episodes take: Encounters (modality, discharge reason, the episode of an
    // assessment) and Patients (demographics); read even from a file loaded before, as context.
    for (const f of ofType("Encounter")) {
      await createStaged(db, "bad");
      const c = await stageResources(tx, f, ["Encounter"], "encounter", (r) => {
        const e = encounterPart(r as unknown as Encounter);
        return isSkip(e) ? e : [e.encounter_id, e.episode_id, e.virtual, e.disposition, e.started_on];
      }, options);
      account(f, c);
      outcome.get(f)!.used += c.staged;
      await finishBadLines(db, f, await ledger(f), outcome.get(f)!);
      lap("read encounters");
    }
    for (const f of ofType("Patient")) {
      await createStaged(db, "bad");
      // The Patient's own screen first (its refusal names the identifying element); under
      // --discard-identifiers nothing else of it is kept, so nothing else needs screening.
      const c = await stageResources(tx, f, ["Patient"], "patient", (r, line) => {
        const p = screenPatient(r as unknown as Patient, f.file, line, Boolean(options.discardIdentifiers));
        if (!options.discardIdentifiers) screenResource(r, f.file, line, true);
        return [p.patient_id, p.gender, p.born_from, p.born_to, p.race_ethnicity];
      }, { ...options, screenText: false });
      account(f, c);
      outcome.get(f)!.used += c.staged;
      await finishBadLines(db, f, await ledger(f), outcome.get(f)!);
    }

    // 2. Episodes, file by file.
    for (const f of ofType("EpisodeOfCare")) {
      await createStaged(db, "episode");
      await createStaged(db, "bad");
      const c = await stageResources(tx, f, ["EpisodeOfCare"], "episode", (r) => {
        const e = episodeOfCarePart(r as unknown as EpisodeOfCare, levels);
        return isSkip(e) ? e : [e.episode_id, e.patient_id, e.site_id, e.level_of_care, e.track, e.admitted_on, e.discharged_on];
      }, options);
      account(f, c);
      lap("read episodes");
      const ingestId = await ledger(f);
      if (ingestId !== null) {
        await finishBadLines(db, f, ingestId, outcome.get(f)!);
        await stageEpisodes(db, "fhir_episode");
        lap("episode facts");
        loaded(await loadStaged(db, "episodes", ingestId, f, outcome.get(f)!, { soleSession, strict: options.strict, lap }));
      }
      await dropFileTables(db);
    }
    // Stored episodes that this call's Encounters or Patients speak of (loaded by an earlier
    // call), stamped by the first such file that is new.
    const factsFile = ofType("Encounter", "Patient").find((f) => ingestIds.has(f));
    if (factsFile) {
      await stageEpisodes(db, "facts");
      loaded(await loadStaged(db, "episodes", ingestIds.get(factsFile)!, factsFile, outcome.get(factsFile)!, { soleSession, strict: options.strict }));
      await dropFileTables(db);
      lap("stored episodes' facts");
    }

    // 3. Assessments, file by file.
    for (const f of ofType("Observation", "QuestionnaireResponse")) {
      await createStaged(db, "part");
      await createStaged(db, "bad");
      const c = await stageResources(tx, f, ["Observation", "QuestionnaireResponse"], "part", (r) => {
        const a = r.resourceType === "Observation" ? observationPart(r as unknown as Observation, codes) : questionnaireResponsePart(r as unknown as QuestionnaireResponse, codes);
        return isSkip(a) ? a : partValues(a);
      }, options);
      account(f, c);
      lap("read assessments");
      const ingestId = await ledger(f);
      if (ingestId !== null) {
        const o = outcome.get(f)!;
        await finishBadLines(db, f, ingestId, o);
        const assembled = await stageAssessments(db);
        lap("assemble assessments");
        o.used += assembled.used;
        if (assembled.orphanItems) o.skipped.other_code = (o.skipped.other_code ?? 0) + assembled.orphanItems;
        if (assembled.outsideEpisodes) o.skipped.outside_episodes = (o.skipped.outside_episodes ?? 0) + assembled.outsideEpisodes;
        loaded(await loadStaged(db, "assessments", ingestId, f, o, { soleSession, strict: options.strict, lap }));
      }
      await dropFileTables(db);
    }

    // 4. The derived tables, once for every episode the call's files touched.
    await refreshTouchedEpisodes(db, merged, { soleSession });
    lap("derive");

    // 5. What continuum does not read: other resource types, non-FHIR files (a server's log.ndjson).
    for (const f of files) {
      const o = outcome.get(f)!;
      const unused = f.entries ? f.entries.filter((e) => !USED_TYPES.includes(String(e.resource?.resourceType))).length : USED_TYPES.includes(f.resourceType ?? "") ? 0 : await countResources(f);
      if (unused) {
        o.rows_read += unused;
        o.skipped.resource_type = (o.skipped.resource_type ?? 0) + unused;
      }
      if (!USED_TYPES.includes(f.resourceType ?? "") && f.resourceType !== "Bundle") await ledger(f);
      const ingestId = ingestIds.get(f);
      if (ingestId !== undefined) {
        await db
          .updateTable("ingest_ledger")
          .set({ rows_read: o.rows_read, inserted: o.inserted, updated: o.updated, unchanged: o.unchanged, quarantined: o.quarantined, reasons: JSON.stringify(sorted(o.reasons)), skipped: JSON.stringify(sorted(o.skipped)), finished_at: new Date() })
          .where("ingest_id", "=", ingestId)
          .execute();
      }
      o.reasons = sorted(o.reasons);
      o.skipped = sorted(o.skipped);
      options.onFile?.(f.file);
    }
    // --strict: a line that is not a resource refuses the call too, in whichever file it is.
    const bad = [...outcome.values()].find((o) => o.quarantined > 0);
    if (options.strict && bad) throw new StrictRefusal(bad);
    return [...outcome.values()];
  });
}

const sorted = <T extends Record<string, number | undefined>>(r: T): T => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))) as T;

