// %% [markdown]
// # Comparing sites fairly
//
// **Question.** Which of our sites help people more — once we account for who each site
// treats, and for how much a small site's figures move by chance?
//
// **Data.** Every discharged episode with an intake PHQ-9 of 10 or more (the clinical range)
// and a discharge PHQ-9. Part 1 uses a simulated network whose truths are known, in its own
// in-memory database; parts 2–4 use this database.
//
// **Method.** (1) *Severity-adjusted effect size* (ACORN, psychoutcomes.org): the change in
// points is regressed on intake severity, level of care, track, age band and gender over all
// sites; an episode's SAES is (mean change + its residual) ÷ the intake SD, and a site's SAES
// is their mean with a 90% interval — how much its patients improved beyond what patients like
// them improve anywhere in the network. (2) *Shrinkage*: a random-intercept model of the SAES
// (REML, as lme4) pulls each site toward the network mean by how little its own data say
// (Goldstein & Spiegelhalter 1996). (3) *Funnel plots* (Spiegelhalter 2005) of reliable
// improvement, observed ÷ expected from a logistic model of the same case mix, with the limits
// widened for real between-site differences exactly as FunnelPlotR does.
//
// **Reading it.** A site is unusual only outside the funnel's 99.8% limits; its place inside
// the funnel, or its rank, says nothing.
// %%
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { BENCHMARK_NETWORK } from "../fixtures/network.ts";
import { writeCohort } from "../fixtures/write-cohort.ts";
import { ingestFile } from "../pipelines/ingest-file.ts";
import { type BenchmarkDocument, benchmarkAnalysis } from "../queries/analyses/benchmark-analysis.ts";
import { dataCut as dataCutOf } from "../queries/data-cut.ts";
import { funnelPlotSvg } from "../reports/charts/funnel-plot.ts";
import { saesDotPlotSvg } from "../reports/charts/saes-dot-plot.ts";
import { publishSitesComparison } from "../reports/quarterly/sites-compare.ts";
import { publishCount } from "../reports/suppression.ts";
import { currentNotebook } from "./context.ts";

const { db, dataCut, show, threshold } = currentNotebook();
const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const interval = (ci: [number, number] | null) => (ci ? `${ci[0].toFixed(2)} to ${ci[1].toFixed(2)}` : null);

/** One row per site, in the order of the site names: raw change ÷ intake SD beside the adjusted and shrunken SAES. */
const siteRows = (doc: BenchmarkDocument, truth?: (site: string) => string) =>
  doc.groups.map((g) => {
    const shown = g.n >= threshold;
    return {
      Site: g.key,
      ...(truth ? { "Simulated truth": truth(g.key) } : {}),
      Episodes: publishCount(g.n, threshold).text,
      "Mean intake PHQ-9": shown ? fmt(g.mean_intake, 1) : null,
      "Raw change ÷ intake SD": shown && doc.reference ? fmt(g.mean_change / doc.reference.sd_intake) : null,
      "SAES (adjusted)": shown ? fmt(g.saes) : null,
      "Shrunken SAES": shown ? fmt(g.saes_shrunken) : null,
      "Shrunken 90% interval": shown ? interval(g.saes_shrunken_ci90) : null,
    };
  });

// %% [markdown]
// ## 1. Why raw effect sizes mislead: a network whose truths we know
//
// Twelve simulated sites of unequal size (fixtures/network.ts). S02 and S09 admit a more
// severe case mix; S07 a lighter one; S03 and S09 give better care, S05 and S08 worse, the
// others ordinary care. Patients who start higher come down further whatever the care, so the
// raw change rewards severe case mix: S02's raw figure sits above the ordinary sites although
// its care is ordinary. The adjustment removes what intake and case mix predict.
// %%
async function simulatedNetwork(): Promise<BenchmarkDocument> {
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-benchmark-"));
  const engine = await openEngine({ dataDir: "memory://" });
  try {
    await migrateToLatest(engine.db);
    const cohort = await writeCohort(dir, BENCHMARK_NETWORK);
    for (const file of [cohort.episodesFile, cohort.assessmentsFile]) await ingestFile(engine, file, { strict: true });
    return await benchmarkAnalysis(engine.db, { dataCut: (await dataCutOf(engine.db))! });
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const simulated = await simulatedNetwork();
const effects: Record<string, { severity: number; effect: number }> = BENCHMARK_NETWORK.siteEffects;
const truth = (site: string) => {
  const e = effects[site];
  if (!e) return "ordinary case mix and care";
  const mix = e.severity > 0 ? "more severe case mix" : e.severity < 0 ? "lighter case mix" : "ordinary case mix";
  const care = e.effect > 0 ? "better care" : e.effect < 0 ? "worse care" : "ordinary care";
  return `${mix}, ${care}`;
};
show.table("simulated_sites", "Simulated network: raw standardized change against the severity-adjusted and shrunken effect sizes, sites in name order", siteRows(simulated, truth));

// %% [markdown]
// ## 2. Our sites, adjusted and shrunken
//
// Sites in the order of their names. A site with fewer episodes than the publication
// threshold keeps its row but no statistic.
// %%
const doc = await benchmarkAnalysis(db, { dataCut });
if (doc.error || !doc.reference) show.value("benchmark_error", "Nothing to compare", doc.error ?? "no episodes");
show.table("sites", `PHQ-9 intake → discharge, intake ≥ ${doc.clinical_cutoff}; adjusted for ${doc.covariates.join(", ").replaceAll("_", " ")}`, siteRows(doc));
show.value("between_site_sd", "Between-site SD of the SAES (REML), in intake SDs", fmt(doc.variance ? Math.sqrt(doc.variance.group) : null, 3));

// %% [markdown]
// ## 3. The funnel: observed ÷ expected reliable improvement
//
// Expected counts come from a logistic model of reliable improvement on the same case mix.
// When the sites differ more than chance allows (φ > 1), the limits are widened by the
// between-site variance τ² (additive random effects, Spiegelhalter 2005), so that only a
// site beyond real, ordinary variation stands out.
// %%
const published = publishSitesComparison(doc, [], threshold);
if (published && published.funnel.points.length) {
  show.figure("funnel", "Reliable improvement observed ÷ expected per site against the expected count, with 95% (dashed) and 99.8% (solid) limits; a red dot lies outside the 99.8% limits.", funnelPlotSvg(published.funnel.points, published.funnel.curve));
}
show.table(
  "funnels",
  "Both funnels of reliable improvement, as FunnelPlotR computes them",
  [
    ["proportion (arcsine, winsorised z)", doc.funnel_proportion],
    ["observed ÷ expected (log, truncated z)", doc.funnel_ratio],
  ].flatMap(([name, f]) => (f && typeof f === "object" ? [{ Funnel: name as string, Target: fmt(f.target, 3), "φ (dispersion)": fmt(f.phi, 3), "τ² (between sites)": fmt(f.tau2, 5), "Limits widened": f.adjusted ? "yes" : "no", "Sites outside 99.8%": f.limits.filter((l) => l.outlier).map((l) => l.key).join(", ") || "none" }] : [])),
);

// %% [markdown]
// ## 4. Shrinkage
//
// The shrunken estimate weighs a site's own mean against the network's by how much each
// tells: a large site keeps nearly its own figure, a small one moves toward the mean and its
// interval stays wide.
// %%
if (published && published.saes.length) show.figure("shrunken", "Shrunken severity-adjusted effect size per site with its 90% interval, over ACORN's bands (0.5 effective, 0.8 highly effective).", saesDotPlotSvg(published.saes));

// %% [markdown]
// ## Limitations
//
// - **League tables rank noise.** Goldstein & Spiegelhalter (1996, J R Stat Soc A 159:385)
//   showed that the intervals of institutional rankings are so wide that most ranks cannot be
//   told apart; this notebook and the reports therefore list sites by name and never rank them.
// - **Only measured case mix is adjusted.** Referral patterns, diagnoses, social needs and
//   anything else not in the export stay in the site's figure.
// - **Who is measured matters.** Episodes without a discharge score are not in the sample;
//   a site that measures only those who finish looks better than it is (see `check`'s
//   follow-up findings and the attrition check of `analyze`).
// - **ACORN's bands** (0.5, 0.8) are conventions of that collaboration for its instruments,
//   not thresholds validated for every program.
// - **Funnel limits** use FunnelPlotR's defaults (10% winsorising or truncation, 99.8% for
//   outliers); with fewer than about ten sites, φ and τ² are themselves uncertain.
// %%
