// The layout is the architecture (README "Architecture", docs/architecture.md): each layer imports only from the
// layers before it, and stats/ stays pure. This test reads every import and enforces both.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Allowed imports per top-level folder (besides itself and npm packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  fixtures: ["domain"],
  stats: ["domain"],
  db: ["domain"],
  pipelines: ["domain", "stats", "db"],
  queries: ["domain", "stats", "db"],
  reports: ["domain", "stats", "db", "queries"],
  // notebooks/ may also use fixtures/ and pipelines/: a notebook that replicates a published
  // table simulates its cohort (fixtures/published-cohort.ts) and ingests it into a separate
  // in-memory database (pipelines/ingest-file.ts) — never into the user's.
  notebooks: ["domain", "fixtures", "stats", "db", "pipelines", "queries", "reports"],
  cli: ["domain", "fixtures", "stats", "db", "pipelines", "queries", "reports", "notebooks"],
};

/** Node built-ins and packages that mean I/O, a clock or randomness: not allowed in stats/. */
const IMPURE = /^(node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads|os|pg|kysely|@electric-sql\/pglite)$/;

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm)].map(
    (m) => m[1] ?? m[2],
  );
}

describe("layering", () => {
  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    const dir = path.join(ROOT, layer);
    const files = sources(dir);
    it(`${layer}/ imports only from ${allowed.join(", ") || "nothing"} in the project`, () => {
      const violations: string[] = [];
      for (const file of files) {
        for (const spec of importsOf(file)) {
          if (!spec.startsWith(".")) continue;
          const target = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
          if (target !== layer && !allowed.includes(target)) violations.push(`${path.relative(ROOT, file)} → ${spec}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it("stats/ is pure: no I/O, database, clock or randomness", () => {
    const violations: string[] = [];
    for (const file of sources(path.join(ROOT, "stats"))) {
      const text = readFileSync(file, "utf8");
      for (const spec of importsOf(file)) if (IMPURE.test(spec)) violations.push(`${path.basename(file)} imports ${spec}`);
      if (/\bDate\.now\(|\bnew Date\(|Math\.random\(|\bprocess\./.test(text)) violations.push(`${path.basename(file)} uses a clock, randomness or process`);
    }
    expect(violations).toEqual([]);
  });
});
