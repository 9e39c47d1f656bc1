// Where an ingest spends its time: loads FOLDER/episodes.csv then FOLDER/assessments.csv into
// a fresh database and prints seconds per phase, rows/s and peak RSS. Used to choose what to
// optimise; `npm run bench:ingest` is the acceptance measurement.
//   tsx scripts/profile-ingest.ts postgres|pglite FOLDER   (postgres: DATABASE_URL, drops/creates db "continuum_profile")
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { ingestFile } from "../pipelines/ingest-file.ts";
import { peakRssKb } from "./peak-rss.mjs";

const [engineName, dir] = process.argv.slice(2);
let options: { url?: string; dataDir?: string };
if (engineName === "postgres") {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query("drop database if exists continuum_profile with (force)");
  await admin.query("create database continuum_profile");
  await admin.end();
  options = { url: process.env.DATABASE_URL!.replace(/\/[^/]*$/, "/continuum_profile") };
} else {
  options = { dataDir: path.join(tmpdir(), "continuum-profile-db") };
  rmSync(options.dataDir!, { recursive: true, force: true });
}
const engine = await openEngine(options);
await migrateToLatest(engine.db);
const round = (t: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, +v.toFixed(2)])));
for (const name of ["episodes.csv", "assessments.csv"]) {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const outcome = await ingestFile(engine, path.join(dir, name), { timings });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name}: ${seconds.toFixed(2)} s, ${Math.round(outcome.rows_read / seconds).toLocaleString()} rows/s, inserted ${outcome.inserted}, quarantined ${outcome.quarantined} ${round(timings)}`);
}
console.log(`peak RSS ${(peakRssKb() / 1024).toFixed(0)} MB`);
await engine.close();
