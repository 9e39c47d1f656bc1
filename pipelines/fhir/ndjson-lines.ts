// Reading an NDJSON file as batches of lines. Memory: one chunk of about 1 MiB and the partial
// line after it; a line longer than `maxBytes` is never held whole — it comes out with start =
// end = −1 (quarantined as field_too_long). A BOM is dropped; invalid UTF-8 refuses the file,
// as for CSV exports (pipelines/source.ts).
// Speed (a FHIR export runs to gigabytes): the bytes are cut at the last line end of each
// chunk — a line end is never inside a multi-byte character — then validated and decoded at
// once (pipelines/utf8-text.ts: Buffer's UTF-8 check and decoder are ~10× a fatal
// TextDecoder's, and an ASCII chunk is cheaper still); the SHA-256 that names the file in the
// ledger is computed by a worker thread reading the same file meanwhile (here SHA-256 runs at
// ~200 MB/s, a quarter of the whole read).
import { createReadStream } from "node:fs";
import { Worker } from "node:worker_threads";
import { CliError, EXIT } from "../../domain/errors.ts";
import { utf8Text } from "../utf8-text.ts";

export interface LineBatch {
  /** The batch's lines as one text (the identifier screen looks at it at once). */
  text: string;
  /** [line number, start, end) in `text`; start = end = −1 for an over-long line. */
  lines: [line: number, start: number, end: number][];
}

export const MAX_LINE_BYTES = 1_000_000;

const HASH_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const hash = require("node:crypto").createHash("sha256");
require("node:fs").createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on("data", (chunk) => hash.update(chunk))
  .on("end", () => parentPort.postMessage({ sha256: hash.digest("hex") }))
  .on("error", (error) => parentPort.postMessage({ error: error.code || String(error) }));`;

/** SHA-256 of a file's bytes, hashed on a worker thread. */
export function hashInWorker(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: file });
    worker.once("message", (m: { sha256?: string; error?: string }) => {
      void worker.terminate();
      if (m.sha256) resolve(m.sha256);
      else reject(new CliError(`${file}: cannot read the file (${m.error})`, "unreadable_file", EXIT.refused));
    });
    worker.once("error", reject);
  });
}

const NEWLINE = 10;
const isBlank = (text: string, start: number, end: number) => {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
};

/** Yields the file's non-empty lines in batches; `done(sha256)` is called after the last. */
export async function* ndjsonLines(file: string, done: (sha256: string) => void, maxBytes = MAX_LINE_BYTES, chunkBytes = 1 << 20): AsyncGenerator<LineBatch> {
  const sha256 = hashInWorker(file);
  sha256.catch(() => {}); // awaited below
  let rest: Buffer = Buffer.alloc(0);
  let line = 1;
  let skipping = false; // inside an over-long line, its bytes dropped
  let first = true;
  const decode = (bytes: Buffer): string => {
    const text = utf8Text(bytes);
    if (text === null) throw new CliError(`${file}: not valid UTF-8`, "unreadable_encoding", EXIT.refused);
    if (!first || text.charCodeAt(0) !== 0xfeff) return text;
    first = false;
    return text.slice(1); // a BOM, once, at the start of the file
  };
  const cut = (text: string): LineBatch => {
    const lines: LineBatch["lines"] = [];
    // One line per line end in `text`, and the one after the last.
    for (let start = 0; ; ) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop - start > maxBytes / 4 && Buffer.byteLength(text.slice(start, stop)) > maxBytes) lines.push([line, -1, -1]);
      else if (!isBlank(text, start, stop)) lines.push([line, start, stop]);
      line++;
      if (end === text.length) break;
      start = end + 1;
    }
    return { text, lines };
  };
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes })) {
      let bytes = chunk as Buffer;
      if (skipping) {
        const eol = bytes.indexOf(NEWLINE);
        if (eol < 0) continue;
        yield { text: "", lines: [[line++, -1, -1]] };
        skipping = false;
        bytes = bytes.subarray(eol + 1);
      }
      if (rest.length) bytes = Buffer.concat([rest, bytes]);
      const end = bytes.lastIndexOf(NEWLINE) + 1;
      rest = Buffer.from(bytes.subarray(end)); // a copy: the read buffer is not kept alive
      if (rest.length > maxBytes) {
        skipping = true;
        rest = Buffer.alloc(0);
      }
      if (end > 0) {
        const batch = cut(decode(bytes.subarray(0, end - 1))); // up to the last line end
        first = false;
        if (batch.lines.length) yield batch;
      }
    }
    if (skipping) yield { text: "", lines: [[line, -1, -1]] };
    else if (rest.length) {
      const batch = cut(decode(rest));
      first = false;
      if (batch.lines.length) yield batch;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") throw new CliError(`${file}: cannot read the file (${code})`, "unreadable_file", EXIT.refused);
    throw error;
  }
  done(await sha256);
}
