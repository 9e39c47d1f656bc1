// %% [markdown]
// # Does it last? Six-month durability by level of care
//
// **Question.** Are the gains made between intake and discharge still there six months after
// discharge, at each level of care — and does the answer depend on who we managed to reach?
//
// **Data.** Every episode in the database whose six-month follow-up window (discharge + 182 days
// ± 45) has closed by the data cut. PHQ-9 (depression) and GAD-7 (anxiety); lower is better.
//
// **Method.** Three views of the same question. *Completers*: the paired change from intake to
// six months among episodes with both scores (`analyze`'s effect-size rows: d_z with its exact
// CI). *Intention to treat*: a random-intercept mixed model over every available score at
// intake, discharge and six months (REML; Laird & Ware 1982), so people without a six-month
// score still contribute what they gave. *Follow-up bias*: the intake severity of episodes with
// and without a six-month score (standardized difference d and Welch p). Finally a
// *sensitivity* analysis widens and narrows the follow-up window.
//
// **Reading it.** If completers and the mixed model agree and the follow-up bias is small, the
// six-month result is unlikely to be an artefact of who answered.
// %%
import { DEFAULT_WINDOWS, type TimepointWindow } from "../domain/timepoints.ts";
import { effectSizeTable } from "../queries/analyses/effect-size-table.ts";
import { ittAnalysis } from "../queries/analyses/other-analyses.ts";
import { durabilitySvg } from "../reports/charts/durability.ts";
import { publishCount, publishStatistic } from "../reports/suppression.ts";
import { currentNotebook } from "./context.ts";

const { db, dataCut, show, threshold } = currentNotebook();
const INSTRUMENTS = ["PHQ9", "GAD7"] as const;
const round = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const ci = (c: [number, number] | null) => (c ? `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]` : null);

// %% [markdown]
// ## Completers: intake → six months
//
// Episodes with both an intake and a six-month score. `followup rate` is the share of eligible
// episodes that have the six-month score; `attrition d` compares the intake severity of those
// with and without it (positive = those followed up were more severe at intake).
// %%
const completers = (await effectSizeTable(db, { comparisons: ["intake_discharge", "intake_followup_6m"], by: ["level_of_care"], dataCut }))
  .filter((r) => (INSTRUMENTS as readonly string[]).includes(r.instrument))
  .filter((r) => publishStatistic(r, r.n, threshold) !== null);
show.table(
  "completers",
  "Paired change by level of care (episodes with both scores)",
  completers.map((r) => ({
    instrument: r.instrument,
    comparison: r.comparison,
    level_of_care: String(r.level_of_care),
    n: publishCount(r.n, threshold).text,
    pre_mean: round(r.pre_mean, 2),
    post_mean: round(r.post_mean, 2),
    d_z: round(r.d_z),
    d_z_ci: ci(r.d_z_ci),
    followup_rate: round(r.followup_rate),
    attrition_d: round(r.attrition?.d),
    attrition_p: round(r.attrition?.p),
  })),
);

// %% [markdown]
// ## Intention to treat: the mixed model
//
// Model-based means at each timepoint and level of care from every available score (so an
// episode without a six-month score still counts at intake and discharge). A mean is shown
// where at least the publication threshold of episodes was measured at that timepoint.
// %%
const itt: { instrument: string; level_of_care: string; timepoint: string; n_observed: number; mean: number | null; ci: string | null; lower: number; upper: number; raw: number }[] = [];
for (const instrument of INSTRUMENTS) {
  const fit = await ittAnalysis(db, { instrument, dataCut, by: "level_of_care" });
  if (!("means" in fit) || !fit.means) continue;
  for (const m of fit.means) {
    if (publishStatistic(m, m.n, threshold) === null) continue;
    itt.push({ instrument, level_of_care: String(m.level_of_care), timepoint: m.timepoint, n_observed: m.n, mean: round(m.mean, 2), ci: ci(m.ci), lower: m.ci[0], upper: m.ci[1], raw: m.mean });
  }
}
show.table("itt_means", "Mixed-model means (95% CI) by timepoint and level of care", itt.map(({ lower: _l, upper: _u, raw: _r, ...row }) => row));
show.figure(
  "itt",
  "Model-based mean score at intake, discharge and six months (95% CI), by level of care. Lower is better.",
  durabilitySvg(
    itt.map((m) => ({ instrument: m.instrument, label: m.level_of_care, timepoint: m.timepoint, mean: m.raw, lower: m.lower, upper: m.upper })),
    undefined,
    { yLabel: "↓ mean score (95% CI), lower is better" },
  ),
);

// %% [markdown]
// ## Completers against intention to treat
//
// The six-month mean among completers next to the mixed model's six-month mean. A completer
// mean well below the model's would mean those who answered did better than those who did not.
// %%
show.table(
  "completers_vs_itt",
  "Six-month mean: completers vs mixed model",
  completers
    .filter((r) => r.comparison === "intake_followup_6m")
    .map((r) => {
      const model = itt.find((m) => m.instrument === r.instrument && m.level_of_care === String(r.level_of_care) && m.timepoint === "followup_6m");
      return { instrument: r.instrument, level_of_care: String(r.level_of_care), completers_mean: round(r.post_mean, 2), model_mean: model?.mean ?? null, difference: model ? round(r.post_mean! - model.raw, 2) : null };
    }),
);

// %% [markdown]
// ## Sensitivity to the follow-up window
//
// The six-month window is discharge + 182 days ± 45 by default. Narrower windows keep scores
// closer to six months but lose episodes; wider ones keep more but mix in earlier and later
// scores. A stable d_z across windows means the result does not hinge on this choice.
// %%
const sensitivity = [];
for (const halfWidth of [30, 45, 60]) {
  const windows: TimepointWindow[] = DEFAULT_WINDOWS.map((w) => (w.timepoint === "followup_6m" ? { ...w, before: halfWidth, after: halfWidth } : w));
  const rows = await effectSizeTable(db, { comparisons: ["intake_followup_6m"], by: [], dataCut, filter: { instrument: "PHQ9" }, windows });
  for (const r of rows) sensitivity.push({ window: `182 ± ${halfWidth} days`, n: publishCount(r.n, threshold).text, d_z: r.n >= threshold ? round(r.d_z) : null, d_z_ci: r.n >= threshold ? ci(r.d_z_ci) : null, followup_rate: round(r.followup_rate) });
}
show.table("window_sensitivity", "PHQ-9 intake → six months, all levels, by follow-up window", sensitivity);

// %% [markdown]
// ## Limitations
//
// - Six-month scores are missing for many episodes; the mixed model assumes they are missing
//   at random given the scores we have (an assumption, not a test).
// - The attrition check compares intake severity only; people lost to follow-up may differ in
//   ways not measured.
// - There is no untreated comparison group: a change over time is not proof that treatment
//   caused it (regression to the mean and natural recovery also lower scores).
