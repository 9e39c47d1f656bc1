// A quote-aware record scanner over decoded text chunks (RFC 4180: a quoted field may hold
// delimiters, quotes doubled, and line breaks). It does not split fields — Postgres' COPY
// does that, far faster — it only finds where each record starts and ends, the physical line
// it starts on (for quarantine messages), and how many fields it has (so a ragged row is
// quarantined instead of failing the COPY). Blank lines are skipped; CRLF and LF both end a
// record. Memory: one partial record between chunks.

export interface RawRecord {
  /** Physical line number (1-based) where the record starts. */
  line: number;
  /** The record without its line terminator. */
  text: string;
  fields: number;
}

export class RecordScanner {
  #pending = "";
  #pendingLine = 1;
  #line = 1;
  #inQuotes = false;
  #fields = 1;
  #scanned = 0;
  readonly #delimiter: number;

  constructor(delimiter: string) {
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
      } else if (c === 10 /* \n */) {
        const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
        if (end > start) out.push({ line: this.#pendingLine, text: text.slice(start, end), fields: this.#fields });
        this.#line++;
        this.#pendingLine = this.#line;
        this.#fields = 1;
        start = i + 1;
      }
    }
    this.#pending = text.slice(start);
    this.#scanned = this.#pending.length;
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(): RawRecord[] {
    const text = this.#pending.endsWith("\r") ? this.#pending.slice(0, -1) : this.#pending;
    this.#pending = "";
    return text ? [{ line: this.#pendingLine, text, fields: this.#fields }] : [];
  }

  /** Whether the input ended inside a quoted field (an unbalanced quote). */
  get unterminatedQuote(): boolean {
    return this.#inQuotes;
  }
}
