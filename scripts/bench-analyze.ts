// Benchmark of `continuum analyze --by level_of_care` (every instrument and comparison) on a
// real Postgres against the R baseline (tests/golden/analyze.R: the same timepoint rules and
// statistics in base R, from the same exported CSVs), measured in the same run (issue 6).
// Prints wall time and peak RSS of both (GNU time), and their ratio; and the wall time of one
// bare GROUP BY scan of assessments joined to episodes, the floor an analysis is held to (#20).
//   npm run bench:analyze -- [--episodes 1000000] [--no-r]
// The server comes from DATABASE_URL, else a throwaway one is started with scripts/pg-server.sh.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeCohort } from "../fixtures/write-cohort.ts";
import { changeRules } from "../queries/analyses/effect-size-table.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { episodes: { type: "string", default: "1000000" }, "no-r": { type: "boolean", default: false } } });
const BARE_SCAN = "select level_of_care, instrument, count(*), sum(total_score) from assessments join episodes using (episode_id) group by 1, 2";
const episodes = Number(values.episodes);
const work = mkdtempSync(path.join(tmpdir(), "continuum-bench-analyze-"));
chmodSync(work, 0o755);

/** Wall seconds and peak RSS (MB) of a command, from GNU time. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; maxRssMb: number } {
  const stats = path.join(work, "time.txt");
  execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", stats, command, ...args], { stdio: ["ignore", "ignore", "inherit"], env, maxBuffer: 1 << 30 });
  const [seconds, kb] = execFileSync("cat", [stats], { encoding: "utf8" }).trim().split(/\s+/).map(Number);
  return { seconds, maxRssMb: kb / 1024 };
}

let pgDir: string | null = null;
try {
  console.error(`generating ${episodes.toLocaleString()} episodes…`);
  const dataDir = path.join(work, "data");
  const cohort = await writeCohort(dataDir, { episodes, seed: 42 });
  writeFileSync(path.join(dataDir, "change-rules.json"), JSON.stringify(changeRules()));
  let url = process.env.DATABASE_URL;
  if (!url) {
    pgDir = path.join(work, "pg");
    url = execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["start", pgDir, "55498"], { encoding: "utf8" }).trim();
  }
  const db = `bench_analyze_${Date.now()}`;
  execFileSync("psql", [url, "-qc", `create database ${db}`]);
  const dbUrl = url.replace(/\/[^/]*$/, `/${db}`);
  const cli = (...args: string[]) => [path.join(ROOT, "bin/continuum.js"), ...args, "--db", dbUrl];
  execFileSync(process.execPath, cli("migrate"), { stdio: "inherit" });
  console.error(`ingesting ${cohort.assessments.toLocaleString()} assessments…`);
  execFileSync(process.execPath, cli("ingest", cohort.episodesFile, cohort.assessmentsFile), { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("psql", [dbUrl, "-qc", "vacuum analyze"]);

  console.error("timing continuum analyze --by level_of_care --json …");
  const ours = timed(process.execPath, cli("analyze", "--by", "level_of_care", "--json"));
  console.error("timing one bare scan (psql) …");
  const scan = timed("psql", [dbUrl, "-qAtc", BARE_SCAN]);
  console.log(`${episodes.toLocaleString()} episodes, ${cohort.assessments.toLocaleString()} assessments, PostgreSQL server`);
  console.log(`continuum analyze: ${ours.seconds.toFixed(1)} s, peak RSS ${ours.maxRssMb.toFixed(0)} MB`);
  console.log(`bare scan (psql):  ${scan.seconds.toFixed(2)} s — analyze / scan wall time: ${(ours.seconds / scan.seconds).toFixed(1)}`);
  if (!values["no-r"]) {
    console.error("timing the R baseline (tests/golden/analyze.R) …");
    const r = timed("Rscript", [path.join(ROOT, "tests/golden/analyze.R"), dataDir, path.join(work, "r.json")]);
    console.log(`R baseline:        ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    console.log(`R / continuum wall time: ${(r.seconds / ours.seconds).toFixed(2)} (target ≥ 2); continuum RSS target < 500 MB`);
  }
  console.log(`machine: ${cpus().length} cores, node ${process.version}`);
  execFileSync("psql", [url, "-qc", `drop database ${db} with (force)`]);
} finally {
  if (pgDir) execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["stop", pgDir]);
  rmSync(work, { recursive: true, force: true });
}
