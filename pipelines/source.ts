// Reading an export file: its text as decoded chunks — BOM stripped, UTF-8 validated (invalid
// bytes refuse the file) or Windows-1252 / Latin-1 transcoded when `--encoding` says so — and,
// from the same read, the SHA-256 of its raw bytes (the ledger's identity of a file). Chunks
// stream, so memory does not grow with file size.
import type { Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { CliError, EXIT } from "../domain/errors.ts";
import { asciiText } from "./utf8-text.ts";

export const ENCODINGS = ["utf-8", "windows-1252", "latin1"] as const;
export type Encoding = (typeof ENCODINGS)[number];

function unreadable(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") return new CliError(`${file}: cannot read the file (${code})`, "unreadable_file", EXIT.refused);
  return error;
}

/**
 * Decoded text of `file` in chunks of about 1 MiB; `hash`, when given, is fed the raw bytes on
 * the way, so one read gives both the text and the file's identity. A UTF-8 chunk that is all
 * ASCII — nearly every export — is decoded as Latin-1 to the same characters, which V8 keeps as
 * a one-byte string that the scans of pass 1 read faster (pipelines/utf8-text.ts); only when
 * the decoder holds no unfinished character from the chunk before.
 */
export async function* readText(file: string, encoding: Encoding = "utf-8", hash?: Hash): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === "latin1" ? "iso-8859-1" : encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
  let first = true;
  let pending = false;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash?.update(chunk);
      let text = encoding === "utf-8" && !pending ? asciiText(chunk) : null;
      if (text === null) {
        text = decoder.decode(chunk, { stream: true });
        pending = encoding === "utf-8" && endsInsideCharacter(chunk);
      }
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid|invalid/i.test(error.message)) {
      throw new CliError(`${file}: not valid UTF-8 (use --encoding windows-1252 or latin1 for such exports)`, "unreadable_encoding", EXIT.refused);
    }
    throw unreadable(file, error);
  }
}

/**
 * Whether UTF-8 `bytes` end before their last character does: the last lead byte among the
 * final three announces more bytes than follow it. (Invalid bytes are the decoder's to refuse.)
 */
export function endsInsideCharacter(bytes: Uint8Array): boolean {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k];
    if (b < 0x80) return false;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k;
  }
  return false;
}
