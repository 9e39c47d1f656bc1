// The checked way of staging (pipelines/stage.ts): an assessments file that is plain and of
// which pass 1 proved that no value is padded and no key repeats is split, checked and typed
// in Node as it streams (pipelines/check-assessments.ts), and only the result is COPYed:
// into `continuum_checked`, the table SQL validation would have made, with each bad record's
// raw text for the quarantine (`raw_row`); nothing goes into the staging table. On a server
// the checks run while Postgres loads the batch before; what is left for SQL is whether each
// good record's episode exists (checkEpisodesExist). On a first load (pipelines/first-load.ts)
// the good records go straight into `assessments` and only the bad ones into `continuum_checked`.
//
// Should a record not split as Postgres' CSV reader would split it into the header's columns,
// or a slice not be UTF-8, the way gives up (NotCheckable) and the file is staged the plain
// way and validated in SQL instead.
import { sql } from "kysely";
import type { EngineTransaction } from "../db/engine.ts";
import { assessmentLayout, checkAssessment } from "./check-assessments.ts";
import { pipelined, plainSlices } from "./copy-pipeline.ts";
import type { FirstLoad } from "./first-load.ts";
import { utf8Text } from "./utf8-text.ts";

export class NotCheckable extends Error {}

const BATCH_BYTES = 2 << 20;
const SLICE_BYTES = 1 << 20;
const CHECKED_COPY = "copy continuum_checked (line, problem, episode_id, instrument, assessed_on, timepoint_label, total_score, items, raw_row) from stdin";
const FIRST_LOAD_COPY = "copy assessments (episode_id, instrument, assessed_on, timepoint_label, total_score, items, ingest_id) from stdin";

/** A value in COPY's text format. */
const escaped = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : s);
/** A float8 as text that reads back as the same number (a negative zero keeps its sign). */
const float = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

/** An array in COPY's text format, `{1,2,NULL}`. */
function arrayLiteral(values: readonly (number | null)[]): string {
  let s = "{";
  for (let i = 0; i < values.length; i++) s += (i > 0 ? "," : "") + (values[i] === null ? "NULL" : values[i]);
  return `${s}}`;
}

/**
 * A record's fields as Postgres' CSV reader gives them (CopyReadAttributesCSV: a quote opens a
 * quoted stretch anywhere in a field, a doubled quote inside one is a quote), an empty field
 * as null; null when a quote is never closed.
 */
export function splitCsvRecord(line: string, delimiter: string): (string | null)[] | null {
  if (!line.includes('"')) {
    const fields: (string | null)[] = line.split(delimiter);
    for (let i = 0; i < fields.length; i++) if (fields[i] === "") fields[i] = null;
    return fields;
  }
  const fields: (string | null)[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    let value = "";
    for (;;) {
      let j = i;
      while (j < n && line[j] !== delimiter && line[j] !== '"') j++;
      value += line.slice(i, j);
      i = j;
      if (i >= n || line[i] === delimiter) break;
      i++; // the opening quote
      for (;;) {
        if (i >= n) return null;
        const c = line[i++];
        if (c !== '"') value += c;
        else if (line[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
    }
    fields.push(value === "" ? null : value);
    if (i >= n) return fields;
    i++; // the delimiter
  }
}

/**
 * COPY text written straight into a buffer, a row at a time: appending each row to one long
 * string left V8 a rope of a dozen pieces per row to collect (4 s per million rows on the
 * 2-core VM; written into a buffer as each is made, under 0.5 s). The buffer grows when a
 * slice's rows need more; the caller sends it between slices.
 */
class CopyText {
  private buffer = Buffer.allocUnsafe(BATCH_BYTES);
  length = 0;
  /** Appends text already in COPY's format. */
  write(s: string) {
    // At most three UTF-8 bytes a character.
    if (this.length + 3 * s.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + 3 * s.length));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(s, this.length, "utf8");
  }
  /** The rows written so far; the next are written into a new buffer (the COPY in flight keeps the old). */
  take(): Buffer {
    if (this.length === 0) return this.buffer.subarray(0, 0);
    const rows = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(BATCH_BYTES);
    this.length = 0;
    return rows;
  }
}

type Plan = { delimiter: string; columns: readonly string[]; rows: number };

/**
 * Calls `visit` with each record of the file — its line, its text, its fields — and `sliced`
 * after each slice of records (where the caller may send what it wrote).
 */
async function forEachRecord(file: string, s: Plan, visit: (line: number, text: string, fields: (string | null)[]) => void, sliced: (line: number) => Promise<void>): Promise<void> {
  let line = 1;
  for await (const slice of plainSlices(file, SLICE_BYTES)) {
    const text = utf8Text(slice);
    if (text === null) throw new NotCheckable("not UTF-8");
    const records = text.split("\n");
    if (records.at(-1) === "") records.pop();
    for (const record of records) {
      line++;
      const text = record.endsWith("\r") ? record.slice(0, -1) : record;
      const fields = splitCsvRecord(text, s.delimiter);
      if (!fields || fields.length !== s.columns.length) throw new NotCheckable(`line ${line} does not split into the header's columns`);
      visit(line, text, fields);
    }
    await sliced(line);
  }
}

/** What the quarantine keeps of a record: its fields joined by the delimiter (the record itself when nothing is quoted). */
const rawRow = (text: string, fields: readonly (string | null)[], delimiter: string) => escaped(text.includes('"') ? fields.map((f) => f ?? "").join(delimiter) : text);

export async function stageChecked(tx: EngineTransaction, file: string, s: Plan, firstLoad: FirstLoad | null, onProgress?: (rowsRead: number, totalRows: number) => void): Promise<void> {
  await sql`create temp table continuum_checked (line int, problem text, episode_id text collate "C", instrument text collate "C",
    assessed_on date, timepoint_label text collate "C", total_score float8, items smallint[], raw_row text) on commit drop`.execute(tx.db);
  // Good and bad rows in their own buffers: on a first load they go to different tables.
  const copy = pipelined(async ([good, bad]: [Buffer, Buffer]) => {
    if (good.length > 0) await tx.copyIn(firstLoad ? FIRST_LOAD_COPY : CHECKED_COPY, good);
    if (bad.length > 0) await tx.copyIn(CHECKED_COPY, bad);
  });
  const layout = assessmentLayout(s.columns);
  const good = new CopyText();
  const bad = new CopyText();
  const send = () => copy.send([good.take(), bad.take()]);
  await forEachRecord(
    file,
    s,
    (line, text, fields) => {
      const result = checkAssessment(fields, layout);
      if (typeof result === "string") bad.write(`${line}\t${result}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${rawRow(text, fields, s.delimiter)}\n`);
      else {
        const items = result.items ? arrayLiteral(result.items) : "\\N";
        const values = `${escaped(result.episodeId)}\t${result.instrument}\t${result.assessedOn}\t${result.timepointLabel ?? "\\N"}\t${float(result.totalScore)}\t${items}`;
        good.write(firstLoad ? `${values}\t${firstLoad.ingestId}\n` : `${line}\t\\N\t${values}\t\\N\n`);
      }
    },
    async (line) => {
      if (good.length + bad.length >= BATCH_BYTES / 2) await send();
      onProgress?.(line - 1, s.rows);
    },
  );
  if (good.length + bad.length > 0) await send();
  await copy.drain();
  onProgress?.(s.rows, s.rows);
}

/**
 * The one check the checked way leaves to SQL, in the order validation gives it (after every
 * check of the record's own values): a good record whose episode is not in `episodes` becomes
 * `unknown_episode`. The episodes are locked against change by then (pipelines/merge.ts). On a
 * first load the good records are already in `assessments` (all of its rows: it was empty), and
 * those of unknown episodes are taken out again. The raw text of such records, which their
 * quarantine rows keep, is read by a second pass over the file, only when there are any (good
 * records are sent without it: it doubled what the checked way COPYs).
 */
export async function checkEpisodesExist(tx: EngineTransaction, file: string, s: Plan, firstLoad: FirstLoad | null): Promise<void> {
  const db = tx.db;
  const good = firstLoad ? sql`assessments` : sql`(select episode_id from continuum_checked where problem is null)`;
  await sql`create temp table continuum_unknown_episodes on commit drop as
    select distinct c.episode_id from ${good} c left join episodes known on known.episode_id = c.episode_id
    where known.episode_id is null`.execute(db);
  const { rows } = await sql<{ any: boolean }>`select exists (select from continuum_unknown_episodes) as any`.execute(db);
  if (rows[0].any) {
    const unknown = sql`(select episode_id from continuum_unknown_episodes)`;
    // Each good record's line, episode and raw text; the file's keys are unique, so a line is one row.
    await sql`create temp table continuum_raw_rows (line int, episode_id text collate "C", raw_row text) on commit drop`.execute(db);
    const layout = assessmentLayout(s.columns);
    const raw = new CopyText();
    await forEachRecord(
      file,
      s,
      (line, text, fields) => {
        const result = checkAssessment(fields, layout);
        if (typeof result !== "string") raw.write(`${line}\t${escaped(result.episodeId)}\t${rawRow(text, fields, s.delimiter)}\n`);
      },
      async () => {
        if (raw.length > 0) await tx.copyIn("copy continuum_raw_rows (line, episode_id, raw_row) from stdin", raw.take());
      },
    );
    if (firstLoad) {
      await sql`delete from assessments where episode_id in ${unknown}`.execute(db);
      await sql`insert into continuum_checked (line, problem, raw_row)
        select line, 'unknown_episode:episode_id', raw_row from continuum_raw_rows where episode_id in ${unknown}`.execute(db);
    } else {
      await sql`update continuum_checked c set problem = 'unknown_episode:episode_id', raw_row = r.raw_row from continuum_raw_rows r
        where r.line = c.line and c.problem is null and r.episode_id in ${unknown}`.execute(db);
    }
    await sql`drop table continuum_raw_rows`.execute(db);
  }
  await sql`drop table continuum_unknown_episodes`.execute(db);
}
