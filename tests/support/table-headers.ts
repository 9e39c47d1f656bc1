// Asserts that a page's HTML table headers read as words, not machine names (snake_case):
// what a director should never see (reports/html/headers.ts).
import { expect } from "vitest";

export function expectHumanHeaders(html: string, where: string): void {
  const machine = [...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]).filter((h) => /[A-Za-z0-9]_[A-Za-z0-9]/.exec(h) !== null);
  expect(machine, where).toEqual([]);
}
