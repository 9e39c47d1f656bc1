// The small Markdown of notebook prose → HTML: headings (#, ##, ###), paragraphs, "- " lists
// (an item may continue on indented lines), **bold**, *italic*, `code`. Enough for prose a director reads; everything is escaped first,
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
      // A list: "- " items, each optionally continued on indented lines.
      if (/^\s*- /.test(lines[0]) && lines.every((l) => /^\s*- /.test(l) || /^\s+\S/.test(l))) {
        const items: string[] = [];
        for (const l of lines) {
          if (/^\s*- /.test(l)) items.push(l.replace(/^\s*- /, ""));
          else items[items.length - 1] += ` ${l.trim()}`;
        }
        return `<ul>${items.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`;
      }
      return `<p>${inline(lines.join(" "))}</p>`;
    })
    .join("\n");
}
