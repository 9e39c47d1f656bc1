// Benchmark of `continuum ingest` against the physical reference of each engine:
//   server: `psql -c "\copy"` of the same file into a bare all-text table on the same server;
//   PGlite: a bare `COPY … FROM '/dev/blob'` of the same file into a fresh embedded database.
// Prints rows/s of both, their ratio, and the peak RSS of the continuum process; `--phases` also
// prints the seconds of each phase of the timed ingest.
//   npm run bench:ingest -- [--rows 1000000] [--engine both|postgres|pglite] [--phases]
// The server comes from DATABASE_URL, else a throwaway one is started with scripts/pg-server.sh.
// `--fhir` runs the FHIR Bulk Data bench instead (scripts/bench-ingest-fhir.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { writeCohort } from "../fixtures/write-cohort.ts";
import { ingestFile } from "../pipelines/ingest-file.ts";
import { peakRssKb } from "./peak-rss.mjs";

if (process.argv.includes("--fhir")) {
  await import("./bench-ingest-fhir.ts");
  process.exit(0);
}

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ allowPositionals: true, options: { rows: { type: "string", default: "1000000" }, engine: { type: "string", default: "both" }, phases: { type: "boolean" }, child: { type: "string" }, stage: { type: "string" }, db: { type: "string" }, episodes: { type: "string" } } });

// Child mode, each step in a fresh process so that its peak RSS is its own: `prepare` creates
// the database and loads the episodes (creating a PGlite database alone peaks near 1 GB, which
// is initdb's, not the ingest's); `floor` only opens it (the engine's own footprint); `ingest`
// times the assessments file.
if (values.child) {
  const engine = await openEngine(values.db ? { url: values.db } : { dataDir: values.child });
  await migrateToLatest(engine.db);
  if (values.stage === "prepare") await ingestFile(engine, values.episodes!);
  let timed: { rows: number; seconds: number; timings?: Record<string, number> } = { rows: 0, seconds: 0 };
  if (values.stage === "ingest") {
    const timings: Record<string, number> = {};
    const started = performance.now();
    const outcome = await ingestFile(engine, process.argv.at(-1)!, { timings });
    timed = { rows: outcome.inserted + outcome.unchanged + outcome.updated, seconds: (performance.now() - started) / 1000, timings };
  }
  await engine.close();
  console.log(JSON.stringify({ ...timed, maxRssMb: peakRssKb() / 1024 }));
  process.exit(0);
}

const rows = Number(values.rows);
const work = mkdtempSync(path.join(tmpdir(), "continuum-bench-"));
chmodSync(work, 0o755); // the throwaway server runs as the postgres user
const episodes = Math.ceil(rows / 11); // the generator makes ~11 assessment rows per episode
console.error(`generating ~${rows.toLocaleString()} assessment rows (${episodes.toLocaleString()} episodes)…`);
const cohort = await writeCohort(path.join(work, "data"), { episodes, seed: 42 });
const header = readFileSync(cohort.assessmentsFile, "utf8").slice(0, 400).split("\n")[0].split(",");

type ChildResult = { rows: number; seconds: number; maxRssMb: number; timings?: Record<string, number> };
function runChild(extra: string[], stage: "prepare" | "floor" | "ingest"): ChildResult {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench-ingest.ts"), ...extra, "--stage", stage, "--episodes", cohort.episodesFile, cohort.assessmentsFile], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

/** Prepares the database, measures the footprint of opening it, then times the ingest. */
function measure(extra: string[]): { ours: ChildResult; floorMb: number } {
  runChild(extra, "prepare");
  const floorMb = runChild(extra, "floor").maxRssMb;
  return { ours: runChild(extra, "ingest"), floorMb };
}

/**
 * `ceiling`: rows/s of a COPY of the ingest's own result (the validated, typed rows) into an
 * empty twin of the core table — same columns, CHECKs and primary key, no foreign keys — with
 * nothing else done: what any design must at least pay to land the rows, as a ratio too.
 */
const report = (engineName: string, baseline: number, ceiling: number, { ours, floorMb }: { ours: ChildResult; floorMb: number }) => {
  const rate = ours.rows / ours.seconds;
  const perSecond = (n: number) => `${Math.round(n).toLocaleString()} rows/s`;
  console.log(
    `${engineName}: continuum ingest ${perSecond(rate)} (${ours.rows.toLocaleString()} rows, ${ours.seconds.toFixed(2)} s, peak RSS ${ours.maxRssMb.toFixed(0)} MB; opening the database alone ${floorMb.toFixed(0)} MB); ` +
      `bare COPY ${perSecond(baseline)}; ratio ${(rate / baseline).toFixed(2)}; ceiling (typed rows COPYed into the keyed core table, nothing else) ${perSecond(ceiling)}, ratio ${(ceiling / baseline).toFixed(2)}`,
  );
  if (values.phases) console.log(`  phases (s): ${Object.entries(ours.timings ?? {}).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}`).join(", ")}`);
};

const CEILING_TABLE = "create table ceiling (like assessments including all)";

try {
  if (values.engine !== "pglite") {
    let url = process.env.DATABASE_URL;
    const pgDir = path.join(work, "pg");
    if (!url) url = execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["start", pgDir, "55499"], { encoding: "utf8" }).trim();
    try {
      const db = `bench_${Date.now()}`;
      execFileSync("psql", [url, "-qc", `create database ${db}`]);
      const dbUrl = url.replace(/\/[^/]*$/, `/${db}`);
      execFileSync("psql", [dbUrl, "-qc", `create table bare (${header.map((c) => `"${c}" text`).join(", ")})`]);
      const t0 = performance.now();
      spawnSync("psql", [dbUrl, "-qc", `\\copy bare from '${cohort.assessmentsFile}' with (format csv, header true)`], { stdio: "inherit" });
      const bare = cohort.assessments / ((performance.now() - t0) / 1000);
      const measured = measure(["--child", "server", "--db", dbUrl]);
      const typed = path.join(work, "typed.csv");
      execFileSync("psql", [dbUrl, "-qc", `\\copy (select * from assessments) to '${typed}' with (format csv)`]);
      execFileSync("psql", [dbUrl, "-qc", CEILING_TABLE]);
      const t1 = performance.now();
      spawnSync("psql", [dbUrl, "-qc", `\\copy ceiling from '${typed}' with (format csv)`], { stdio: "inherit" });
      report("postgres", bare, measured.ours.rows / ((performance.now() - t1) / 1000), measured);
      execFileSync("psql", [url, "-qc", `drop database ${db} with (force)`]);
    } finally {
      if (!process.env.DATABASE_URL) execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["stop", pgDir]);
    }
  }
  if (values.engine !== "postgres") {
    const bareDir = path.join(work, "pglite-bare");
    const pglite = await PGlite.create(bareDir);
    await pglite.exec(`create table bare (${header.map((c) => `"${c}" text`).join(", ")})`);
    const blob = new Blob([readFileSync(cohort.assessmentsFile)]);
    const t0 = performance.now();
    await pglite.query(`copy bare from '/dev/blob' with (format csv, header true)`, [], { blob });
    const bare = cohort.assessments / ((performance.now() - t0) / 1000);
    await pglite.close();
    const measured = measure(["--child", path.join(work, "pglite-continuum")]);
    const loaded = await PGlite.create(path.join(work, "pglite-continuum"));
    const typed = (await loaded.query("copy (select * from assessments) to '/dev/blob' with (format csv)")).blob!;
    await loaded.exec(CEILING_TABLE);
    const t1 = performance.now();
    await loaded.query("copy ceiling from '/dev/blob' with (format csv)", [], { blob: typed });
    const ceiling = measured.ours.rows / ((performance.now() - t1) / 1000);
    await loaded.close();
    report("pglite", bare, ceiling, measured);
  }
  console.log(`machine: ${(await import("node:os")).cpus().length} cores, node ${process.version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
