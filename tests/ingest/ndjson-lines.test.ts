// The NDJSON line reader of the FHIR ingest: every non-blank line comes out once with its
// physical line number, whatever the chunk boundaries (multi-byte characters, CRLF, a BOM,
// blank lines); an over-long line comes out as a marker without its text, within a chunk or
// across chunks; invalid UTF-8 refuses the file; the hash is the file's SHA-256.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ndjsonLines } from "../../pipelines/fhir/ndjson-lines.ts";

const dir = mkdtempSync(path.join(tmpdir(), "continuum-ndjson-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function read(bytes: Buffer, maxBytes: number, chunkBytes: number) {
  const file = path.join(dir, `f${n++}.ndjson`);
  writeFileSync(file, bytes);
  let sha = "";
  const out: [number, string | null][] = [];
  for await (const b of ndjsonLines(file, (s) => (sha = s), maxBytes, chunkBytes)) for (const [line, start, end] of b.lines) out.push([line, start < 0 ? null : b.text.slice(start, end)]);
  return { out, sha, expectedSha: createHash("sha256").update(readFileSync(file)).digest("hex") };
}

describe("ndjsonLines", () => {
  it("gives each non-blank line with its line number, across any chunk size", async () => {
    const lineArb = fc.oneof(fc.constant(""), fc.constant("   "), fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, "x")));
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 30 }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 40 }), async (lines, crlf, bom, chunk) => {
        const text = lines.join(crlf ? "\r\n" : "\n");
        const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")]);
        const { out, sha, expectedSha } = await read(bytes, 1000, chunk);
        const expected = lines.map((l, i) => [i + 1, l] as [number, string]).filter(([, l]) => !/^[ \t]*$/.test(l));
        expect(out).toEqual(expected);
        expect(sha).toBe(expectedSha);
      }),
      { numRuns: 60 },
    );
  });

  it("marks over-long lines without their text, inside a chunk and across chunks", async () => {
    const long = "x".repeat(300);
    for (const chunk of [16, 1 << 20]) {
      const { out } = await read(Buffer.from(`{"a":1}\n${long}\n{"b":2}\n${long}`), 100, chunk);
      expect(out).toEqual([[1, '{"a":1}'], [2, null], [3, '{"b":2}'], [4, null]]);
    }
  });

  it("refuses invalid UTF-8", async () => {
    await expect(read(Buffer.from([0x7b, 0x7d, 0x0a, 0xff, 0xfe, 0x0a]), 100, 1 << 20)).rejects.toMatchObject({ reason: "unreadable_encoding", exitCode: 3 });
  });
});
