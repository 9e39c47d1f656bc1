// Whether an assessments file can repeat a natural key (episode, instrument, date), decided in
// pass 1 from the records as they stream past, in memory that does not grow with the file.
// Validation's duplicate_in_file check groups every staged row by its key (1.2 s of a 1.1M-row
// file on the server, the 2-core VM); a file this watch clears skips that grouping. It clears a
// file whose records come grouped by episode with the episodes in increasing order, as exports
// usually do (one query, ordered by episode): a key seen again can then only be one of the
// current episode's, the only keys it holds. Anything it cannot read for certain — a quote
// before the key's last field, too few fields, a non-ASCII instrument, an episode out of order,
// an episode with more than MAX_EPISODE_KEYS keys — answers "may repeat", and SQL decides.
// Keys are read as validation reads them: trimmed of spaces (`btrim`), empty as missing, the
// instrument upper-cased (ASCII only, as `upper` under the staging table's "C" collation). A
// key with a missing part never counts as a duplicate (missing_required comes first).

const QUOTE = 34;
const SPACE = 32;
const MAX_EPISODE_KEYS = 10_000;
/** Distinct instrument codes a file may use before the watch gives up (keeps keys small integers). */
const MAX_INSTRUMENTS = 4096;
const DATE_CODES = 1 << 17;

/**
 * Each key is held as one small integer — the instrument's number in this file × 2¹⁷ + the
 * date's — so a record costs no allocation unless its episode or instrument differs from the
 * record before it.
 */
export class RepeatedKeyWatch {
  readonly #delimiter: number;
  /** The positions of episode_id, instrument and assessed_on in a record. */
  readonly #at: readonly [number, number, number];
  readonly #last: number;
  /** Where each field up to the last key field starts, and one more: where the next would. */
  readonly #starts: Int32Array;
  #episode: string | null = null;
  /** The last instrument as written (trimmed), and its number. */
  #instrument: string | null = null;
  #instrumentNumber = 0;
  readonly #instrumentNumbers = new Map<string, number>();
  readonly #keys = new Set<number>();
  #mayRepeat = false;

  constructor(columns: readonly string[], delimiter: string) {
    this.#delimiter = delimiter.charCodeAt(0);
    const at = ["episode_id", "instrument", "assessed_on"].map((c) => columns.indexOf(c));
    this.#at = [at[0], at[1], at[2]];
    this.#last = Math.max(...at);
    this.#starts = new Int32Array(this.#last + 2);
    if (at.some((i) => i < 0)) this.#mayRepeat = true;
  }

  /** Whether some key may occur twice in the records visited so far. */
  get mayRepeat(): boolean {
    return this.#mayRepeat;
  }

  /** Looks at one record, `text.slice(start, end)`. */
  visit(text: string, start: number, end: number): void {
    if (this.#mayRepeat) return;
    const starts = this.#starts;
    const last = this.#last;
    starts[0] = start;
    let field = 0;
    for (let i = start; i < end && field <= last; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) return this.#giveUp();
      if (c === this.#delimiter) starts[++field] = i + 1;
    }
    if (field < last) return this.#giveUp();
    if (field === last) starts[last + 1] = end + 1;
    const e = this.#at[0];
    const n = this.#at[1];
    const d = this.#at[2];
    const date = dateCode(text, starts[d], starts[d + 1] - 1);
    // No date, or one validation will call bad_date, as it will every row with the same text.
    if (date < 0) return;
    if (!this.#sameInstrument(text, starts[n], starts[n + 1] - 1)) return;
    if (!sameText(text, starts[e], starts[e + 1] - 1, this.#episode)) {
      const episode = trimmed(text, starts[e], starts[e + 1] - 1);
      if (episode === null) return;
      if (this.#episode !== null && episode < this.#episode) return this.#giveUp();
      this.#episode = episode;
      this.#keys.clear();
    }
    const key = this.#instrumentNumber * DATE_CODES + date;
    if (this.#keys.has(key) || this.#keys.size >= MAX_EPISODE_KEYS) return this.#giveUp();
    this.#keys.add(key);
  }

  /** Sets the instrument's number; false when the instrument is missing (or the watch gave up). */
  #sameInstrument(text: string, from: number, to: number): boolean {
    if (sameText(text, from, to, this.#instrument)) return true;
    const instrument = trimmed(text, from, to);
    if (instrument === null) return false;
    const upper = upperAscii(instrument);
    if (upper === null || this.#instrumentNumbers.size >= MAX_INSTRUMENTS) {
      this.#giveUp();
      return false;
    }
    let number = this.#instrumentNumbers.get(upper);
    if (number === undefined) this.#instrumentNumbers.set(upper, (number = this.#instrumentNumbers.size));
    this.#instrument = instrument;
    this.#instrumentNumber = number;
    return true;
  }

  #giveUp(): void {
    this.#mayRepeat = true;
    this.#keys.clear();
  }
}

/** `text.slice(from, to)` without leading and trailing spaces, as Postgres' `btrim`; null when empty. */
function trimmed(text: string, from: number, to: number): string | null {
  while (from < to && text.charCodeAt(from) === SPACE) from++;
  while (to > from && text.charCodeAt(to - 1) === SPACE) to--;
  return to > from ? text.slice(from, to) : null;
}

/** Whether `text.slice(from, to)`, trimmed, is `value`, without cutting it out. */
function sameText(text: string, from: number, to: number, value: string | null): boolean {
  if (value === null) return false;
  while (from < to && text.charCodeAt(from) === SPACE) from++;
  while (to > from && text.charCodeAt(to - 1) === SPACE) to--;
  return to - from === value.length && text.startsWith(value, from);
}

/**
 * A trimmed `YYYY-MM-DD` as a number below 2¹⁷ (distinct texts, distinct numbers), or −1 when
 * the text is not such a date with year 1800–2099, month 1–12 and day 1–31 — text that
 * validation's isIsoDate refuses, so its rows are bad_date, never duplicates.
 */
function dateCode(text: string, from: number, to: number): number {
  while (from < to && text.charCodeAt(from) === SPACE) from++;
  while (to > from && text.charCodeAt(to - 1) === SPACE) to--;
  if (to - from !== 10 || text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return -1;
  const year = digitAt(text, from) * 1000 + digitAt(text, from + 1) * 100 + digitAt(text, from + 2) * 10 + digitAt(text, from + 3);
  const month = digitAt(text, from + 5) * 10 + digitAt(text, from + 6);
  const day = digitAt(text, from + 8) * 10 + digitAt(text, from + 9);
  if (year < 1800 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return (year - 1800) * 372 + (month - 1) * 31 + (day - 1);
}

/** The ASCII digit at `i`, or a large negative number (which no range check lets through). */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
}

/** Upper case as Postgres' `upper` under the "C" collation, or null past printable ASCII (then the watch gives up). */
function upperAscii(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return null;
  }
  return s.toUpperCase();
}
