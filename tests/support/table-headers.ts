// The header cells of a page's HTML tables that still read as machine names (snake_case):
// what a director should never see (reports/html/headers.ts).
export function machineHeaders(html: string): string[] {
  return [...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]).filter((h) => /[A-Za-z0-9]_[A-Za-z0-9]/.test(h));
}
