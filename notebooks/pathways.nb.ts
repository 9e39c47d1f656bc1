// %% [markdown]
// # Care pathways: step-down, continuing care and readmission
//
// **Question.** After a stay at one level of care, where do people go next? How many step
// down to a less intensive level (continuing care), how many step up, how many come back to
// the same or a more intensive level within 30, 90 or 180 days — and do those who continue
// in care within 30 days do better six months later?
//
// **Data.** Every patient's episodes in order of admission (ties by episode id). For each
// discharged episode, the patient's next episode and the days between discharge and that
// admission (a negative gap — overlapping stays — counts as 0 and is a `continuum check`
// finding). A rate counts a discharge only once its window has closed by the data cut.
// Continuing care is seen only inside the data loaded: care elsewhere looks like none.
//
// **Method.** Counts in the database (DESIGN.md "Care pathways"); shares with Wilson 95%
// intervals; time to readmission by Kaplan–Meier, censored at the data cut or at the end of a
// lower-level next episode, compared across levels by the log-rank test; the continuing-care
// comparison by ANCOVA and by inverse-probability weighting, with a landmark at day 30 against
// immortal-time bias.
//
// **Reading it.** Counts from 1 to 10 are shown as `<11`, and so is any cell that would give
// one back from the totals; a share is hidden when it rests on fewer than 11 discharges or
// would reveal a small count.
// %%
import { DEFAULT_WITHIN_DAYS } from "../domain/pathways.ts";
import { continuingCareAnalysis } from "../queries/analyses/continuing-care-analysis.ts";
import { pathwaysAnalysis, readmissionTimeAnalysis } from "../queries/analyses/pathways-analysis.ts";
import { lovePlotSvg } from "../reports/charts/love-plot.ts";
import { publishContinuity } from "../reports/pathways/continuity.ts";
import { publishCount, publishStatistic } from "../reports/suppression.ts";
import { currentNotebook } from "./context.ts";

const { db, dataCut, show, threshold } = currentNotebook();
const round = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const doc = await pathwaysAnalysis(db, { dataCut, withinDays: DEFAULT_WITHIN_DAYS });
// When patient_id links no two episodes, every rate below would be a false zero: the notebook says so instead.
if (doc.cannot_show_transitions) show.value("cannot_show_transitions", "Care pathways", doc.cannot_show_transitions);

// %% [markdown]
// ## Where people go within 14 days of discharge
//
// One row per level discharged from; each column the level of the next episode that began
// within 14 days, or none. Rows and columns carry totals, so small cells are hidden together
// with enough others that none can be worked out by subtraction.
// %%
const published = publishContinuity(doc, threshold);
if (!published.cannotShow) show.table("transitions", `Discharges by the level of the next episode within ${DEFAULT_WITHIN_DAYS} days (discharges whose ${DEFAULT_WITHIN_DAYS} days have closed)`, published.transitions);

// %% [markdown]
// ## Step-down, step-up, continuing care and readmission
//
// Each rate's denominator is the discharges whose window has closed (continuing care: stays at
// IOP or above that were completed or transferred down; readmission: discharges that were not
// transfers).
// %%
// reports/pathways/continuity.ts publishes them so that no count undoes another: step-down and
// step-up share the matrix rows' discharges and suppression, and show a rate only where the
// matrix row hides nothing; the other measures' levels are suppressed against the `all` row.
if (!published.cannotShow) show.table("measures", "Pathway measures by level of care of the discharge (Wilson 95% CI)", published.measures);

// %% [markdown]
// ## Time to readmission
//
// Share not yet readmitted (to the same or a more intensive level) 30, 90 and 180 days after
// discharge, by Kaplan–Meier.
// %%
const km = await readmissionTimeAnalysis(db, { dataCut, at: [30, 90, 180] });
if (!km.cannot_show_transitions) show.table(
  "readmission_time",
  "Share not readmitted by day 30, 90 and 180 after discharge (Kaplan–Meier, 95% CI)",
  km.groups.map((g) => {
    const at = (day: number) => g.at.find((a) => a.day === day);
    const cell = (day: number) => publishStatistic(round(at(day)?.surv ?? null), g.n, threshold);
    return { level_of_care: g.level_of_care, discharges: publishCount(g.n, threshold).text, readmitted: publishCount(g.events, threshold).text, not_readmitted_30d: cell(30), not_readmitted_90d: cell(90), not_readmitted_180d: cell(180) };
  }),
);
if (km.logrank && km.groups.every((g) => g.n >= threshold)) show.value("logrank_p", "Log-rank test across levels of care, p", Number(km.logrank.p.toPrecision(3)));

// %% [markdown]
// ## Does continuing care go with better outcomes?
//
// Stays at IOP or above that were completed, with a PHQ-9 at intake and six months: those
// who began a less intensive level within 30 days against those who did not. The exposure is
// fixed at day 30 (a landmark): only discharges whose 30 days have closed are compared and the
// six-month score is dated after day 30, so no one is counted as "continuing care" on the
// strength of care that began after their outcome was measured (immortal-time bias).
// %%
const cc = await continuingCareAnalysis(db, { dataCut });
if ("crude" in cc && cc.n_continuing_care >= threshold && cc.n - cc.n_continuing_care >= threshold) {
  const row = (method: string, e: { estimate: number; se: number; ci?: [number, number] } | { error: string }) =>
    "estimate" in e ? { method, difference: round(e.estimate, 2), lower: round(e.ci![0], 2), upper: round(e.ci![1], 2) } : { method, difference: null, lower: null, upper: null };
  show.table("continuing_care", "Difference in PHQ-9 improvement at six months, with minus without continuing care (points; positive = more improvement; 95% CI)", [
    row("crude", cc.crude),
    row("ANCOVA: intake score, level of care, track", cc.ancova as { estimate: number; se: number; ci: [number, number] }),
    row("inverse-probability weighted", cc.ipw as { estimate: number; se: number; ci: [number, number] }),
  ]);
  show.table("continuing_care_n", "Stays compared", [{ episodes: publishCount(cc.n, threshold).text, n_continuing_care: publishCount(cc.n_continuing_care, threshold).text }]);
  show.table("balance", "Standardized mean differences before and after weighting (|SMD| < 0.1 is usually read as balanced)", cc.balance.map((b) => ({ covariate: b.covariate, smd_before: round(b.smd_before), smd_after: round(b.smd_after) })));
  show.figure("love_plot", "Absolute standardized mean difference of each covariate before (○) and after (●) weighting; dashed line at 0.1.", lovePlotSvg(cc.balance.map((b) => ({ group: "continuing care", covariate: b.covariate, before: Math.abs(b.smd_before), after: Math.abs(b.smd_after ?? 0) }))));
} else if (!cc.cannot_show_transitions) show.value("continuing_care", "Continuing-care comparison", "too few stays in one of the groups to publish");

// %% [markdown]
// ## Limitations
//
// - Observational: nobody was assigned to continuing care. People who step down differ from
//   those who do not (severity, motivation, insurance, distance) in ways the intake score,
//   level of care and track do not capture; the differences are adjusted associations.
// - Care received elsewhere is invisible, so continuing care is undercounted and readmission
//   to another provider is missed.
// - Overlapping stays (a new admission before the previous discharge) count as a gap of 0;
//   `continuum check` lists them for correction at the source.
// - Recent discharges are left out of a rate until its window has closed, so the latest
//   quarter's rates rest on fewer discharges.
