// utf8Text, the decoder of the Node-side readers (the checked way, the NDJSON reader): the same
// text as Buffer's UTF-8 decoder for every valid byte string, ASCII or not, and null for bytes
// that are not UTF-8 (a lone continuation byte, a truncated sequence, an overlong encoding).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Text } from "../../pipelines/utf8-text.ts";

describe("utf8Text", () => {
  it("gives the UTF-8 decoder's text, on the ASCII route and the other", () => {
    const text = fc.oneof(fc.string({ unit: "binary-ascii", maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }));
    fc.assert(
      fc.property(text, (s) => {
        const bytes = Buffer.from(s, "utf8");
        expect(utf8Text(bytes)).toBe(bytes.toString("utf8"));
      }),
      { numRuns: 300 },
    );
  });

  it("is null for bytes that are not UTF-8", () => {
    for (const bad of [[0x80], [0x41, 0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x41, 0xff, 0x42]]) expect(utf8Text(Buffer.from(bad))).toBeNull();
  });
});
