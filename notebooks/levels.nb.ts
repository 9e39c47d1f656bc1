// %% [markdown]
// # IOP vs PHP vs OP: comparing levels of care fairly
//
// **Question.** Do people improve more at one level of care than another — once we account
// for the fact that sicker people are sent to more intensive care?
//
// **Data.** Every discharged episode with an intake and a discharge PHQ-9 (depression).
//
// **Method.** Two adjustments. (1) *ANCOVA*: the discharge score compared between levels with
// the intake score as covariate (IOP as reference; Vickers & Altman 2001 on why ANCOVA beats
// comparing change scores). (2) *Inverse probability weighting*: for each pair of levels, a
// logistic model of which level a person received given intake severity, track, age band and
// payer (the propensity score, Rosenbaum & Rubin 1983); each episode is weighted by the inverse
// probability of the level it got (stabilized weights, Hernán & Robins 2006), so the weighted
// groups resemble each other on those characteristics; then the weighted difference in mean
// improvement. *Balance*: standardized mean differences of each covariate before and after
// weighting (Austin 2009); below 0.1 is usually read as balanced.
//
// **Reading it.** If both methods agree, the difference between levels is not explained by
// the measured differences in who was admitted — unmeasured ones remain possible.
// %%
import { sql } from "kysely";
import { compareAnalysis } from "../queries/analyses/other-analyses.ts";
import { pairSums } from "../queries/marts/pair-sums.ts";
import { lovePlotSvg } from "../reports/charts/love-plot.ts";
import { publishCount } from "../reports/suppression.ts";
import { qnorm } from "../stats/distributions.ts";
import type { SumsCell } from "../stats/least-squares.ts";
import { cellCovariateDifference, ipwFromCells, outcomeCells } from "../stats/weighting.ts";
import { currentNotebook } from "./context.ts";

const { db, dataCut, show, threshold } = currentNotebook();
const round = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const pValue = (p: number) => Number(p.toPrecision(3));

// %% [markdown]
// ## ANCOVA: discharge score adjusted for intake, each level against IOP
// %%
const ancovaRows = [];
for (const instrument of ["PHQ9", "GAD7"]) {
  const fit = await compareAnalysis(db, { instrument, comparison: "intake_discharge", dataCut, reference: "IOP" });
  if (!("differences" in fit) || !fit.differences) continue;
  for (const d of fit.differences) ancovaRows.push({ instrument, level_of_care: d.level_of_care, vs: "IOP", adjusted_difference: round(d.estimate, 2), lower: round(d.ci[0], 2), upper: round(d.ci[1], 2), p: pValue(d.p) });
}
show.table("ancova", "Adjusted difference in discharge score vs IOP (points; negative = lower symptoms than IOP)", ancovaRows);

// %% [markdown]
// ## Weighting on the propensity to receive each level
//
// Covariates: intake PHQ-9, track, age band and payer (categories as indicator columns; the
// first category of each is the reference). Each comparison uses only the two levels in it.
// %%
// Sums per level × intake score × covariate pattern: the propensity model and the weighted
// means need nothing else of the episodes.
const cells = await pairSums(db, {
  instrument: "PHQ9",
  comparison: "intake_discharge",
  dataCut,
  keys: { level_of_care: sql`p.level_of_care`, pre: sql`p.pre_score`, track: sql`p.track`, age_band: sql`p.age_band`, payer: sql`p.payer` },
  numeric: { improvement: sql`p.pre_score - p.post_score` },
});
const CATEGORICAL = ["track", "age_band", "payer"] as const;
const results = [];
const balance = [];
for (const [treated, control] of [["PHP", "IOP"], ["IOP", "OP"]] as const) {
  const rows = cells.filter((c) => c.keys.level_of_care === treated || c.keys.level_of_care === control);
  const total = rows.reduce((a, c) => a + c.n, 0);
  const nTreated = rows.reduce((a, c) => a + (c.keys.level_of_care === treated ? c.n : 0), 0);
  if (nTreated < threshold || total - nTreated < threshold) continue;
  // Design: intercept, intake score, and indicators for every category but the first.
  const columns: { name: string; value: (c: SumsCell) => number }[] = [{ name: "intake PHQ-9", value: (c) => Number(c.keys.pre) }];
  for (const key of CATEGORICAL) {
    const levels = [...new Set(rows.map((c) => c.keys[key]))].sort();
    for (const level of levels.slice(1)) columns.push({ name: `${key.replace("_", " ")}: ${level}`, value: (c) => (c.keys[key] === level ? 1 : 0) });
  }
  // Stabilized ATE weights P(level) / P(level | covariates), inside ipwFromCells.
  const outcomes = outcomeCells(rows, "improvement", (c) => [1, ...columns.map((col) => col.value(c))], (c) => (c.keys.level_of_care === treated ? 1 : 0));
  const effect = ipwFromCells(outcomes);
  if (!effect.ok) {
    show.value(`ipw_${treated}_${control}`, `${treated} vs ${control}: propensity model failed`, effect.reason);
    continue;
  }
  const z = qnorm(0.975);
  results.push({
    comparison: `${treated} vs ${control}`,
    n: publishCount(total, threshold).text,
    crude_difference: round(effect.crude, 2),
    weighted_difference: round(effect.estimate, 2),
    lower: round(effect.estimate - z * effect.se, 2),
    upper: round(effect.estimate + z * effect.se, 2),
    max_weight: round(effect.maxWeight, 2),
  });
  for (const col of columns) {
    const value = (i: number) => col.value(rows[i]);
    balance.push({ comparison: `${treated} vs ${control}`, covariate: col.name, smd_before: round(cellCovariateDifference(outcomes, value)), smd_after: round(cellCovariateDifference(outcomes, value, (i) => effect.weights[i])) });
  }
}
show.table("ipw", "Difference in mean PHQ-9 improvement (points; positive = the first level improved more): crude and inverse-probability weighted (95% CI, robust SE)", results);

// %% [markdown]
// ## Covariate balance before and after weighting
// %%
show.table("balance", "Standardized mean differences (|SMD| < 0.1 is usually read as balanced)", balance);
show.figure("love_plot", "Absolute standardized mean difference of each covariate before (○) and after (●) weighting; dashed line at 0.1.", lovePlotSvg(balance.map((b) => ({ group: b.comparison, covariate: b.covariate, before: Math.abs(b.smd_before ?? 0), after: Math.abs(b.smd_after ?? 0) }))));

// %% [markdown]
// ## Limitations
//
// - Weighting balances only what was measured: clinical judgement, motivation, social support
//   and other reasons for the level someone received are not in the model.
// - Levels of care differ in length and content; "more improvement at PHP" compares programs,
//   not a dose of the same treatment.
// - The weighted interval uses a robust (sandwich-type) standard error that treats the weights
//   as known; it is somewhat conservative for estimated propensity scores (Austin 2016).
