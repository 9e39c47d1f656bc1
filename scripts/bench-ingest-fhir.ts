// Benchmark of a FHIR Bulk Data ingest against its named baseline, measured in the
// same run: Node merely reading the export's NDJSON files line by line and JSON.parse-ing each
// line (no mapping, no database). The ingest is the product's own command, `continuum ingest
// DIR --map MAP` (the built CLI, plain Node), timed whole; its peak RSS is read as it exits.
// Prints resources/s of both, their ratio and the peak RSS of each process; `--phases` also
// times the phases in a process of its own (under tsx, on another fresh database).
//   npm run bench:ingest -- --fhir [--observations 1000000] [--engine postgres,pglite,citus] [--phases] [--export DIR]
// The server comes from DATABASE_URL, Citus from CITUS_URL (scripts/pg-server.sh and
// scripts/citus-cluster.sh start them).
import { execFileSync, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { writeFhirExport } from "../fixtures/write-fhir-export.ts";
import { readFhirMap } from "../pipelines/fhir/fhir-map.ts";
import { ingestFhir } from "../pipelines/fhir/ingest-fhir.ts";
import { joinCitusCluster } from "./citus-database.ts";
import { peakRssKb } from "./peak-rss.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  allowPositionals: true,
  options: { fhir: { type: "boolean" }, phases: { type: "boolean" }, export: { type: "string" }, observations: { type: "string", default: "1000000" }, engine: { type: "string", default: "postgres,pglite" }, child: { type: "string" }, db: { type: "string" }, map: { type: "string" } },
});

/** Every line of every NDJSON file of the export, read and parsed: the baseline. */
async function readAndParse(dir: string): Promise<number> {
  let lines = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ndjson"))) {
    let rest = "";
    for await (const chunk of createReadStream(path.join(dir, name), { encoding: "utf8", highWaterMark: 1 << 20 })) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const line of parts) if (line) JSON.parse(line), lines++;
    }
    if (rest) JSON.parse(rest), lines++;
  }
  return lines;
}

if (values.child) {
  const started = performance.now();
  if (values.child === "baseline") {
    const lines = await readAndParse(values.db!);
    console.log(JSON.stringify({ resources: lines, seconds: (performance.now() - started) / 1000, maxRssMb: peakRssKb() / 1024 }));
    process.exit(0);
  }
  const engine = await openEngine(values.db ? { url: values.db } : { dataDir: values.child });
  await migrateToLatest(engine.db);
  if (positional() === "prepare") {
    await engine.close();
    console.log("{}");
    process.exit(0);
  }
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const out = await ingestFhir(engine, [positional()], { map: readFhirMap(values.map!), timings });
  const seconds = (performance.now() - t0) / 1000;
  await engine.close();
  const resources = out.reduce((n, o) => n + o.rows_read, 0);
  const assessments = out.filter((o) => o.resource_type === "Observation" || o.resource_type === "QuestionnaireResponse").reduce((n, o) => n + o.inserted, 0);
  console.log(JSON.stringify({ resources, assessments, seconds, maxRssMb: peakRssKb() / 1024, timings }));
  process.exit(0);
}

function positional(): string {
  return process.argv.at(-1)!;
}

type Result = { resources: number; assessments?: number; seconds: number; maxRssMb: number; timings?: Record<string, number> };
const child = (args: string[]): Result => {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench-ingest-fhir.ts"), ...args], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").at(-1)!);
};

const target = Number(values.observations);
const work = mkdtempSync(path.join(tmpdir(), "continuum-bench-fhir-"));
try {
  // The generator writes about 30 Observations per episode (totals, PHQ-9 panels with their
  // items and total, PHQ-2 and a heart rate beside them).
  const episodes = Math.ceil(target / 30);
  console.error(`generating a FHIR export of ${episodes.toLocaleString()} episodes (~${target.toLocaleString()} Observations)…`);
  // --export DIR keeps the generated export there (and reuses it when it is already there).
  const exportDir = values.export ?? path.join(work, "fhir");
  const fhir = existsSync(path.join(exportDir, "manifest.json"))
    ? { dir: exportDir, mapFile: path.join(exportDir, "..", "fhir-map.json"), counts: {}, assessments: NaN }
    : await writeFhirExport(exportDir, { episodes, seed: 42 });
  const bytes = readdirSync(fhir.dir).reduce((n, f) => n + statSync(path.join(fhir.dir, f)).size, 0);
  if (!Number.isNaN(fhir.assessments)) console.log(`export: ${Object.entries(fhir.counts).map(([t, n]) => `${t} ${n.toLocaleString()}`).join(", ")} (${(bytes / 2 ** 20).toFixed(0)} MiB); ${fhir.assessments.toLocaleString()} assessments`);
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build-cli.mjs")], { stdio: "inherit" });
  for (const engineName of values.engine.split(",")) {
    const baseline = child(["--child", "baseline", "--db", fhir.dir]);
    const base = baseline.resources / baseline.seconds;
    /** A fresh, migrated database: the CLI's arguments and environment to reach it, and its cleanup. */
    const freshDatabase = (): { args: string[]; env: NodeJS.ProcessEnv; childArgs: string[]; cleanup: () => void } => {
      if (engineName === "pglite") {
        const home = path.join(work, `home-${Date.now()}`);
        child(["--child", path.join(home, "db"), "prepare"]);
        return { args: [], env: { CONTINUUM_HOME: home, DATABASE_URL: "" }, childArgs: ["--child", path.join(home, "db")], cleanup: () => rmSync(home, { recursive: true, force: true }) };
      }
      const cluster = engineName === "citus" ? process.env.CITUS_URL : process.env.DATABASE_URL;
      if (!cluster) throw new Error(`${engineName} needs ${engineName === "citus" ? "CITUS_URL" : "DATABASE_URL"}`);
      const name = `bench_fhir_${Date.now()}`;
      execFileSync("psql", [cluster, "-qc", `create database ${name}`]);
      const url = cluster.replace(/\/[^/]*$/, `/${name}`);
      // On Citus the database is made on every worker too, and dropped from every node after.
      if (engineName === "citus") joinCitusCluster(cluster, url);
      const workers = engineName === "citus" ? execFileSync("psql", ["-qAtX", cluster, "-c", "select nodename || ':' || nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary'"], { encoding: "utf8" }).trim().split("\n") : [];
      child(["--child", "server", "--db", url, "prepare"]);
      return {
        args: ["--db", url],
        env: {},
        childArgs: ["--child", "server", "--db", url],
        cleanup: () => {
          for (const node of [cluster, ...workers.map((w) => `postgres://postgres@${w}/postgres`)]) execFileSync("psql", ["-q", node, "-c", `drop database ${name} with (force)`], { stdio: "ignore" });
        },
      };
    };
    const db = freshDatabase();
    try {
      const started = performance.now();
      const run = spawnSync(process.execPath, ["--import", path.join(ROOT, "tests/faults/support/report-rss.mjs"), path.join(ROOT, "bin/continuum.js"), "ingest", fhir.dir, "--map", fhir.mapFile, "--json", ...db.args], {
        encoding: "utf8",
        env: { ...process.env, ...db.env },
        maxBuffer: 1 << 24,
      });
      const seconds = (performance.now() - started) / 1000;
      if (run.status !== 0) throw new Error(`continuum ingest failed: ${run.stderr}`);
      const files = JSON.parse(run.stdout).files as { resource_type: string; rows_read: number; inserted: number }[];
      const resources = files.reduce((n, f) => n + f.rows_read, 0);
      const assessments = files.filter((f) => f.resource_type === "Observation" || f.resource_type === "QuestionnaireResponse").reduce((n, f) => n + f.inserted, 0);
      const rssMb = Number(/rss-kb:(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
      const rate = resources / seconds;
      console.log(
        `${engineName}: continuum ingest ${Math.round(rate).toLocaleString()} resources/s (${resources.toLocaleString()} resources → ${assessments.toLocaleString()} assessments in ${seconds.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB); ` +
          `read + JSON.parse ${Math.round(base).toLocaleString()} resources/s (${baseline.seconds.toFixed(1)} s, peak RSS ${baseline.maxRssMb.toFixed(0)} MB); ratio ${(rate / base).toFixed(2)}`,
      );
    } finally {
      db.cleanup();
    }
    if (values.phases) {
      const again = freshDatabase();
      try {
        const ours = child([...again.childArgs, "--map", fhir.mapFile, fhir.dir]);
        console.log(`  phases (s, ${ours.seconds.toFixed(1)} s in all): ${Object.entries(ours.timings ?? {}).map(([p, sec]) => `${p} ${sec.toFixed(2)}`).join(", ")}`);
      } finally {
        again.cleanup();
      }
    }
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
