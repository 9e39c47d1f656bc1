// One export file into the database (DESIGN.md "Ingest rules"). Two passes over the file:
//  1. hash the bytes, sniff the header, and screen every record for identifiers — refusing
//     the file before anything is written;
//  2. in one transaction: take the ingest lock, skip a file whose hash is already loaded,
//     COPY the records into a text staging table (pipelines/stage.ts) — Postgres does the
//     CSV parsing — validate and cast set-wise in SQL (or, for the usual assessments export,
//     check and type them in Node as they stream: the checked way), quarantine bad rows, merge good
//     ones, re-derive the timepoint_scores rows of the episodes the merge touched (the derived
//     table of db/derived-tables.ts), and write the ledger. A kill at any moment leaves
//     all of the file or none of it.
import { createHash, type Hash } from "node:crypto";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Engine } from "../db/engine.ts";
import type { Database } from "../db/schema.ts";
import { refreshTouchedEpisodes } from "../db/derived-tables.ts";
import { ASSESSMENT_FIXED_COLUMNS, EPISODE_COLUMNS, itemColumn } from "../domain/columns.ts";
import { CliError, EXIT } from "../domain/errors.ts";
import type { InputKind, LedgerKind } from "../domain/vocabulary.ts";
import { closeFirstLoad, openFirstLoad } from "./first-load.ts";
import { screenColumnNames, ValueScreen } from "./identifier-screen.ts";
import { ASSESSMENTS_MERGE, EPISODES_MERGE, type MergeCounts, mergeGoodRows, prepareKeyedTables } from "./merge.ts";
import { applyCodeMaps, type Profile, renameColumns } from "./profile.ts";
import { quarantine, type QuarantineTarget } from "./quarantine.ts";
import { CRLF, MAX_RECORD_CHARS, OVERSIZED, RecordScanner, type RecordVisitor, STRAY_CR, UNTERMINATED } from "./records.ts";
import { checkEpisodesExist } from "./stage-checked.ts";
import { type StageOptions, type StagePlan, type StagingWay, stageRecords } from "./stage.ts";
import { DEFAULT_REDCAP_PROFILE, type RedcapProfile, redcapRequired, reshapeRedcap } from "./redcap.ts";
import { RepeatedKeyWatch } from "./repeated-keys.ts";
import { detectDelimiter, inferKind, parseHeader } from "./sniff.ts";
import type { FileFacts } from "./sql-checks.ts";
import { type Encoding, readText } from "./source.ts";
import { MAX_ITEMS, validateAssessments } from "./validate-assessments.ts";
import { validateEpisodes } from "./validate-episodes.ts";

export interface IngestOptions extends StageOptions {
  kind?: InputKind;
  profile?: Profile;
  strict?: boolean;
  redcap?: RedcapProfile;
  /** Told which way the file was staged (tests and profiling). */
  onStaged?: (way: StagingWay, firstLoad: boolean) => void;
  /** Validate every file as one that may hold padded values and repeated keys (tests compare it with pass 1's shortcuts). */
  generalValidation?: boolean;
  /** Told what pass 1 proved of the file (tests). */
  onFacts?: (facts: FileFacts) => void;
  /** Filled with seconds per phase (benchmark and profiling). */
  timings?: Record<string, number>;
}

export interface FileOutcome {
  file: string;
  kind: LedgerKind;
  sha256: string;
  status: "loaded" | "already_ingested" | "refused";
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  reasons: Record<string, number>;
}

/** Thrown inside the transaction to roll back a `--strict` load with bad rows. */
export class StrictRefusal extends Error {
  constructor(readonly outcome: FileOutcome) {
    super("strict");
  }
}

/** Serialises ingests (and `continuum rebuild`, which must not interleave with one). */
export const INGEST_LOCK = 0x636f6e74; // "cont"

/** Pass 1's plan, and what it proved of the file's values for validation. */
type Sniffed = StagePlan & { facts: FileFacts };

/**
 * Pass 1: header, kind, identifier screen, row count, and whether the file is plain (see
 * StagePlan). Throws CliError(exit 3) on refusal. Records are visited by position: the screen
 * runs once over each scanned stretch of text, and only a stretch it suspects (or that holds
 * a NUL) has its records cut out and checked one by one, so a clean file costs no allocation
 * per record.
 */
async function sniffAndScreen(file: string, options: IngestOptions, hash: Hash): Promise<Sniffed> {
  let scanner: RecordScanner | null = null;
  let screen: ValueScreen | null = null;
  let sniffed: Sniffed | null = null;
  let head = "";
  let nextLine = 2;
  let headerCrlf = 0;
  let stretch: string | null = null;
  let suspect = false;
  let padded = false;
  let keys: RepeatedKeyWatch | null = null;
  const maxChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const tooLong = () => new CliError(`${file}: the header is longer than ${maxChars} characters`, "field_too_long", EXIT.refused);
  const noNul = (text: string, line: number) => {
    if (text.includes("\0")) throw new CliError(`${file}: line ${line} holds a NUL byte; not a text export`, "unreadable_file", EXIT.refused);
  };
  const visit: RecordVisitor = (text, start, end, line, fields, flags) => {
    if (!sniffed) {
      if (flags & OVERSIZED) throw tooLong();
      const header = text.slice(start, end);
      noNul(header, line);
      const delimiter = detectDelimiter(header);
      const sourceColumns = parseHeader(header, delimiter, file);
      screenColumnNames(file, sourceColumns);
      const columns = renameColumns(sourceColumns, options.profile);
      sniffed = { delimiter, columns, kind: options.kind ?? "episodes", rows: 0, plain: (options.encoding ?? "utf-8") === "utf-8" && line === 1, facts: {} };
      keys = new RepeatedKeyWatch(columns, delimiter);
      headerCrlf = flags & CRLF;
      screen = new ValueScreen(file, columns, delimiter);
      return;
    }
    sniffed.rows++;
    const sameLineEnd = flags & UNTERMINATED || (flags & CRLF) === headerCrlf;
    if (line !== nextLine++ || flags & (OVERSIZED | STRAY_CR) || fields !== sniffed.columns.length || !sameLineEnd) sniffed.plain = false;
    if (flags & OVERSIZED) return; // never stored, only quarantined
    keys!.visit(text, start, end);
    if (text !== stretch) {
      stretch = text;
      suspect = text.includes("\0") || screen!.suspects(text);
    }
    if (!suspect) return;
    const record = { line, text: text.slice(start, end), fields };
    noNul(record.text, line);
    screen!.check(record);
  };
  for await (const chunk of readText(file, options.encoding, hash)) {
    padded ||= chunk.includes(" ");
    if (!scanner) {
      head += chunk;
      const eol = head.indexOf("\n");
      if (eol < 0 && head.length > maxChars) throw tooLong();
      if (eol < 0) continue;
      scanner = new RecordScanner(detectDelimiter(head.slice(0, eol)), maxChars);
      scanner.scan(head, visit);
      continue;
    }
    scanner.scan(chunk, visit);
  }
  if (!scanner) {
    if (!head.trim()) throw new CliError(`${file}: the file is empty`, "empty_file", EXIT.refused);
    scanner = new RecordScanner(detectDelimiter(head), maxChars);
    scanner.scan(head, visit);
  }
  scanner.finish(visit);
  if (scanner.unterminatedQuote) throw new CliError(`${file}: a quoted field is never closed`, "unbalanced_quote", EXIT.refused);
  const result = sniffed as Sniffed | null; // assigned inside visit
  if (!result) throw new CliError(`${file}: the file is empty`, "empty_file", EXIT.refused);
  // Header problems are judged after the identifier screen, so identifiers are always reported.
  result.kind = options.kind ?? options.profile?.kind ?? inferKind(result.columns, file);
  checkColumns(file, result.kind, result.columns, redcapProfile(options));
  // A code map rewrites staged values (and may make two keys one), after this pass.
  const shortcuts = !options.generalValidation && Object.keys(options.profile?.codes ?? {}).length === 0;
  result.facts = { unpadded: shortcuts && !padded, uniqueKeys: shortcuts && result.kind === "assessments" && !keys!.mayRepeat };
  return result;
}

function checkColumns(file: string, kind: InputKind, columns: readonly string[], redcap: RedcapProfile): void {
  const allowed: readonly string[] =
    kind === "episodes" ? EPISODE_COLUMNS : kind === "assessments" ? [...ASSESSMENT_FIXED_COLUMNS, ...Array.from({ length: MAX_ITEMS }, (_, i) => itemColumn(i + 1))] : columns;
  const required = kind === "episodes" ? ["episode_id", "level_of_care", "admitted_on"] : kind === "assessments" ? ["episode_id", "instrument", "assessed_on"] : redcapRequired(redcap);
  const unknown = columns.find((c) => !allowed.includes(c) || !/^[a-z0-9_]+$/.test(c));
  if (unknown) throw new CliError(`${file}: unknown column "${unknown}" for a ${kind} file (map it with a profile)`, "unknown_header", EXIT.refused);
  const missing = required.find((c) => !columns.includes(c));
  if (missing) throw new CliError(`${file}: the header lacks the column "${missing}"`, "unknown_header", EXIT.refused);
}

export async function ingestFile(engine: Engine, file: string, options: IngestOptions = {}): Promise<FileOutcome> {
  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    if (options.timings) options.timings[phase] = (options.timings[phase] ?? 0) + (now - t) / 1000;
    t = now;
  };
  // The file's identity for the ledger is hashed from the bytes pass 1 reads.
  const hash = createHash("sha256");
  const sniffed = await sniffAndScreen(file, options, hash);
  const sha256 = hash.digest("hex");
  lap("screen");
  options.onFacts?.(sniffed.facts);
  const fileName = path.basename(file);
  const outcome: FileOutcome = { file, kind: sniffed.kind, sha256, status: "loaded", rows_read: sniffed.rows, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, reasons: {} };
  return engine.transaction(async (tx) => {
      const db = tx.db;
      await sql`select pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(db);
      // The load's statements are few and long; compiling them (JIT) costs more than it saves.
      await sql`set local jit = off`.execute(db);
      const done = await db.selectFrom("ingest_ledger").select("ingest_id").where("sha256", "=", sha256).where("status", "=", "loaded").executeTakeFirst();
      if (done) return { ...outcome, status: "already_ingested" as const };
      const { ingest_id } = await db
        .insertInto("ingest_ledger")
        .values({ file_name: fileName, sha256, kind: sniffed.kind, profile: options.profile ? path.basename(options.profile.name) : sniffed.kind === "redcap" ? "redcap" : null, status: "loaded", rows_read: sniffed.rows, finished_at: null, message: null })
        .returning("ingest_id")
        .executeTakeFirstOrThrow();
      const spec = sniffed.kind === "episodes" ? EPISODES_MERGE : ASSESSMENTS_MERGE;
      const parentsLocked = await prepareKeyedTables(db, spec);
      lap("lock");
      const target: QuarantineTarget = { ingestId: ingest_id, fileName, columns: sniffed.columns, delimiter: sniffed.delimiter, rawTable: sniffed.kind === "redcap" ? "continuum_raw" : "continuum_stage" };
      const checkable = sniffed.kind === "assessments" && Boolean(sniffed.facts.unpadded && sniffed.facts.uniqueKeys);
      // The embedded engine has no other session that could read the tables mid-load.
      const soleSession = engine.kind === "pglite";
      const checked = checkable ? { openFirstLoad: () => openFirstLoad(db, ingest_id, { parentsLocked, soleSession }) } : null;
      const { way, raggedReasons, firstLoad } = await stageRecords(tx, file, sniffed, target, options, checked);
      options.onStaged?.(way, firstLoad !== null);
      lap("copy");
      if (way === "checked") await checkEpisodesExist(tx, file, sniffed, firstLoad);
      else {
        await applyCodeMaps(db, sniffed.kind === "redcap" ? "continuum_raw" : "continuum_stage", sniffed.columns, options.profile);
        await validate(db, sniffed, options);
      }
      lap("validate");
      const { reasons, goodRows } = await quarantine(db, { ...target, rawInChecked: way === "checked" }, raggedReasons);
      lap("quarantine");
      const quarantined = Object.values(reasons).reduce((a, b) => a + b, 0);
      if (options.strict && quarantined > 0) throw new StrictRefusal({ ...outcome, quarantined, reasons });
      const counts: MergeCounts = firstLoad
        ? { inserted: await closeFirstLoad(db, firstLoad), updated: 0, unchanged: 0 }
        : await mergeGoodRows(db, spec, ingest_id, goodRows, { parentsLocked, soleSession });
      lap("merge");
      // Only rows the merge inserted or changed carry this ingest's id, so an unchanged
      // re-delivery re-derives nothing; REDCap files load assessments.
      if (counts.inserted + counts.updated > 0) await refreshTouchedEpisodes(db, [{ table: sniffed.kind === "episodes" ? "episodes" : "assessments", ingestId: ingest_id }], { soleSession });
      lap("derive");
      await db
        .updateTable("ingest_ledger")
        .set({ ...counts, quarantined, reasons: JSON.stringify(reasons), finished_at: new Date() })
        .where("ingest_id", "=", ingest_id)
        .execute();
      return { ...outcome, ...counts, quarantined, reasons };
  });
}

async function validate(db: Kysely<Database>, s: Sniffed, options: IngestOptions): Promise<void> {
  if (s.kind === "episodes") return validateEpisodes(db, s.columns, s.facts);
  if (s.kind === "redcap") return validateAssessments(db, await reshapeRedcap(db, s.columns, redcapProfile(options)));
  await validateAssessments(db, s.columns, s.facts);
}

const redcapProfile = (options: IngestOptions): RedcapProfile => options.redcap ?? options.profile?.redcap ?? DEFAULT_REDCAP_PROFILE;
