// Concurrency: four `continuum ingest` processes at once (three different files and
// one of them twice) load every file exactly once and leave what a serial load leaves; and
// `analyze` / `report` run while an ingest is loading see the state before or after the file,
// never part of it. On a server (advisory lock + one transaction per file + snapshot readers)
// and on the embedded database (one process at a time through the folder lock).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { cli } from "../support/cli.ts";
import { cleanLoadHashes, contentHash, faultSandbox, ingestUnderWay, ledgerProblems, runChild } from "./support.ts";

const PLAN = [
  { kind: "postgres", runs: 2, episodes: 1500 },
  { kind: "pglite", runs: 1, episodes: 600 },
] as const;

const sandbox = faultSandbox("concurrency", { server: true });
const { dir } = sandbox;

/** Splits a CSV (one record per line, as the generator writes) into files of consecutive rows. */
function split(file: string, parts: number[][], names: string[]): string[] {
  const [header, ...rows] = readFileSync(file, "utf8").trimEnd().split("\n");
  return parts.map(([from, to], i) => {
    const out = path.join(path.dirname(file), names[i]);
    writeFileSync(out, `${[header, ...rows.slice(Math.floor(from * rows.length), Math.floor(to * rows.length))].join("\n")}\n`);
    return out;
  });
}

for (const plan of PLAN) {
  describe(`concurrent commands on ${plan.kind}`, () => {
    const data = path.join(dir, `data-${plan.kind}`);
    const home = path.join(dir, `home-${plan.kind}`);
    let url = "";
    let files: { episodesFile: string; assessmentsFile: string };
    const thirds = [[0, 1 / 3], [1 / 3, 2 / 3], [2 / 3, 1]];
    const reset = async () => {
      if (plan.kind === "pglite") return rmSync(home, { recursive: true, force: true });
      url = await sandbox.server.createDatabase("continuum_concurrency");
      const engine = await openEngine({ url });
      await migrateToLatest(engine.db);
      await engine.close();
    };
    const dbArgs = () => (url ? ["--db", url] : []);
    const env = () => ({ CONTINUUM_HOME: home });
    const open = () => openEngine(url ? { url } : { dataDir: path.join(home, "db") });
    beforeAll(async () => {
      files = await writeCohort(data, { episodes: plan.episodes, seed: 21 });
    });

    it("4 ingests at once load every file exactly once", async () => {
      const episodes = split(files.episodesFile, thirds, ["episodes-1.csv", "episodes-2.csv", "episodes-3.csv"]);
      const assessments = split(files.assessmentsFile, thirds, ["assessments-1.csv", "assessments-2.csv", "assessments-3.csv"]);
      const clean = (await cleanLoadHashes([...episodes, ...assessments])).at(-1);

      let clean_runs = 0;
      for (let run = 0; run < plan.runs; run++) {
        await reset();
        // Episodes first (assessments need their episodes), each round four processes at once.
        for (const round of [[...episodes, episodes[0]], [...assessments, assessments[1]]]) {
          const results = await Promise.all(round.map((file) => runChild(["ingest", file, "--json", ...dbArgs()], env())));
          for (const r of results) expect(r.code, r.stderr).toBe(0);
          const statuses = results.map((r) => JSON.parse(r.stdout).files[0].status as string);
          const duplicate = round.indexOf(round[3]);
          expect([statuses[duplicate], statuses[3]].sort()).toEqual(["already_ingested", "loaded"]);
          expect(statuses.filter((s) => s === "loaded")).toHaveLength(3);
        }
        const engine = await open();
        try {
          expect(await contentHash(engine)).toEqual(clean);
          expect(await ledgerProblems(engine)).toEqual([]);
        } finally {
          await engine.close();
        }
        clean_runs++;
      }
      console.log(`faults: ${plan.kind}: concurrency runs clean ${clean_runs} / run ${plan.runs}`);
    });

    it("analyze and report during an ingest see the state before or after the file", async () => {
      const [first, rest] = split(files.assessmentsFile, [[0, 0.4], [0.4, 1]], ["assessments-first.csv", "assessments-rest.csv"]);
      await reset();
      expect((await runChild(["ingest", files.episodesFile, first, ...dbArgs()], env())).code).toBe(0);
      const analyze = async () => {
        const r = await cli(["analyze", "--json", ...dbArgs()], env());
        expect(r.code, r.stderr).toBe(0);
        return r.stdout;
      };
      const before = await analyze();
      const countAssessments = async () => {
        const engine = await open();
        try {
          return (await contentHash(engine)).counts.assessments;
        } finally {
          await engine.close();
        }
      };
      const countBefore = await countAssessments();

      let running = true;
      const ingest = runChild(["ingest", rest, ...dbArgs()], env()).then((r) => ((running = false), r));
      // Readers start only once the ingest holds its lock, so the first one starts mid-load.
      const target = url ? { adminUrl: sandbox.server.url, database: "continuum_concurrency" } : { dataDir: path.join(home, "db") };
      expect(await ingestUnderWay(target, () => running)).toBe(true);
      const seen: string[] = [];
      const reportCounts: number[] = [];
      const report = async () => {
        const out = path.join(dir, `report-${plan.kind}-${reportCounts.length + 1}`);
        mkdirSync(path.dirname(out), { recursive: true });
        const r = await cli(["report", "research", "--skip-pdf", "--out", out, ...dbArgs()], env());
        expect(r.code, r.stderr).toBe(0);
        reportCounts.push(JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")).database.row_counts.assessments);
      };
      // Three analyses and a report start together mid-load (each in its own snapshot on a
      // server; on the embedded database they queue for the folder lock behind the ingest).
      let startedDuringIngest = 4;
      const analyses = [analyze(), analyze(), analyze()].map(async (reading) => {
        seen.push(await reading);
      });
      await Promise.all([...analyses, report()]);
      // Then more, one round at a time, while the load lasts.
      while (running && seen.length < 6) {
        startedDuringIngest += 2;
        seen.push(await analyze());
        await report();
      }
      expect((await ingest).code).toBe(0);
      const after = await analyze();
      expect(after).not.toBe(before);
      expect(startedDuringIngest).toBeGreaterThan(0);
      for (const s of seen) expect([before, after]).toContain(s);
      const countAfter = await countAssessments();
      for (const n of reportCounts) expect([countBefore, countAfter]).toContain(n);
      console.log(`faults: ${plan.kind}: ${seen.length} analyze and ${reportCounts.length} report runs during an ingest, each saw a whole state (${seen.filter((s) => s === before).length} analyses the state before the file, the rest after)`);
    });
  });
}
