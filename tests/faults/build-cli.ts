// Global setup of the fault suites: builds the CLI once per run (scripts/build-cli.mjs) into
// `.faults-cli/` and hands its entry to the tests.
// Why: the suites start ~100 CLI processes, and through tsx each spent 2.5 s of CPU (5 s before
// commands loaded report code on use) compiling and loading TypeScript before doing anything —
// about half the suites' time on two cores; the bundle starts in 0.8 s. The bundle is built
// from the same sources at the start of every run, so it can never be stale; it sits one folder
// below the repository root, as cli/ does, so the code's own root-relative paths still resolve.
// tests/ingest/kill-and-rerun.test.ts keeps killing bin/continuum.js itself.
import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildCli as buildBundle } from "../../scripts/build-cli.mjs";

const OUT = path.resolve(import.meta.dirname, "../../.faults-cli");

export default async function buildCli(project: TestProject): Promise<() => void> {
  project.provide("cliEntry", await buildBundle(OUT));
  return () => rmSync(OUT, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    cliEntry: string;
  }
}
