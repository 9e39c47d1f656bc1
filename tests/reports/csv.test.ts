// The one CSV writer of the reports: RFC 4180 quoting, and formula injection neutralized in
// every text cell, whatever its content.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../reports/csv.ts";
import { csvCells } from "../support/published-counts.ts";

describe("toCsv", () => {
  it("quotes commas, quotes and newlines and writes numbers as numbers", () => {
    expect(toCsv(["a", "b"], [{ a: 'say "hi", then', b: -1.5 }, { a: "two\nlines", b: null }])).toBe('a,b\n"say ""hi"", then",-1.5\n"two\nlines",\n');
  });

  it("neutralizes spreadsheet formulas in text cells", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe("-2");
  });

  it("round-trips any text, and no written cell starts a formula", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const line = csvField(text);
        if (/[\n\r]/.test(text)) return true; // multi-line fields are not one line
        const [back] = csvCells(line);
        return !/^[=+\-@\t\r]/.test(back) && (back === text || back === `'${text}`);
      }),
    );
  });
});
