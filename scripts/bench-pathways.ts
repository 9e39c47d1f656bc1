// Benchmark of `continuum analyze pathways` (issue 18) on a real Postgres server against its
// named baseline, measured in the same run: one scan of the episodes table joined to itself by
// patient. Prints the analysis's own time (the query and the Wilson CIs, in this process) and
// the whole command's wall time (Node start-up included), each as a ratio to the baseline.
//   npm run bench:pathways -- [--episodes 100000]
// The server comes from DATABASE_URL, else a throwaway one is started with scripts/pg-server.sh.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openEngine } from "../db/engine.ts";
import { writeCohort } from "../fixtures/write-cohort.ts";
import { pathwaysAnalysis } from "../queries/analyses/pathways-analysis.ts";
import { dataCut } from "../queries/data-cut.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { episodes: { type: "string", default: "100000" } } });
const episodes = Number(values.episodes);
const work = mkdtempSync(path.join(tmpdir(), "continuum-bench-pathways-"));
chmodSync(work, 0o755);

/** The median of three timed runs, in seconds. */
async function median3(run: () => unknown): Promise<number> {
  const seconds = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds.sort((a, b) => a - b)[1];
}

let pgDir: string | null = null;
try {
  let url = process.env.DATABASE_URL;
  if (!url) {
    pgDir = path.join(work, "pg");
    url = execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["start", pgDir, "55497"], { encoding: "utf8" }).trim();
  }
  console.error(`generating ${episodes.toLocaleString()} episodes…`);
  const cohort = await writeCohort(path.join(work, "data"), { episodes, seed: 42 });
  const name = `bench_pathways_${Date.now()}`;
  execFileSync("psql", [url, "-qc", `create database ${name}`]);
  const dbUrl = url.replace(/\/[^/]*$/, `/${name}`);
  const cli = (...args: string[]) => [path.join(ROOT, "bin/continuum.js"), "--db", dbUrl, ...args];
  execFileSync(process.execPath, cli("migrate"), { stdio: "ignore" });
  console.error(`ingesting ${cohort.assessments.toLocaleString()} assessments…`);
  execFileSync(process.execPath, cli("ingest", cohort.episodesFile, cohort.assessmentsFile), { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("psql", [dbUrl, "-qc", "vacuum analyze"]);

  const engine = await openEngine({ url: dbUrl });
  try {
    const cut = (await dataCut(engine.db))!;
    const baseline = await median3(() => sql`select count(*) from episodes a join episodes b on b.patient_id = a.patient_id`.execute(engine.db));
    const analysis = await median3(() => pathwaysAnalysis(engine.db, { dataCut: cut, withinDays: 14 }));
    const command = await median3(() => execFileSync(process.execPath, cli("analyze", "pathways", "--json"), { stdio: ["ignore", "ignore", "inherit"] }));
    const { rows } = await sql<{ patients: number; multi: number }>`
      select count(*)::int as patients, count(*) filter (where n > 1)::int as multi from (select patient_id, count(*) as n from episodes group by 1) p`.execute(engine.db);
    console.log(`${episodes.toLocaleString()} episodes (${rows[0].patients.toLocaleString()} patients, ${rows[0].multi.toLocaleString()} with several episodes), ${cohort.assessments.toLocaleString()} assessments, PostgreSQL server; medians of 3`);
    console.log(`baseline: episodes joined to itself by patient   ${baseline.toFixed(3)} s`);
    console.log(`pathways analysis (queries + CIs, in process)    ${analysis.toFixed(3)} s  → ${(analysis / baseline).toFixed(2)}× the baseline (target ≤ 3)`);
    console.log(`continuum analyze pathways --json (whole command) ${command.toFixed(3)} s  → ${(command / baseline).toFixed(2)}× the baseline`);
    console.log(`machine: ${cpus().length} cores, node ${process.version}`);
  } finally {
    await engine.close();
  }
  execFileSync("psql", [url, "-qc", `drop database ${name} with (force)`]);
} finally {
  if (pgDir) execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["stop", pgDir]);
  rmSync(work, { recursive: true, force: true });
}
