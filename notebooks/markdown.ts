// The small Markdown of notebook prose → HTML: headings (#, ##, ###), paragraphs, "- " lists,
// **bold**, *italic*, `code`. Enough for prose a director reads; everything is escaped first,
// so prose can never inject markup into a published page.
import { escapeHtml } from "../reports/html/escape.ts";

const inline = (text: string) =>
  escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>");

export function markdownToHtml(markdown: string): string {
  const blocks = markdown.trim().split(/\n\s*\n/);
  return blocks
    .map((block) => {
      const lines = block.split("\n").map((l) => l.trimEnd());
      const heading = /^(#{1,3}) (.*)$/.exec(lines[0]);
      if (heading && lines.length === 1) return `<h${heading[1].length + 1}>${inline(heading[2])}</h${heading[1].length + 1}>`;
      if (/^- /.test(lines[0])) {
        // A list: "- " starts an item, an indented line continues it.
        const items = lines.reduce<string[]>((acc, l) => (/^\s*- /.test(l) ? [...acc, l.replace(/^\s*- /, "")] : [...acc.slice(0, -1), `${acc.at(-1)} ${l.trim()}`]), []);
        return `<ul>${items.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`;
      }
      return `<p>${inline(lines.join(" "))}</p>`;
    })
    .join("\n");
}
