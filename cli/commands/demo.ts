// `continuum demo`: the main job on a fresh machine — generate a synthetic cohort (seeded),
// create the embedded database's schema, ingest the cohort, and report what was loaded.
// `--from fhir` writes the cohort as an EHR's FHIR Bulk Data export instead and ingests that
// (with the map file a site writes); a FHIR export carries no sessions, hours, payer or
// would-recommend answers, so the report sections built on them have nothing to show then.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrateToLatest } from "../../db/migrate.ts";
import { DEMO_NETWORK } from "../../fixtures/network.ts";
import { writeCohort } from "../../fixtures/write-cohort.ts";
import { writeFhirExport } from "../../fixtures/write-fhir-export.ts";
import { readFhirMap } from "../../pipelines/fhir/fhir-map.ts";
import { type FhirFileOutcome, ingestFhir } from "../../pipelines/fhir/ingest-fhir.ts";
import { type FileOutcome, ingestFile } from "../../pipelines/ingest-file.ts";
import { effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT, usageError } from "../errors.ts";
import { renderEffectTable } from "./analyze.ts";
import { fhirSummaryLine } from "./ingest.ts";
import { REPORTS, runReport } from "./report.ts";
import { DEFAULT_THRESHOLD } from "../../reports/suppression.ts";

const positiveInt = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`--${name} must be a positive integer`);
  return Number(value);
};

export const demo: Command = {
  name: "demo",
  summary: "generate a synthetic cohort, load it into the embedded database, and analyze it",
  usage: "continuum demo [--episodes N] [--seed S] [--from csv|fhir] [--out DIR] [--reports DIR] [--skip-pdf] [--db URL] [--json]",
  options: { episodes: { type: "string" }, seed: { type: "string" }, from: { type: "string" }, out: { type: "string" }, reports: { type: "string" }, "skip-pdf": { type: "boolean" } },
  async run({ values }, ctx) {
    const episodes = positiveInt(stringOption(values, "episodes"), "episodes", 2000);
    const seed = positiveInt(stringOption(values, "seed"), "seed", 1);
    const out = path.resolve(stringOption(values, "out") ?? "continuum-demo");
    const from = stringOption(values, "from") ?? "csv";
    if (from !== "csv" && from !== "fhir") throw usageError("--from must be csv or fhir");
    const dataDir = path.join(out, "data");
    ctx.stderr.write(`continuum demo: generating ${episodes} synthetic episodes (seed ${seed}) in ${dataDir}${from === "fhir" ? " as a FHIR Bulk Data export" : ""}\n`);
    // The demo is a network of six sites that really differ (fixtures/network.ts), so the report's comparison of sites has something to show.
    const parameters = { episodes, seed, ...DEMO_NETWORK };
    const cohort = from === "fhir" ? await writeFhirExport(path.join(dataDir, "fhir"), parameters) : await writeCohort(dataDir, parameters);
    const engine = await connect(ctx, stringOption(values, "db"), { schema: false });
    try {
      await migrateToLatest(engine.db);
      const outcomes: FileOutcome[] = [];
      if ("mapFile" in cohort) outcomes.push(...(await ingestFhir(engine, [cohort.dir], { map: readFhirMap(cohort.mapFile) })));
      else for (const file of [cohort.episodesFile, cohort.assessmentsFile]) outcomes.push(await ingestFile(engine, file));
      for (const outcome of outcomes) {
        const line = "used" in outcome ? fhirSummaryLine(outcome as FhirFileOutcome) : `${outcome.file} ${outcome.status}: ${outcome.inserted} inserted, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.quarantined} quarantined`;
        ctx.stderr.write(`continuum demo: ${line.replace(outcome.file, path.basename(outcome.file))}\n`);
      }
      const cut = await dataCut(engine.db);
      ctx.stderr.write("continuum demo: computing effect sizes by level of care\n");
      const rows = cut ? await effectSizeTable(engine.db, { comparisons: ["intake_discharge", "intake_followup_6m"], by: ["level_of_care"], dataCut: cut }) : [];
      const analysisFile = path.join(out, "analysis", "effect-sizes.json");
      mkdirSync(path.dirname(analysisFile), { recursive: true });
      writeFileSync(analysisFile, `${JSON.stringify({ data_cut: cut, rows }, null, 2)}\n`);
      // Every report set for the synthetic cohort, into ./reports/out (DESIGN.md: demo "writes every report").
      const reportsDir = path.resolve(stringOption(values, "reports") ?? path.join("reports", "out"));
      const reports: Record<string, string> = {};
      for (const kind of REPORTS) {
        ctx.stderr.write(`continuum demo: writing the ${kind} report\n`);
        const written = await runReport(engine, { kind, out: path.join(reportsDir, kind), threshold: DEFAULT_THRESHOLD, pdf: !values["skip-pdf"] }, ctx);
        reports[kind] = path.join(written.dir, written.pages[0] ?? "");
      }
      const summary = { database: engine.location, data_cut: cut, episodes: cohort.episodes, assessments: cohort.assessments, files: outcomes, analysis: analysisFile, reports, out };
      if (values.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        ctx.stdout.write(`loaded ${cohort.episodes} episodes and ${cohort.assessments} assessments into ${engine.location} (data cut ${cut})\n\n`);
        ctx.stdout.write(renderEffectTable(rows.filter((r) => r.instrument === "PHQ9" || r.instrument === "GAD7"), ["level_of_care"]));
        ctx.stdout.write(`\nevery instrument and comparison: ${analysisFile}\n`);
        ctx.stdout.write(`reports (open in a browser):\n${Object.entries(reports).map(([kind, file]) => `  ${kind.padEnd(13)} ${file}`).join("\n")}\n`);
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
