// Bytes as text when they are UTF-8, by the cheapest exact route. An ASCII-only buffer — what
// nearly every export is — decodes byte for byte as Latin-1, to the same characters, and V8
// keeps the result as a one-byte string, which later scans and JSON.parse read faster than the
// UTF-8 decoder's result (measured on the 2-core VM, Node 20, a 509 MB Observation file in 1 MiB
// chunks: decoding 1.7–2.6 s → 0.3–0.5 s; JSON.parse of its lines 3.6 s → 2.2 s).
import { isAscii, isUtf8 } from "node:buffer";

/** The text of ASCII-only `bytes` (a one-byte string), or null when any byte is not ASCII. */
export function asciiText(bytes: Buffer): string | null {
  return isAscii(bytes) ? bytes.toString("latin1") : null;
}

/** The text of `bytes`, or null when they are not valid UTF-8. */
export function utf8Text(bytes: Buffer): string | null {
  return asciiText(bytes) ?? (isUtf8(bytes) ? bytes.toString("utf8") : null);
}
