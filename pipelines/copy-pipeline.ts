// The plumbing of a plain file into COPY (pipelines/stage.ts, pipelines/stage-checked.ts): its
// bytes in large slices cut at line ends, and one COPY in flight while the next slice is
// prepared, so that on a server reading (and checking) in Node overlaps with Postgres loading.
import { createReadStream } from "node:fs";

const SLICE_BYTES = 8 << 20;
const NEWLINE = 10;

/**
 * The file's records as byte slices of whole lines, the header line (and a BOM before it) left
 * out; the last may lack its line end. A record cut by a read is joined with the little before
 * it on its own rather than the whole read copied behind it (copying every read cost 0.4 s of
 * a 60 MB file on the 2-core VM).
 */
export async function* plainSlices(file: string, sliceBytes = SLICE_BYTES): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  let header = true;
  for await (const chunk of createReadStream(file, { highWaterMark: sliceBytes })) {
    let bytes = chunk as Buffer;
    if (header) {
      bytes = rest.length ? Buffer.concat([rest, bytes]) : bytes;
      const eol = bytes.indexOf(NEWLINE);
      if (eol < 0) {
        rest = bytes;
        continue;
      }
      bytes = bytes.subarray(eol + 1);
      rest = Buffer.alloc(0);
      header = false;
    }
    const first = bytes.indexOf(NEWLINE) + 1;
    if (first === 0) {
      rest = Buffer.concat([rest, bytes]);
      continue;
    }
    if (rest.length) yield Buffer.concat([rest, bytes.subarray(0, first)]);
    const cut = bytes.lastIndexOf(NEWLINE) + 1;
    const start = rest.length ? first : 0;
    if (cut > start) yield bytes.subarray(start, cut);
    rest = Buffer.from(bytes.subarray(cut)); // a copy: the read buffer is not kept alive
  }
  if (!header && rest.length) yield rest;
}

export function pipelined<T>(copy: (data: T) => Promise<void>) {
  let inFlight: Promise<void> | null = null;
  return {
    send: async (data: T) => {
      await inFlight;
      inFlight = copy(data);
      inFlight.catch(() => {}); // awaited, and so rethrown, by the next send or drain
    },
    drain: async () => {
      await inFlight;
      inFlight = null;
    },
  };
}
