// readText, pass 1's reader: the file's text as UTF-8 gives it, whether a chunk takes the ASCII
// route or the decoder, with characters split across the 1 MiB reads; invalid bytes refused
// wherever they fall; and the SHA-256 of the bytes it read.
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endsInsideCharacter, readText } from "../../pipelines/source.ts";

const CHUNK = 1 << 20;
const dir = mkdtempSync(path.join(tmpdir(), "continuum-read-text-"));

async function read(bytes: Buffer): Promise<{ text: string; sha256: string }> {
  const file = path.join(dir, "file.csv");
  writeFileSync(file, bytes);
  const hash = createHash("sha256");
  let text = "";
  for await (const chunk of readText(file, "utf-8", hash)) text += chunk;
  return { text, sha256: hash.digest("hex") };
}

describe("readText", () => {
  it("tells whether bytes end inside a character, as a fatal decoder does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), fc.nat(), (s, at) => {
        const bytes = Buffer.from(s, "utf8");
        const prefix = bytes.subarray(0, at % (bytes.length + 1));
        let inside = false;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(prefix);
        } catch {
          inside = true;
        }
        expect(endsInsideCharacter(prefix)).toBe(inside);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the text and hash of ASCII and non-ASCII chunks, with characters across the reads", async () => {
    // Read by read (1 MiB each): a BOM and ASCII; ASCII and the first byte of "€"; the rest of
    // it, ASCII and half of "😀"; its other half and ASCII; ASCII alone (the ASCII route); "é".
    const text = `${"a".repeat(CHUNK - 3)}${"b".repeat(CHUNK - 1)}€${"c".repeat(CHUNK - 4)}😀${"d".repeat(CHUNK - 2)}${"e".repeat(CHUNK)}é`;
    const bytes = Buffer.from(`\uFEFF${text}`, "utf8");
    expect([2, 3].map((k) => endsInsideCharacter(bytes.subarray(0, k * CHUNK)))).toEqual([true, true]);
    const out = await read(bytes);
    expect(out.text).toBe(text);
    expect(out.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("refuses invalid bytes, also a character cut short before an ASCII read", async () => {
    const cut = Buffer.concat([Buffer.from("a".repeat(CHUNK - 1)), Buffer.from([0xe2]), Buffer.from("b".repeat(CHUNK))]);
    await expect(read(cut)).rejects.toMatchObject({ reason: "unreadable_encoding" });
    const stray = Buffer.concat([Buffer.from("a".repeat(CHUNK)), Buffer.from([0x41, 0xff, 0x42])]);
    await expect(read(stray)).rejects.toMatchObject({ reason: "unreadable_encoding" });
  });
});
