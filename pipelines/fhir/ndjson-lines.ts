// Reading an NDJSON file as batches of lines, hashing its bytes on the way (SHA-256, the
// ledger's identity of a file) so the file is read once. Memory: one chunk of about 1 MiB and
// the partial line after it; a line longer than `maxChars` is never held whole — it comes
// out with `text` = null (quarantined as field_too_long). A BOM is dropped; invalid UTF-8
// refuses the file, as for CSV exports (pipelines/source.ts).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { CliError, EXIT } from "../../domain/errors.ts";

export interface LineBatch {
  /** The batch's lines as one text (the identifier screen looks at it at once). */
  text: string;
  /** [line number, start, end) in `text`; start = end = -1 for an over-long line. */
  lines: [line: number, start: number, end: number][];
}

export const MAX_LINE_CHARS = 1_000_000;

/** Yields the file's non-empty lines in batches; `done(sha256)` is called after the last. */
export async function* ndjsonLines(file: string, done: (sha256: string) => void, maxChars = MAX_LINE_CHARS): AsyncGenerator<LineBatch> {
  const hash = createHash("sha256");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let line = 1;
  let skipping = false; // inside an over-long line
  let first = true;
  const cut = (text: string, final: boolean): LineBatch => {
    const lines: LineBatch["lines"] = [];
    let start = 0;
    for (let eol = text.indexOf("\n"); eol >= 0 || (final && start < text.length); eol = text.indexOf("\n", start)) {
      const end = eol >= 0 ? eol : text.length;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop - start > maxChars) lines.push([line, -1, -1]);
      else if (text.slice(start, stop).trim()) lines.push([line, start, stop]);
      line++;
      start = end + 1;
      if (eol < 0) break;
    }
    pending = final ? "" : text.slice(start);
    if (pending.length > maxChars) {
      skipping = true;
      pending = "";
    }
    return { text, lines };
  };
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      let text = decoder.decode(chunk as Buffer, { stream: true });
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (skipping) {
        const eol = text.indexOf("\n");
        if (eol < 0) continue;
        yield { text: "", lines: [[line++, -1, -1]] };
        skipping = false;
        text = text.slice(eol + 1);
      }
      const batch = cut(pending + text, false);
      if (batch.lines.length) yield batch;
    }
    const rest = pending + decoder.decode();
    if (skipping) yield { text: "", lines: [[line, -1, -1]] };
    else if (rest.trim()) yield cut(rest, true);
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid|invalid/i.test(error.message)) throw new CliError(`${file}: not valid UTF-8`, "unreadable_encoding", EXIT.refused);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") throw new CliError(`${file}: cannot read the file (${code})`, "unreadable_file", EXIT.refused);
    throw error;
  }
  done(hash.digest("hex"));
}
