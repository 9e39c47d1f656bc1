// Benchmark of the analyses against their named baselines, each measured in the same run on
// the same database:
//   • `continuum analyze --by level_of_care --json` (every instrument and comparison), whole
//     command, against one bare GROUP BY scan of assessments joined to episodes, with the
//     peak RSS of both (GNU time); optionally against the R baseline (tests/golden/analyze.R,
//     the same rules in base R from the exported CSVs);
//   • `continuum report quarterly` (pages, charts, PDF) — the target is < 20 s at 1M;
//   • `continuum analyze benchmark --by site_id --json` (case-mix adjusted comparison of sites)
//     against `analyze` on the same database — the target is ≤ 3×;
//   • `continuum notebook run --all` (every notebook; one run), its time and peak RSS;
//   • the pathway analysis (`analyze pathways`: matrix and measures), in process and as a
//     command, against one scan of the episodes table joined to itself by patient.
//   npm run bench:analyze -- [--episodes 100000] [--engine server|pglite|citus] [--r]
// server: DATABASE_URL, else a throwaway server from scripts/pg-server.sh; citus: CITUS_URL (a
// coordinator with two workers, scripts/citus-cluster.sh); pglite: a fresh embedded database.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { defaultDataDir, openEngine } from "../db/engine.ts";
import { writeCohort } from "../fixtures/write-cohort.ts";
import { changeRules } from "../queries/analyses/effect-size-table.ts";
import { pathwaysAnalysis } from "../queries/analyses/pathways-analysis.ts";
import { dataCut } from "../queries/data-cut.ts";
import { joinCitusCluster } from "./citus-database.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { episodes: { type: "string", default: "100000" }, engine: { type: "string", default: "server" }, r: { type: "boolean", default: false } } });
const BARE_SCAN = sql`select level_of_care, instrument, count(*), sum(total_score) from assessments join episodes using (episode_id) group by 1, 2`;
const SELF_JOIN = sql`select count(*) from episodes a join episodes b on b.patient_id = a.patient_id`;
const episodes = Number(values.episodes);
const engineKind = values.engine as "server" | "pglite" | "citus";
if (!["server", "pglite", "citus"].includes(engineKind)) throw new Error("--engine is server, pglite or citus");
const work = mkdtempSync(path.join(tmpdir(), "continuum-bench-analyze-"));
chmodSync(work, 0o755);

/** Wall seconds and peak RSS (MB) of a command, from GNU time. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; maxRssMb: number } {
  const stats = path.join(work, "time.txt");
  execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", stats, command, ...args], { stdio: ["ignore", "ignore", "inherit"], env, maxBuffer: 1 << 30 });
  const [seconds, kb] = execFileSync("cat", [stats], { encoding: "utf8" }).trim().split(/\s+/).map(Number);
  return { seconds, maxRssMb: kb / 1024 };
}

/** The median wall time of three runs of a command (the first warms the caches), and the largest peak RSS. */
function timed3(command: string, args: string[], env: NodeJS.ProcessEnv): { seconds: number; maxRssMb: number } {
  const runs = [0, 1, 2].map(() => timed(command, args, env));
  return { seconds: runs.map((r) => r.seconds).sort((a, b) => a - b)[1], maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

/** The median of three timed runs of `run`, in seconds. */
async function median3(run: () => unknown): Promise<number> {
  const seconds = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds.sort((a, b) => a - b)[1];
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
let pgDir: string | null = null;
let dropDatabase = () => {};
try {
  console.error(`generating ${episodes.toLocaleString()} episodes…`);
  const dataDir = path.join(work, "data");
  const cohort = await writeCohort(dataDir, { episodes, seed: 42 });
  writeFileSync(path.join(dataDir, "change-rules.json"), JSON.stringify(changeRules()));

  // Where the database is: a URL on a server or cluster, or CONTINUUM_HOME for PGlite.
  const env: NodeJS.ProcessEnv = { ...process.env, CONTINUUM_HOME: path.join(work, "home") };
  delete env.DATABASE_URL; // the commands get --db, or use the embedded database under CONTINUUM_HOME
  let dbArgs: string[] = [];
  let dbUrl: string | undefined;
  if (engineKind !== "pglite") {
    let url = engineKind === "citus" ? process.env.CITUS_URL : process.env.DATABASE_URL;
    if (!url && engineKind === "citus") throw new Error("--engine citus needs CITUS_URL (scripts/citus-cluster.sh start DIR)");
    if (!url) {
      pgDir = path.join(work, "pg");
      url = execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["start", pgDir, "55498"], { encoding: "utf8" }).trim();
    }
    const name = `bench_analyze_${Date.now()}`;
    execFileSync("psql", [url, "-qc", `create database ${name}`]);
    dbUrl = url.replace(/\/[^/]*$/, `/${name}`);
    if (engineKind === "citus") joinCitusCluster(url, dbUrl);
    dbArgs = ["--db", dbUrl];
    dropDatabase = () => execFileSync("psql", [url!, "-qc", `drop database ${name} with (force)`]);
  }
  const cli = (...args: string[]) => [path.join(ROOT, "bin/continuum.js"), ...dbArgs, ...args];
  execFileSync(process.execPath, cli("migrate"), { stdio: ["ignore", "ignore", "inherit"], env });
  console.error(`ingesting ${cohort.assessments.toLocaleString()} assessments…`);
  execFileSync(process.execPath, cli("ingest", cohort.episodesFile, cohort.assessmentsFile), { stdio: ["ignore", "ignore", "inherit"], env });
  // The embedded database takes one process at a time: the in-process timings open it only
  // while no command runs.
  const withEngine = async <T>(fn: (engine: Awaited<ReturnType<typeof openEngine>>) => Promise<T>): Promise<T> => {
    const engine = await openEngine(dbUrl ? { url: dbUrl } : { dataDir: defaultDataDir(env) });
    try {
      return await fn(engine);
    } finally {
      await engine.close();
    }
  };
  const cut = await withEngine(async (engine) => {
    await sql`vacuum analyze`.execute(engine.db);
    return (await dataCut(engine.db))!;
  });

  console.error("timing analyze, report quarterly and pathways as commands …");
  const ours = timed3(process.execPath, cli("analyze", "--by", "level_of_care", "--json"), env);
  const benchmark = timed3(process.execPath, cli("analyze", "benchmark", "--by", "site_id", "--json"), env);
  const report = timed3(process.execPath, cli("report", "quarterly", "--out", path.join(work, "report")), env);
  const notebooks = timed(process.execPath, cli("notebook", "run", "--all", "--out", path.join(work, "notebooks")), env);
  const pathwaysCommand = timed3(process.execPath, cli("analyze", "pathways", "--json"), env);
  console.error("timing the bare scan, the self-join and the pathway analysis in process …");
  const [scan, selfJoin, pathways] = await withEngine(async (engine) => [
    await median3(() => BARE_SCAN.execute(engine.db)),
    // On Citus a join on patient_id (not the distribution column) needs repartitioning, off by default.
    await median3(() =>
      engineKind === "citus"
        ? engine.transaction(async (tx) => {
            await sql`set local citus.enable_repartition_joins = on`.execute(tx.db);
            await SELF_JOIN.execute(tx.db);
          })
        : SELF_JOIN.execute(engine.db),
    ),
    await median3(() => pathwaysAnalysis(engine.db, { dataCut: cut, withinDays: 14 })),
  ]);

  const where = engineKind === "server" ? "PostgreSQL 15 server" : engineKind === "citus" ? "Citus 13 (coordinator + 2 workers)" : "PGlite";
  console.log(`${episodes.toLocaleString()} episodes, ${cohort.assessments.toLocaleString()} assessments, ${where}; machine: ${cpus().length} cores, node ${process.version}`);
  console.log(`bare scan (assessments ⋈ episodes, GROUP BY; in process, median of 3): ${scan.toFixed(2)} s`);
  console.log(`continuum analyze --by level_of_care --json (whole command, median of 3): ${ours.seconds.toFixed(2)} s, peak RSS ${ours.maxRssMb.toFixed(0)} MB → ${ratio(ours.seconds, scan)} the scan (target ≤ 5×, goal 2×)`);
  console.log(`continuum analyze benchmark --by site_id --json (whole command, median of 3): ${benchmark.seconds.toFixed(2)} s, peak RSS ${benchmark.maxRssMb.toFixed(0)} MB → ${ratio(benchmark.seconds, ours.seconds)} analyze (target ≤ 3×)`);
  console.log(`continuum report quarterly (whole command, PDF included, median of 3): ${report.seconds.toFixed(1)} s, peak RSS ${report.maxRssMb.toFixed(0)} MB (target < 20 s at 1M)`);
  console.log(`continuum notebook run --all (whole command, one run): ${notebooks.seconds.toFixed(1)} s, peak RSS ${notebooks.maxRssMb.toFixed(0)} MB`);
  console.log(`episodes ⋈ episodes by patient (in process, median of 3): ${selfJoin.toFixed(3)} s`);
  console.log(`pathway analysis, in process (median of 3): ${pathways.toFixed(3)} s → ${ratio(pathways, selfJoin)} the self-join (target ≤ 3×)`);
  console.log(`continuum analyze pathways --json (whole command, median of 3): ${pathwaysCommand.seconds.toFixed(2)} s → ${ratio(pathwaysCommand.seconds, selfJoin)}`);
  if (values.r) {
    console.error("timing the R baseline (tests/golden/analyze.R) …");
    const r = timed("Rscript", [path.join(ROOT, "tests/golden/analyze.R"), dataDir, path.join(work, "r.json")]);
    console.log(`R baseline: ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB; R / continuum analyze wall time ${(r.seconds / ours.seconds).toFixed(2)} (target ≥ 2)`);
  }
  dropDatabase();
} finally {
  if (pgDir) execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["stop", pgDir]);
  rmSync(work, { recursive: true, force: true });
}
