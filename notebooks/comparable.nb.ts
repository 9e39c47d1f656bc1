// %% [markdown]
// # Comparable outcomes: as good as, no worse than, better than
//
// **Questions.** Is IOP as good as residential care? Is virtual care as good as in-person
// care (within IOP)? Is integrated co-occurring care (the COD track) better than care for a
// mental-health or a substance-use problem alone?
//
// **Data.** Every discharged episode with an intake and a discharge PHQ-9 (depression); the
// margin curves also use GAD-7 (anxiety). Groups with fewer than the publication threshold of
// episodes are not shown.
//
// **Method.** A failure to find a difference is not evidence of no difference. "As good as"
// is a claim of its own: *equivalence* — the difference lies within a margin M small enough
// not to matter — tested with two one-sided tests, TOST (Schuirmann 1987; Lakens 2017):
// equivalence is shown when the whole 90% confidence interval of the difference lies inside
// ±M. *Non-inferiority* asks only one side: is the group worse than the reference by less than
// M? The difference is the discharge score adjusted for the intake score (ANCOVA, group
// against reference); beside it, the inverse-probability-weighted difference in change of the
// *levels* notebook (propensity on intake score, level of care, track, age band and payer), so
// the two adjustments can be compared. A margin must be declared and should have a source; the
// one used here is the PHQ-9's minimal clinically important difference (below). Because no one
// margin fits every reader, each comparison also shows its *margin curve*: the smallest margin
// at which equivalence would be shown.
//
// **Reading it.** Four verdicts (Lakens 2017): *equivalent* (inside the margin, and no
// difference found); *equivalent but different* (a difference, but smaller than the margin);
// *not equivalent* (a difference, and not shown to be inside the margin); *inconclusive*
// (neither shown — usually too few episodes). Negative differences mean lower (better) PHQ-9
// scores at discharge than the reference.
// %%
import { EQUIVALENCE_MARGINS } from "../domain/margins.ts";
import { type CompareCells, compareCells, compareFromCells, type CompareOptions } from "../queries/analyses/other-analyses.ts";
import type { GroupKey } from "../queries/group-keys.ts";
import { type EquivalenceRow, equivalenceChartSvg, marginCurveSvg } from "../reports/charts/equivalence.ts";
import { publishCount } from "../reports/suppression.ts";
import { type Difference, type Equivalence, marginCurve, type NonInferiority } from "../stats/equivalence.ts";
import { currentNotebook } from "./context.ts";

const { db, dataCut, show, threshold } = currentNotebook();
const round = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
/** p values to three significant digits, so a small p stays visible (not 0). */
const pValue = (p: number) => Number(p.toPrecision(3));

// %% [markdown]
// ## Margins and where they come from
//
// The PHQ-9 and GAD-7 margins are each instrument's published minimal clinically important
// difference (MCID) — read in the papers' abstracts, not their full texts. Both are MCIDs for
// *one person's* change; as a margin for a difference between *group means* they are generous
// (a whole MCID between two programmes' averages would matter to many readers). No source for
// a between-programme margin was read, so the margin curves below let a reader apply their own.
// %%
show.table(
  "margins",
  "Margins used (points of the instrument)",
  Object.entries(EQUIVALENCE_MARGINS).map(([instrument, m]) => ({ instrument, margin: m!.points, source: m!.source })),
);

// %% [markdown]
// ## The three questions at the PHQ-9 margin
// %%
const MARGIN = EQUIVALENCE_MARGINS.PHQ9!.points;
interface Question {
  id: string;
  label: string;
  by: GroupKey;
  group: string;
  reference: string;
  where?: Partial<Record<GroupKey, string>>;
  /** "better" questions also say whether the group was shown to do better. */
  asks: "as_good" | "better";
}
const QUESTIONS: Question[] = [
  { id: "iop_vs_res", label: "IOP vs residential", by: "level_of_care", group: "IOP", reference: "RES", asks: "as_good" },
  { id: "virtual_vs_in_person", label: "Virtual vs in person (IOP)", by: "modality", group: "virtual", reference: "in_person", where: { level_of_care: "IOP" }, asks: "as_good" },
  { id: "cod_vs_mh", label: "Co-occurring vs mental health track", by: "track", group: "COD", reference: "MH", asks: "better" },
  { id: "cod_vs_sud", label: "Co-occurring vs substance use track", by: "track", group: "COD", reference: "SUD", asks: "better" },
];

interface Tested extends Difference {
  ci90: [number, number];
  equivalence: Equivalence;
  noninferiority: NonInferiority;
  bound: number;
}
interface Answer {
  question: Question;
  n: number;
  nReference: number;
  ancova: Tested;
  weighted: Tested | { error: string };
}
const answers: Answer[] = [];
const skipped: { question: string; reason: string }[] = [];
/**
 * A question's fit. Reading the cells scans every pair, so each cohort's are read once: the
 * questions that differ only in their reference group (the two track questions) share them.
 */
const cellsRead = new Map<string, Promise<CompareCells>>();
async function compare(options: CompareOptions) {
  const key = JSON.stringify([options.instrument, options.by, options.filter, options.equivalence !== undefined || options.noninferiority !== undefined]);
  if (!cellsRead.has(key)) cellsRead.set(key, compareCells(db, options));
  return compareFromCells(await cellsRead.get(key)!, options);
}
/** Each question's PHQ-9 fit, kept for the margin curves below. */
const phq9Fits = new Map<string, Awaited<ReturnType<typeof compare>>>();
{
  for (const q of QUESTIONS) {
    const fit = await compare({ instrument: "PHQ9", comparison: "intake_discharge", dataCut, by: q.by, reference: q.reference, filter: { where: q.where }, equivalence: MARGIN, noninferiority: MARGIN });
    phq9Fits.set(q.id, fit);
    const d = "differences" in fit ? fit.differences.find((x) => x[q.by] === q.group) : undefined;
    if (!("df" in fit) || fit.df === undefined || !d || !d.equivalence || !d.noninferiority || d.n === undefined || !d.weighted) {
      skipped.push({ question: q.label, reason: "error" in fit ? String(fit.error) : "no episodes in one of the groups" });
      continue;
    }
    const nReference = d.weighted.n - d.n;
    if (d.n < threshold || nReference < threshold) {
      skipped.push({ question: q.label, reason: `fewer than ${threshold} episodes in a group` });
      continue;
    }
    const w = d.weighted;
    answers.push({
      question: q,
      n: d.n,
      nReference,
      ancova: { estimate: d.estimate, se: d.se, df: fit.df, ci90: d.equivalence.ci90, equivalence: d.equivalence, noninferiority: d.noninferiority, bound: d.equivalence_bound! },
      weighted: "error" in w ? { error: String(w.error) } : { estimate: w.estimate, se: w.se, df: Infinity, ci90: w.equivalence!.ci90, equivalence: w.equivalence!, noninferiority: w.noninferiority!, bound: w.equivalence_bound },
    });
  }
}
const rowsOf = (a: Answer) =>
  (
    [
      ["ANCOVA", a.ancova],
      ["weighted", a.weighted],
    ] as const
  ).map(([adjustment, t]) =>
    "error" in t
      ? { question: a.question.label, adjustment, n_group: publishCount(a.n, threshold).text, n_reference: publishCount(a.nReference, threshold).text, difference: null, ci90_lower: null, ci90_upper: null, p_tost: null, verdict: `not estimated (${t.error})`, p_noninferiority: null, noninferiority: null, smallest_margin: null }
      : {
          question: a.question.label,
          adjustment,
          n_group: publishCount(a.n, threshold).text,
          n_reference: publishCount(a.nReference, threshold).text,
          difference: round(t.estimate),
          ci90_lower: round(t.ci90[0]),
          ci90_upper: round(t.ci90[1]),
          p_tost: pValue(t.equivalence.p),
          verdict: t.equivalence.verdict,
          p_noninferiority: pValue(t.noninferiority.p),
          noninferiority: t.noninferiority.verdict,
          smallest_margin: round(t.bound),
        },
  );
show.table("results", `PHQ-9 at discharge, group − reference (points; negative = fewer symptoms), at the margin ±${MARGIN}: TOST and non-inferiority, ANCOVA and weighted`, answers.flatMap(rowsOf));
if (skipped.length) show.table("not_shown", "Comparisons not shown", skipped);

const chartRows: EquivalenceRow[] = answers.flatMap((a) =>
  (
    [
      ["ANCOVA", a.ancova],
      ["weighted", a.weighted],
    ] as const
  ).flatMap(([label, t]) => ("error" in t ? [] : [{ panel: a.question.label, label, estimate: t.estimate, lower: t.ci90[0], upper: t.ci90[1], margin: MARGIN, verdict: t.equivalence.verdict.replace(/_/g, " ") }])),
);
show.figure("equivalence", `Each difference (PHQ-9 points, group − reference) with its 90% CI against the ±${MARGIN}-point margin (shaded). Inside the band: equivalent.`, equivalenceChartSvg(chartRows));

// %% [markdown]
// ## In plain words
// %%
const VERDICT_WORDS: Record<string, string> = {
  equivalent: "as good as",
  equivalent_but_different: "slightly different from, but within the margin of,",
  not_equivalent: "different from, and not shown to be within the margin of,",
  inconclusive: "neither shown to be as good as nor shown to differ from",
};
const NAMES: Record<string, string> = { IOP: "IOP", RES: "residential care", virtual: "Virtual care", in_person: "in-person care", COD: "The co-occurring track", MH: "the mental-health track", SUD: "the substance-use track" };
for (const a of answers) {
  const [group, reference] = [NAMES[a.question.group] ?? a.question.group, NAMES[a.question.reference] ?? a.question.reference];
  const e = a.ancova.equivalence;
  const better = a.ancova.estimate < 0 && e.p_difference < 0.05;
  const worse = a.ancova.estimate > 0 && e.p_difference < 0.05;
  const words =
    `${group} was ${VERDICT_WORDS[e.verdict]} ${reference} on PHQ-9 at discharge (adjusted difference ${a.ancova.estimate.toFixed(1)} points, 90% CI ${e.ci90[0].toFixed(1)} to ${e.ci90[1].toFixed(1)}, margin ±${MARGIN})` +
    (better ? `; it ended with fewer symptoms.` : worse ? `; it ended with more symptoms.` : a.question.asks === "better" ? `; it was not shown to be better.` : ".") +
    ` Non-inferiority ${a.ancova.noninferiority.verdict === "noninferior" ? "was shown" : "was not shown"}; equivalence would be shown at any margin above ${a.ancova.bound.toFixed(1)} points` +
    ("error" in a.weighted ? "; the weighted comparison could not be estimated." : `; the weighted comparison: ${a.weighted.equivalence.verdict.replace(/_/g, " ")} (difference ${a.weighted.estimate.toFixed(1)}).`);
  show.value(`verdict_${a.question.id}`, a.question.label, words);
}

// %% [markdown]
// ## Margin curves: the result over a range of margins
//
// For each comparison, the TOST p value as the margin widens by quarter points; the
// curve crosses .05 at the smallest margin that would show equivalence. For GAD-7 the same
// comparisons, so a reader can hold them to a margin of their own.
// %%
const curves: { series: string; margin: number; p: number }[] = [];
const bounds = [];
const phq9: { series: string; difference: { estimate: number; se: number; df: number } }[] = [];
for (const instrument of ["PHQ9", "GAD7"] as const) {
  for (const q of QUESTIONS) {
    // The same margin and cohort as above: the PHQ-9 fits are those of the questions.
    const fit = (instrument === "PHQ9" && phq9Fits.get(q.id)) || (await compare({ instrument, comparison: "intake_discharge", dataCut, by: q.by, reference: q.reference, filter: { where: q.where }, equivalence: MARGIN }));
    const d = "differences" in fit ? fit.differences.find((x) => x[q.by] === q.group) : undefined;
    if (!("df" in fit) || fit.df === undefined || !d || d.n === undefined || !d.weighted || d.n < threshold || d.weighted.n - d.n < threshold) continue;
    const diff = { estimate: d.estimate, se: d.se, df: fit.df };
    bounds.push({ instrument, question: q.label, adjustment: "ANCOVA", difference: round(d.estimate), smallest_margin: round(d.equivalence_bound) });
    if (!("error" in d.weighted)) bounds.push({ instrument, question: q.label, adjustment: "weighted", difference: round(d.weighted.estimate), smallest_margin: round(d.weighted.equivalence_bound) });
    if (instrument === "PHQ9") phq9.push({ series: q.label, difference: diff });
  }
}
// A grid of quarter points up to a point past the widest bound and the cited margin.
const reach = Math.ceil(Math.max(MARGIN, ...bounds.filter((b) => b.instrument === "PHQ9").map((b) => b.smallest_margin ?? 0))) + 1;
const GRID = Array.from({ length: reach * 4 }, (_, i) => (i + 1) * 0.25);
for (const { series, difference } of phq9) for (const c of marginCurve(difference, GRID)) curves.push({ series, margin: c.margin, p: c.p });
show.table("margin_bounds", "Smallest margin (points) at which each difference would be shown equivalent: |difference| + t(.95)·SE", bounds);
show.figure("margin_curve", "PHQ-9: TOST p value (ANCOVA) of each comparison by margin; equivalence is shown where a curve is below the dashed .05 line.", marginCurveSvg(curves, { axisLabel: "margin M, PHQ-9 points →", marked: { margin: MARGIN, label: `MCID ${MARGIN} (Löwe et al. 2004)` } }));

// %% [markdown]
// ## Limitations
//
// - *Confounding by indication.* People are not assigned to residential care, virtual care or
//   the co-occurring track at random: clinicians and patients choose, for reasons (severity,
//   risk, home circumstances, substance use) that also shape outcomes. Adjusting for the intake
//   score (ANCOVA) and weighting on intake score, track, age band and payer remove only the
//   differences that were measured; "as good as" here means "as good as, for the people who
//   received each", not "would be as good for anyone".
// - *Margins.* The margin decides the verdict. The ones used are individual-change MCIDs, read
//   in abstracts; a programme comparing itself with a stricter margin should read the margin
//   curve. A margin chosen after seeing the data is not a test.
// - *Co-occurring care* is compared with tracks that treat different people (someone with both
//   a mental-health and a substance-use problem is not a mental-health-only patient), so "better"
//   compares populations as much as programmes.
// - *Attrition.* Only episodes with a discharge score are compared; people who left early
//   without one may differ between groups.
// - The weighted comparison treats the weights as known (conservative for estimated ones) and
//   is read against the normal distribution; the ANCOVA against t with its residual df.
