// The error contract (DESIGN.md "Command line"): every failure path of every
// command ends in exactly one line `continuum: <what> (<reason code>)` with its exit code, no
// stack trace; `--debug` adds the stack. One table, so a new failure path is one more row.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { messy } from "../ingest/support.ts";
import { cli } from "../support/cli.ts";

const home = mkdtempSync(path.join(tmpdir(), "continuum-contract-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { CONTINUUM_HOME: path.join(home, ".continuum"), DATABASE_URL: "" };
const UNREACHABLE = "postgres://continuum@127.0.0.1:1/nowhere";
const garbage = path.join(home, "garbage.json");
writeFileSync(garbage, "{ not json");
// FHIR exports: a folder whose manifest is not JSON, and one with a resource of no known episode.
const badManifest = path.join(home, "bad-manifest");
mkdirSync(badManifest);
writeFileSync(path.join(badManifest, "manifest.json"), "{ not json");
const unknownEpisode = path.join(home, "unknown-episode");
mkdirSync(unknownEpisode);
writeFileSync(
  path.join(unknownEpisode, "Observation.000.ndjson"),
  `${JSON.stringify({ resourceType: "Observation", id: "o", status: "final", code: { coding: [{ system: "http://loinc.org", code: "44261-6" }] }, encounter: { reference: "Encounter/e" }, effectiveDateTime: "2026-01-05", valueInteger: 3 })}\n`,
);
writeFileSync(path.join(unknownEpisode, "Encounter.000.ndjson"), `${JSON.stringify({ resourceType: "Encounter", id: "e", status: "finished", episodeOfCare: [{ reference: "EpisodeOfCare/nowhere" }] })}\n`);
const SYNTHEA = path.resolve(import.meta.dirname, "../../fixtures/fhir/synthea");

const CASES: { argv: string[]; code: number; reason: string }[] = [
  { argv: ["frobnicate"], code: 2, reason: "usage" },
  { argv: ["analyze", "--nope"], code: 2, reason: "usage" },
  { argv: ["ingest"], code: 2, reason: "usage" },
  { argv: ["ingest", messy("episodes-clean.csv"), "--kind", "spreadsheet"], code: 2, reason: "usage" },
  { argv: ["ingest", messy("episodes-clean.csv"), "--encoding", "utf-7"], code: 2, reason: "usage" },
  { argv: ["ingest", messy("other-ehr-episodes.csv"), "--profile", garbage], code: 2, reason: "bad_profile" },
  { argv: ["analyze", "--from", "yesterday"], code: 2, reason: "usage" },
  { argv: ["analyze", "--quarter", "2026Q5"], code: 2, reason: "usage" },
  { argv: ["report", "quarterly", "--quarter", "2026-3", "--out", path.join(home, "q")], code: 2, reason: "usage" },
  { argv: ["report", "brochure", "--out", path.join(home, "b")], code: 2, reason: "usage" },
  { argv: ["notebook", "no-such-notebook", "--out", path.join(home, "n")], code: 2, reason: "usage" },
  { argv: ["ingest", path.join(home, "missing.csv")], code: 3, reason: "unreadable_file" },
  { argv: ["ingest", messy("identifier-ssn-value.csv")], code: 3, reason: "identifier_found" },
  { argv: ["ingest", messy("identifier-column.csv")], code: 3, reason: "identifier_found" },
  { argv: ["ingest", messy("episodes-bad.csv"), "--strict"], code: 1, reason: "strict_bad_rows" },
  { argv: ["ingest", unknownEpisode, "--map", garbage], code: 2, reason: "bad_map" },
  { argv: ["ingest", messy("episodes-clean.csv"), "--discard-identifiers"], code: 2, reason: "usage" },
  { argv: ["ingest", badManifest], code: 3, reason: "bad_manifest" },
  { argv: ["ingest", SYNTHEA], code: 3, reason: "identifier_found" },
  { argv: ["ingest", unknownEpisode, "--strict"], code: 1, reason: "strict_bad_rows" },
  { argv: ["analyze", "--db", UNREACHABLE], code: 4, reason: "database_unavailable" },
  { argv: ["ingest", messy("episodes-clean.csv"), "--db", UNREACHABLE], code: 4, reason: "database_unavailable" },
  { argv: ["report", "research", "--out", path.join(home, "r"), "--db", UNREACHABLE], code: 4, reason: "database_unavailable" },
];

describe("error contract", () => {
  for (const { argv, code, reason } of CASES) {
    it(`continuum ${argv.map((a) => path.basename(a)).join(" ")} → exit ${code} (${reason})`, async () => {
      const run = await cli(argv, env);
      expect(run.code, run.stderr).toBe(code);
      const lines = run.stderr.trimEnd().split("\n").filter((l) => l.startsWith("continuum: "));
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^continuum: .+ \([a-z_]+\)$/);
      expect(lines[0].endsWith(`(${reason})`), lines[0]).toBe(true);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("--debug adds the stack trace to the same line, for every exit code", async () => {
    for (const { argv, code } of [CASES[0], CASES[11], CASES[14], CASES[15]]) {
      const run = await cli([...argv, "--debug"], env);
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(/^continuum: .+ \([a-z_]+\)\n/);
      if (code !== 1) expect(run.stderr).toMatch(/\n\s+at /);
    }
  });
});
