// Quarantine (DESIGN.md "Ingest rules"): every bad row of a file, with file, line, column,
// reason code and the raw row, from the validation result (`continuum_checked.problem`,
// "reason:column") and from the scanner (ragged or over-long records). One grouped scan
// counts reasons and good rows; the rows themselves are copied only when there are any.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { RawRecord } from "./records.ts";

export interface QuarantineTarget {
  ingestId: number;
  fileName: string;
  columns: readonly string[];
  delimiter: string;
  /** The staging table holding the raw text of each line. */
  rawTable: string;
  /** The checked way kept each bad record's raw text in `continuum_checked.raw_row` instead (pipelines/stage-checked.ts). */
  rawInChecked?: boolean;
}

/** Counts validation problems by reason (plus the scanner's `raggedReasons`) and quarantines the rows. */
export async function quarantine(db: Kysely<Database>, q: QuarantineTarget, raggedReasons: Record<string, number>): Promise<{ reasons: Record<string, number>; goodRows: number }> {
  const { rows } = await sql<{ reason: string | null; n: number }>`
    select split_part(problem, ':', 1) as reason, count(*) as n from continuum_checked group by 1`.execute(db);
  const reasons: Record<string, number> = { ...raggedReasons };
  let goodRows = 0;
  for (const r of rows) {
    if (r.reason === null) goodRows = Number(r.n);
    else reasons[r.reason] = (reasons[r.reason] ?? 0) + Number(r.n);
  }
  if (rows.some((r) => r.reason !== null)) {
    // The raw text: kept by the checked way with each bad record, else joined from the staged columns.
    const raw = q.rawInChecked ? sql`c.raw_row` : sql`array_to_string(array[${sql.join(q.columns.map((c) => sql`coalesce(${sql.ref(`r.${c}`)}, '')`))}], ${q.delimiter}::text)`;
    await sql`
      insert into quarantine (ingest_id, file_name, line, column_name, reason, raw_row)
      select ${q.ingestId}::int, ${q.fileName}::text, c.line, split_part(c.problem, ':', 2), split_part(c.problem, ':', 1), ${raw}
      from (select * from continuum_checked where problem is not null) c
      ${q.rawInChecked ? sql`` : sql`join ${sql.table(q.rawTable)} r on r.line = c.line`}
      order by c.line`.execute(db);
  }
  // Sorted keys, as the ledger and messages have always shown them.
  return { reasons: Object.fromEntries(Object.entries(reasons).sort(([a], [b]) => a.localeCompare(b))), goodRows };
}

/**
 * Records the scanner could not stage: oversized ones (`field_too_long`; their text was never
 * kept) and ragged ones or with a stray carriage return (`wrong_column_count`). Adds to `counts`.
 */
export async function quarantineRagged(db: Kysely<Database>, q: QuarantineTarget, records: readonly RawRecord[], counts: Record<string, number>): Promise<void> {
  if (records.length === 0) return;
  // A stray carriage return would split the record in two for Postgres: its columns don't line up.
  const reasonOf = (r: RawRecord) => (r.oversized ? ("field_too_long" as const) : ("wrong_column_count" as const));
  await db
    .insertInto("quarantine")
    .values(records.map((r) => ({ ingest_id: q.ingestId, file_name: q.fileName, line: r.line, column_name: null, reason: reasonOf(r), raw_row: r.text.slice(0, 10_000) })))
    .execute();
  for (const r of records) counts[reasonOf(r)] = (counts[reasonOf(r)] ?? 0) + 1;
}
