// A quote-aware record scanner over decoded text chunks (RFC 4180: a quoted field may hold
// delimiters, quotes doubled, and line breaks). It does not split fields — Postgres' COPY
// does that, far faster — it only finds where each record starts and ends, the physical line
// it starts on (for quarantine messages), and how many fields it has (so a ragged row is
// quarantined instead of failing the COPY). Blank lines are skipped; CRLF and LF both end a
// record. Memory: one partial record between chunks, and never more than `maxChars` of it: a
// longer record (a 50 MB field, 10⁵ columns) is still scanned to its end, but its text is
// dropped and it comes out `oversized`, so a hostile file cannot make memory grow.

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
        const stray = this.#bareCRs > (crlf ? 1 : 0);
        if (this.#oversized || end - start > this.maxChars) out.push({ line: this.#pendingLine, text: "", fields: this.#fields, oversized: true });
        else if (end > start) out.push({ line: this.#pendingLine, text: text.slice(start, end), fields: this.#fields, crlf, ...(stray ? { strayCarriageReturn: true } : {}) });
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
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(): RawRecord[] {
    const crEnd = this.#pending.endsWith("\r");
    const text = crEnd ? this.#pending.slice(0, -1) : this.#pending;
    const stray = this.#bareCRs > (crEnd ? 1 : 0);
    this.#pending = "";
    if (this.#oversized) return [{ line: this.#pendingLine, text: "", fields: this.#fields, oversized: true }];
    return text ? [{ line: this.#pendingLine, text, fields: this.#fields, ...(stray ? { strayCarriageReturn: true } : {}) }] : [];
  }

  /** Whether the input ended inside a quoted field (an unbalanced quote). */
  get unterminatedQuote(): boolean {
    return this.#inQuotes;
  }
}
