// `continuum report research`: the reproducible research export — the de-identified tidy
// dataset (data/analysis-dataset.csv), every analysis table as CSV and JSON (tables/), every
// chart as SVG, PNG and a Vega-Lite spec with its published data inline (charts/), a codebook,
// a README, and manifest.json last. Same data and code → byte-identical files.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { durabilitySvg } from "../charts/durability.ts";
import { forestPlotSvg } from "../charts/forest-plot.ts";
import { prePostSvg } from "../charts/pre-post.ts";
import { retentionCurvesSvg } from "../charts/retention-curves.ts";
import { durabilitySpec, forestPlotSpec, prePostSpec, retentionSpec } from "../charts/vega-lite.ts";
import { csvLines, toCsv } from "../csv.ts";
import { HEADLINE_INSTRUMENTS, instrumentTitle, toForestRow, toPrePostRow } from "../quarterly/model.ts";
import { ReportFolder } from "../report-folder.ts";
import { weeklySurvival } from "../suppression.ts";
import { codebook, codebookMarkdown } from "./codebook.ts";
import { deidentifiedDataset } from "./dataset.ts";
import { researchTables } from "./tables.ts";
import { retentionAnalysis } from "../../queries/analyses/other-analyses.ts";

const README = `# Research export

- \`data/analysis-dataset.csv\` — one row per episode × instrument × timepoint, de-identified (pseudonymous keys, admission year and day offsets, rare categories recoded).
- \`tables/*.csv\`, \`tables/*.json\` — effect sizes, retention, mixed-model (ITT) means, ANCOVA, comparable outcomes (TOST equivalence and non-inferiority at cited margins, ANCOVA and weighted); counts of 1–10 shown as \`<11\`, statistics on fewer than the threshold of episodes left empty.
- \`charts/*.svg\`, \`*.png\`, \`*.vl.json\` — each chart, and its Vega-Lite spec with the published data inline.
- \`codebook.md\`, \`codebook.json\` — every column of every CSV.
- \`manifest.json\` — inputs, code version, parameters and a hash of every file.
`;

export async function writeResearchExport(
  db: Kysely<Database>,
  options: { out: string; dataCut: string; threshold: number; engine: string; note?: (line: string) => void },
): Promise<{ dir: string; pages: string[] }> {
  const { out, dataCut, threshold, engine } = options;
  const folder = new ReportFolder(out, { note: options.note });

  const dataset = await deidentifiedDataset(db, { dataCut, threshold });
  // The header comes from the first row, as toCsv's would; an empty dataset is an empty line.
  let datasetColumns: string[] = [];
  await folder.writeStream("data/analysis-dataset.csv", async (write) => {
    await dataset.forEachBatch((rows) => {
      if (!datasetColumns.length) write(toCsv((datasetColumns = Object.keys(rows[0])), []));
      write(csvLines(datasetColumns, rows as never));
    });
    if (!datasetColumns.length) write(toCsv([], []));
  });

  const { tables, effects } = await researchTables(db, { dataCut, threshold, siteCode: dataset.siteCode });
  for (const t of tables) {
    folder.write(`tables/${t.name}.csv`, toCsv(t.columns, t.rows));
    folder.writeJson(`tables/${t.name}.json`, { title: t.title, data_cut: dataCut, threshold, rows: t.rows });
  }

  const published = effects.filter((r) => r.comparison === "intake_discharge" && r.n >= threshold && r.pre_mean !== null);
  const prePost = published.filter((r) => HEADLINE_INSTRUMENTS.includes(r.instrument as never)).map(toPrePostRow);
  const forest = published.filter((r) => r.d_pre_ci !== null).map(toForestRow);
  const itt = tables.find((t) => t.name === "itt-means")!.rows.filter((r) => r.mean !== null && HEADLINE_INSTRUMENTS.includes(r.instrument as never));
  const durability = itt.map((r) => ({ instrument: instrumentTitle(String(r.instrument)), label: String(r.level_of_care), timepoint: String(r.timepoint), mean: Number(r.mean), lower: Number(r.lower), upper: Number(r.upper) }));
  const km = await retentionAnalysis(db, { dataCut, by: "level_of_care" });
  const shownGroups = km.groups.filter((g) => g.n >= threshold).map((g) => g.level_of_care);
  const steps = weeklySurvival(
    km.steps
      .filter((s) => shownGroups.includes(s.level_of_care))
      .flatMap((s) => [{ label: String(s.level_of_care), day: 0, surv: 1, lower: 1, upper: 1 }, ...s.steps.map((p) => ({ label: String(s.level_of_care), day: p.time, surv: p.surv, lower: p.lower ?? p.surv, upper: p.upper ?? p.surv }))]),
  );
  if (prePost.length) folder.writeChart("pre-post", prePostSvg(prePost, { xLabel: "← fewer symptoms · mean score (95% CI)" }), prePostSpec(prePost));
  if (forest.length) folder.writeChart("effect-sizes", forestPlotSvg(forest, [], { metric: "d (change / intake SD)" }), forestPlotSpec(forest, "d_pre"));
  if (durability.length) folder.writeChart("durability", durabilitySvg(durability, undefined, { yLabel: "↓ mean score (95% CI), lower is better" }), durabilitySpec(durability));
  if (steps.length) folder.writeChart("retention", retentionCurvesSvg(steps), retentionSpec(steps));

  const entries = codebook([{ file: "data/analysis-dataset.csv", columns: datasetColumns }, ...tables.map((t) => ({ file: `tables/${t.name}.csv`, columns: t.columns }))]);
  folder.writeJson("codebook.json", { recoded_as_other: dataset.recoded, columns: entries });
  folder.write("codebook.md", codebookMarkdown(entries));
  folder.writeJson("tables/retention.json", { title: tables.find((t) => t.name === "retention")!.title, data_cut: dataCut, threshold, rows: tables.find((t) => t.name === "retention")!.rows, logrank: km.logrank });
  folder.write("README.md", README);
  await folder.writeManifest(db, { report: "research", engine, dataCut, parameters: { threshold } });
  return { dir: out, pages: ["README.md"] };
}
