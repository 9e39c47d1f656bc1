// The reports' stylesheet: readable on screen, tidy on paper (A4 and Letter margins, no
// section split across pages where avoidable, links printed as plain text).
export const PAGE_CSS = `
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --accent: #24508f; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "DejaVu Sans", Verdana, system-ui, sans-serif; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.subtitle { font-size: 15px; margin: 0; }
.provenance, .evidence, .note { color: var(--muted); font-size: 12px; }
nav ol { columns: 2; font-size: 13px; padding-left: 20px; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--rule); text-align: right; }
td + td { white-space: nowrap; }
table.wide { font-size: 11.5px; }
table.wide th, table.wide td { padding: 3px 6px; white-space: normal; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid var(--ink); }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
.tile { border: 1px solid var(--rule); border-radius: 6px; padding: 10px; }
.tile .value { font-size: 22px; font-weight: bold; }
.tile .label, .tile .change { font-size: 12px; color: var(--muted); }
.tile .change.better { color: #1a7f37; }
.tile .change.worse { color: #b42318; }
.empty { font-style: italic; }
ul.changes li { margin: 3px 0; }
details.code { margin: 6px 0; }
details.code summary { color: var(--muted); font-size: 12px; cursor: pointer; }
pre { background: #f6f7f9; border: 1px solid var(--rule); padding: 8px; overflow-x: auto; font-size: 12px; }
code { font-family: "DejaVu Sans Mono", monospace; }
figure { margin: 8px 0; }
svg { max-width: 100%; height: auto; }
@page { size: auto; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section, figure, table, .tiles { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
