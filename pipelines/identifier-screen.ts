// The identifier screen (DESIGN.md "Ingest rules"): a file that carries direct identifiers is
// refused whole, before anything is written. Column names that mean names, SSN, MRN, phone,
// e-mail, street address or full date of birth; values shaped like an SSN, a phone number or
// an e-mail address in any column; ZIP codes of more than 3 digits (HIPAA Safe Harbor,
// 45 CFR 164.514(b)(2): only the first three digits of a ZIP may remain). A refusal names the
// file, the column and the first line — never the value.
import { parse } from "csv-parse/sync";
import { CliError, EXIT } from "../domain/errors.ts";
import type { RawRecord } from "./records.ts";

const NAME_RULES: [RegExp, string][] = [
  [/(^|_)(first|last|middle|full|given|family|sur|maiden|patient|client|person|contact)_?name($|_)|^names?$/, "a person's name"],
  [/(^|_)(ssn|social_security|socsec)/, "a social security number"],
  [/(^|_)(mrn|medical_record|chart_?number)/, "a medical record number"],
  [/(^|_)(phone|telephone|mobile|cell|fax)($|_|_?number)/, "a phone number"],
  [/(^|_)e_?mail($|_)/, "an e-mail address"],
  [/(^|_)(address|street|addr)($|_|_?line)/, "a street address"],
  [/(^|_)(dob|date_?of_?birth|birth_?date|birthday)($|_)/, "a full date of birth"],
];
const ZIP_COLUMN = /(^|_)(zip|postal|post_?code)/;

/** [shape, what it is, a character every match holds (a cheap test before the regex)]. */
const VALUE_RULES: [RegExp, string, string][] = [
  [/(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/, "a value shaped like a social security number", "-"],
  [/(?<![\w.-])(\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])/, "a value shaped like a phone number", ""],
  // The lookbehind starts a match only where a run of local-part characters starts: without
  // it every position of a long run (a 1 MB field of letters) was a fresh attempt that
  // consumed the rest of the run, quadratic time. Even so the regex costs 4 ms per MB of
  // text without any "@" (a FHIR export is hundreds of MB), which the needle skips.
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/, "a value shaped like an e-mail address", "@"],
];
const hits = (text: string) => ([rule, , needle]: [RegExp, string, string]) => (needle === "" || text.includes(needle)) && rule.test(text);
const LONG_ZIP = /\d{4,}/;

/** What a value looks like when it is shaped like a direct identifier (SSN, phone, e-mail), else null. */
export const identifierShape = (value: string): string | null => VALUE_RULES.find(hits(value))?.[1] ?? null;

const normalize = (column: string) => column.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");

const refuse = (file: string, column: string, line: number, what: string) =>
  new CliError(`${file}: refused, column "${column}" (line ${line}) holds ${what}; remove it and export again`, "identifier_found", EXIT.refused);

/** Throws on a column name that means a direct identifier. */
export function screenColumnNames(file: string, columns: readonly string[]): void {
  for (const column of columns) {
    const n = normalize(column);
    for (const [rule, what] of NAME_RULES) if (rule.test(n)) throw refuse(file, column, 1, what);
  }
}

/** Screens the values of records; stateless, so it can run over a stream of records. */
export class ValueScreen {
  readonly #zipColumns: number[];
  constructor(
    readonly file: string,
    readonly columns: readonly string[],
    readonly delimiter: string,
  ) {
    this.#zipColumns = columns.map((c, i) => (ZIP_COLUMN.test(normalize(c)) ? i : -1)).filter((i) => i >= 0);
  }

  /**
   * Whether `text` (any run of whole records and line ends) may hold a hit, so that its
   * records need `check`: false guarantees none does. Line ends never make or break a match
   * (they are neither digits, dashes nor word characters), so every hit inside a record is
   * also a hit in the text around it.
   */
  suspects(text: string): boolean {
    return VALUE_RULES.some(hits(text)) || (this.#zipColumns.length > 0 && LONG_ZIP.test(text));
  }

  check(record: RawRecord): void {
    for (const [rule, what] of VALUE_RULES) {
      if (rule.test(record.text)) {
        const column = this.#columnOf(record, (v) => rule.test(v));
        throw refuse(this.file, column, record.line, what);
      }
    }
    if (this.#zipColumns.length && LONG_ZIP.test(record.text)) {
      const fields = this.#fields(record);
      for (const i of this.#zipColumns) {
        if (LONG_ZIP.test(fields[i] ?? "")) throw refuse(this.file, this.columns[i], record.line, "a ZIP code of more than 3 digits");
      }
    }
  }

  #fields(record: RawRecord): string[] {
    try {
      return (parse(record.text, { delimiter: this.delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [];
    } catch {
      return [record.text];
    }
  }

  #columnOf(record: RawRecord, hit: (value: string) => boolean): string {
    const fields = this.#fields(record);
    const i = fields.findIndex(hit);
    return i >= 0 && i < this.columns.length ? this.columns[i] : "(unknown column)";
  }
}
