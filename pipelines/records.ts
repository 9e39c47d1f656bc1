// A quote-aware record scanner over decoded text chunks (RFC 4180: a quoted field may hold
// delimiters, quotes doubled, and line breaks). It does not split fields — Postgres' COPY
// does that, far faster — it only finds where each record starts and ends, the physical line
// it starts on (for quarantine messages), and how many fields it has (so a ragged row is
// quarantined instead of failing the COPY). Blank lines are skipped; CRLF and LF both end a
// record. Memory: one partial record between chunks, and never more than `maxChars` of it: a
// longer record (a 50 MB field, 10⁵ columns) is still scanned to its end, but its text is
// dropped and it comes out `oversized`, so a hostile file cannot make memory grow.
// Two ways to read it: `push`/`end` return record objects; `scan`/`finish` call a visitor with
// positions in the scanned text instead, so a pass that looks at few records' text (the
// identifier screen of a clean file) allocates nothing per record.

export interface RawRecord {
  /** Physical line number (1-based) where the record starts. */
  line: number;
  /** The record without its line terminator. */
  text: string;
  fields: number;
  /** Ended by CRLF rather than LF (Postgres' COPY wants one kind of line end per file). */
  crlf?: boolean;
  /** Longer than the scanner's limit: `text` is empty and the record must be refused. */
  oversized?: boolean;
  /**
   * Holds a carriage return outside quotes that does not end the line: Postgres' CSV reads it
   * as a line break, so the record's columns would not line up — it is quarantined instead.
   */
  strayCarriageReturn?: boolean;
}

/** The default longest record accepted, in characters (so also the longest field). */
export const MAX_RECORD_CHARS = 100_000;

/** Flags a visitor receives: the record ended in CRLF, held a stray CR, was too long, or ended the file. */
export const CRLF = 1;
export const STRAY_CR = 2;
export const OVERSIZED = 4;
/** The file's last record, with no line end after it. */
export const UNTERMINATED = 8;

/**
 * Called once per record: its text is `text.slice(start, end)` (empty when OVERSIZED); every
 * record completed by one `scan` call shares the same `text`, which holds nothing else than
 * those records, their line ends and the start of the next record.
 */
export type RecordVisitor = (text: string, start: number, end: number, line: number, fields: number, flags: number) => void;

export class RecordScanner {
  #pending = "";
  #pendingLine = 1;
  #line = 1;
  #inQuotes = false;
  #fields = 1;
  #scanned = 0;
  #oversized = false;
  /** Carriage returns outside quotes in the current record (a CRLF's own is taken off). */
  #bareCRs = 0;
  readonly #delimiter: number;

  constructor(
    delimiter: string,
    readonly maxChars = MAX_RECORD_CHARS,
  ) {
    this.#delimiter = delimiter.charCodeAt(0);
  }

  /** Feeds a chunk; returns the records it completed. */
  push(chunk: string): RawRecord[] {
    const out: RawRecord[] = [];
    this.scan(chunk, collect(out));
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(): RawRecord[] {
    const out: RawRecord[] = [];
    this.finish(collect(out));
    return out;
  }

  /** Feeds a chunk; calls `visit` for each record it completed. */
  scan(chunk: string, visit: RecordVisitor): void {
    const text = this.#pending + chunk;
    let start = 0;
    let i = this.#scanned;
    const n = text.length;
    const delim = this.#delimiter;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        this.#inQuotes = !this.#inQuotes; // a doubled quote toggles twice
      } else if (this.#inQuotes) {
        if (c === 10) this.#line++;
      } else if (c === delim) {
        this.#fields++;
      } else if (c === 13) {
        this.#bareCRs++;
      } else if (c === 10 /* \n */) {
        const crlf = i > start && text.charCodeAt(i - 1) === 13;
        const end = crlf ? i - 1 : i;
        const flags = (crlf ? CRLF : 0) | (this.#bareCRs > (crlf ? 1 : 0) ? STRAY_CR : 0);
        if (this.#oversized || end - start > this.maxChars) visit(text, 0, 0, this.#pendingLine, this.#fields, flags | OVERSIZED);
        else if (end > start) visit(text, start, end, this.#pendingLine, this.#fields, flags);
        this.#oversized = false;
        this.#bareCRs = 0;
        this.#line++;
        this.#pendingLine = this.#line;
        this.#fields = 1;
        start = i + 1;
      }
    }
    this.#pending = text.slice(start);
    if (this.#pending.length > this.maxChars) {
      this.#oversized = true;
      this.#pending = "";
    }
    this.#scanned = this.#pending.length;
  }

  /** Calls `visit` for the last record when the file does not end with a line break. */
  finish(visit: RecordVisitor): void {
    const text = this.#pending;
    const crEnd = text.endsWith("\r");
    const end = crEnd ? text.length - 1 : text.length;
    const flags = UNTERMINATED | (this.#bareCRs > (crEnd ? 1 : 0) ? STRAY_CR : 0);
    this.#pending = "";
    if (this.#oversized) visit("", 0, 0, this.#pendingLine, this.#fields, flags | OVERSIZED);
    else if (end > 0) visit(text, 0, end, this.#pendingLine, this.#fields, flags);
  }

  /** Whether the input ended inside a quoted field (an unbalanced quote). */
  get unterminatedQuote(): boolean {
    return this.#inQuotes;
  }
}

const collect =
  (out: RawRecord[]): RecordVisitor =>
  (text, start, end, line, fields, flags) => {
    const record: RawRecord = { line, text: flags & OVERSIZED ? "" : text.slice(start, end), fields };
    if (flags & CRLF) record.crlf = true;
    if (flags & OVERSIZED) record.oversized = true;
    if (flags & STRAY_CR) record.strayCarriageReturn = true;
    out.push(record);
  };
