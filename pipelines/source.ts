// Reading an export file: its SHA-256 over the raw bytes (the ledger's identity of a file),
// and its text as decoded chunks — BOM stripped, UTF-8 validated (invalid bytes refuse the
// file) or Windows-1252 / Latin-1 transcoded when `--encoding` says so. Chunks stream, so
// memory does not grow with file size.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { CliError, EXIT } from "../domain/errors.ts";

export const ENCODINGS = ["utf-8", "windows-1252", "latin1"] as const;
export type Encoding = (typeof ENCODINGS)[number];

export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (error) {
    throw unreadable(file, error);
  }
  return hash.digest("hex");
}

function unreadable(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") return new CliError(`${file}: cannot read the file (${code})`, "unreadable_file", EXIT.refused);
  return error;
}

/** Decoded text of `file` in chunks of about 1 MiB. */
export async function* readText(file: string, encoding: Encoding = "utf-8"): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === "latin1" ? "iso-8859-1" : encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
  let first = true;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      let text = decoder.decode(chunk as Buffer, { stream: true });
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
