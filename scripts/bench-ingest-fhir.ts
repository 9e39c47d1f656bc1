// Benchmark of a FHIR Bulk Data ingest (issue 27) against its named baseline, measured in the
// same run: Node merely reading the export's NDJSON files line by line and JSON.parse-ing each
// line (no mapping, no database). Prints resources/s of both, their ratio, and the peak RSS of
// the ingest process (each step in a fresh process, so its peak is its own).
//   npm run bench:ingest -- --fhir [--observations 1000000] [--engine postgres,pglite,citus]
// The server comes from DATABASE_URL, Citus from CITUS_URL (scripts/pg-server.sh and
// scripts/citus-cluster.sh start them).
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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
  options: { fhir: { type: "boolean" }, observations: { type: "string", default: "1000000" }, engine: { type: "string", default: "postgres,pglite" }, child: { type: "string" }, db: { type: "string" }, map: { type: "string" } },
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
  const fhir = await writeFhirExport(path.join(work, "fhir"), { episodes, seed: 42 }, path.join(work, "map.json"));
  const bytes = readdirSync(fhir.dir).reduce((n, f) => n + statSync(path.join(fhir.dir, f)).size, 0);
  console.log(`export: ${Object.entries(fhir.counts).map(([t, n]) => `${t} ${n.toLocaleString()}`).join(", ")} (${(bytes / 2 ** 20).toFixed(0)} MiB); ${fhir.assessments.toLocaleString()} assessments`);
  for (const engineName of values.engine.split(",")) {
    const baseline = child(["--child", "baseline", "--db", fhir.dir]);
    let dbArgs: string[];
    let cleanup = () => {};
    if (engineName === "pglite") dbArgs = ["--child", path.join(work, `pglite-${Date.now()}`)];
    else {
      const base = engineName === "citus" ? process.env.CITUS_URL : process.env.DATABASE_URL;
      if (!base) throw new Error(`${engineName} needs ${engineName === "citus" ? "CITUS_URL" : "DATABASE_URL"}`);
      const name = `bench_fhir_${Date.now()}`;
      execFileSync("psql", [base, "-qc", `create database ${name}`]);
      const url = base.replace(/\/[^/]*$/, `/${name}`);
      // On Citus the database is made on every worker too, and dropped from every node after.
      if (engineName === "citus") joinCitusCluster(base, url);
      const workers = engineName === "citus" ? execFileSync("psql", ["-qAtX", base, "-c", "select nodename || ':' || nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary'"], { encoding: "utf8" }).trim().split("\n") : [];
      dbArgs = ["--child", "server", "--db", url];
      cleanup = () => {
        for (const node of [base, ...workers.map((w) => `postgres://postgres@${w}/postgres`)]) execFileSync("psql", [node, "-qc", `drop database ${name} with (force)`]);
      };
    }
    try {
      child([...dbArgs, "prepare"]);
      const ours = child([...dbArgs, "--map", fhir.mapFile, fhir.dir]);
      const rate = ours.resources / ours.seconds;
      const base = baseline.resources / baseline.seconds;
      console.log(
        `${engineName}: continuum ingest ${Math.round(rate).toLocaleString()} resources/s (${ours.resources.toLocaleString()} resources → ${ours.assessments!.toLocaleString()} assessments in ${ours.seconds.toFixed(1)} s, peak RSS ${ours.maxRssMb.toFixed(0)} MB); ` +
          `read + JSON.parse ${Math.round(base).toLocaleString()} resources/s (${baseline.seconds.toFixed(1)} s, peak RSS ${baseline.maxRssMb.toFixed(0)} MB); ratio ${(rate / base).toFixed(2)}`,
      );
      console.log(`  phases (s): ${Object.entries(ours.timings ?? {}).map(([p, sec]) => `${p} ${sec.toFixed(2)}`).join(", ")}`);
    } finally {
      cleanup();
    }
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
