// One self-contained HTML page per report: inline SVG, inline CSS with print rules, no script,
// no network request (nothing with a URL but in-page anchors), so it opens from a folder or
// an e-mail attachment and prints to A4/Letter cleanly.
import { escapeHtml } from "./escape.ts";
import { PAGE_CSS } from "./style.ts";

export interface Section {
  id: string;
  heading: string;
  /** Which requirement or question the section answers (accreditation standard, claim). */
  evidence?: string;
  /** Trusted HTML built by the report code from escaped parts and rendered charts. */
  html: string;
}

export interface PageSpec {
  title: string;
  subtitle: string;
  /** Small print under the title: data cut, suppression rule, code version. */
  provenance: string[];
  sections: Section[];
}

export function renderPage(page: PageSpec): string {
  const toc = page.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.heading)}</a></li>`).join("");
  const body = page.sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.heading)}</h2>` +
        (s.evidence ? `<p class="evidence">${escapeHtml(s.evidence)}</p>` : "") +
        `${s.html}</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(page.title)}</h1><p class="subtitle">${escapeHtml(page.subtitle)}</p>
<p class="provenance">${page.provenance.map(escapeHtml).join(" · ")}</p></header>
<nav><ol>${toc}</ol></nav>
<main>
${body}
</main>
</body>
</html>
`;
}
