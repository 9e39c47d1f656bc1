// Notebook prose → HTML: headings, paragraphs, lists with continued items, inline marks, and
// everything escaped.
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../notebooks/markdown.ts";

describe("markdownToHtml", () => {
  it("renders headings, paragraphs and inline marks", () => {
    expect(markdownToHtml("## Result\n\n**Bold** and *it* with `code`\nacross lines.")).toBe("<h3>Result</h3>\n<p><strong>Bold</strong> and <em>it</em> with <code>code</code> across lines.</p>");
  });

  it("joins an indented line to the list item it continues", () => {
    expect(markdownToHtml("- one\n  more\n- two")).toBe("<ul><li>one more</li><li>two</li></ul>");
  });

  it("escapes markup in prose", () => {
    expect(markdownToHtml("a <script>x</script> & b")).toBe("<p>a &lt;script&gt;x&lt;/script&gt; &amp; b</p>");
  });
});
