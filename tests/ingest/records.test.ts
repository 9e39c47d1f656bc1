// The record scanner (pipelines/records.ts): where records start and end, their physical
// lines, field counts and flags must not depend on how the text is cut into chunks, and the
// visitor (`scan`/`finish`, used by pass 1) must see exactly the records `push`/`end` return.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CRLF, OVERSIZED, type RawRecord, RecordScanner, STRAY_CR, UNTERMINATED } from "../../pipelines/records.ts";

function pushAll(chunks: readonly string[], maxChars?: number): RawRecord[] {
  const scanner = new RecordScanner(",", maxChars);
  return [...chunks.flatMap((c) => scanner.push(c)), ...scanner.end()];
}

function visitAll(chunks: readonly string[], maxChars?: number) {
  const scanner = new RecordScanner(",", maxChars);
  const seen: { line: number; text: string; fields: number; flags: number }[] = [];
  const visit = (text: string, start: number, end: number, line: number, fields: number, flags: number) => seen.push({ line, text: text.slice(start, end), fields, flags });
  for (const c of chunks) scanner.scan(c, visit);
  scanner.finish(visit);
  return seen;
}

/** Text from the characters that matter to the scanner, cut at random places. */
const chunkedCsv = fc
  .tuple(fc.array(fc.constantFrom("a", "7", ",", '"', "\n", "\r", "\r\n", ";"), { maxLength: 80 }).map((parts) => parts.join("")), fc.array(fc.nat(80), { maxLength: 6 }))
  .map(([text, cuts]) => {
    const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
    return { text, chunks: [0, ...at].map((from, i) => text.slice(from, [...at, text.length][i])) };
  });

describe("record scanner", () => {
  it("finds lines, fields and flags of quoted, CRLF, stray-CR and over-long records", () => {
    const text = 'h1,h2\r\n"a\nb",c\r\nx\ry,z\r\n\r\n' + "q".repeat(30) + ",w\r\nlast,one";
    expect(visitAll([text], 20)).toEqual([
      { line: 1, text: "h1,h2", fields: 2, flags: CRLF },
      { line: 2, text: '"a\nb",c', fields: 2, flags: CRLF },
      { line: 4, text: "x\ry,z", fields: 2, flags: CRLF | STRAY_CR },
      { line: 6, text: "", fields: 2, flags: CRLF | OVERSIZED },
      { line: 7, text: "last,one", fields: 2, flags: UNTERMINATED },
    ]);
  });

  it("gives the same records however the text is cut into chunks", () => {
    fc.assert(
      fc.property(chunkedCsv, ({ text, chunks }) => {
        expect(pushAll(chunks)).toEqual(pushAll([text]));
        expect(pushAll(chunks, 10)).toEqual(pushAll([text], 10));
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it("visits exactly the records push and end return", () => {
    fc.assert(
      fc.property(chunkedCsv, ({ chunks }) => {
        const pushed = pushAll(chunks, 10);
        const visited = visitAll(chunks, 10);
        expect(visited.map(({ line, text, fields, flags }) => ({ line, text, fields, crlf: Boolean(flags & CRLF), stray: Boolean(flags & STRAY_CR), oversized: Boolean(flags & OVERSIZED) }))).toEqual(
          pushed.map((r) => ({ line: r.line, text: r.text, fields: r.fields, crlf: Boolean(r.crlf), stray: Boolean(r.strayCarriageReturn), oversized: Boolean(r.oversized) })),
        );
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
