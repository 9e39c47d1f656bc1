// Does continuing care help? Intake → six-month improvement of episodes at IOP
// or above discharged `completed`, with vs without continuing care within 30 days
// (mart_continuing_care_outcomes, which holds the landmark guard against immortal time):
//   - crude difference in mean improvement (positive = more improvement with continuing care);
//   - ANCOVA: improvement ~ continuing care + intake + level of care + track (as R's lm);
//   - inverse-probability weighting: a logistic propensity of continuing care on the same
//     covariates (R's glm), stabilized ATE weights P(cc) / P(cc | x) (Hernán & Robins 2006),
//     the weighted (Hájek) difference with a robust SE (stats/weighting.ts), and the balance of
//     every covariate column before and after weighting (standardized differences; < 0.1 is
//     usually read as balanced, Austin 2009).
// Observational: who gets continuing care is not randomized — people who step down differ
// (severity, engagement, insurance, distance) in ways no covariate list captures, and care
// received elsewhere is invisible. The estimates are adjusted associations, not effects.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { patientsLinkEpisodes, UNLINKED_MESSAGE } from "../intermediate/linked-episodes.ts";
import { qnorm } from "../../stats/distributions.ts";
import { ancovaFromSums } from "../../stats/ancova.ts";
import { productKey, type SumsCell } from "../../stats/least-squares.ts";
import { cellCovariateDifference, ipwFromCells, outcomeCells, weightedCellsDifference } from "../../stats/weighting.ts";
import { continuingCareCells, LANDMARK_DAYS } from "../marts/continuing-care-outcomes.ts";
import type { PathwayFilter } from "../marts/pathway-measures.ts";

export const CONTINUING_CARE_CAVEATS = [
  "Observational: continuing care was not assigned at random; the adjusted and weighted differences remove only the differences in intake score, level of care and track.",
  `Immortal time guarded by a landmark: exposure is continuing care started within ${LANDMARK_DAYS} days of discharge, only discharges whose ${LANDMARK_DAYS} days have closed are compared, and the six-month score is dated after day ${LANDMARK_DAYS}.`,
  "Continuing care is seen only inside the data loaded: care elsewhere counts as none.",
];

export async function continuingCareAnalysis(db: Kysely<Database>, { dataCut, instrument = "PHQ9", filter }: { dataCut: string; instrument?: string; filter?: PathwayFilter }) {
  if (!(await patientsLinkEpisodes(db))) return { instrument, landmark_days: LANDMARK_DAYS, cannot_show_transitions: UNLINKED_MESSAGE, caveats: CONTINUING_CARE_CAVEATS };
  // Sums per continuing care × intake score × level × track: every model below reads them.
  const cells = await continuingCareCells(db, { dataCut, instrument, filter });
  const treated = cells.map((c) => (c.keys.continuing_care === "true" ? 1 : 0) as 0 | 1);
  const n = cells.reduce((a, c) => a + c.n, 0);
  const nTreated = cells.reduce((a, c, i) => a + treated[i] * c.n, 0);
  const base = { instrument, landmark_days: LANDMARK_DAYS, n, n_continuing_care: nTreated, caveats: CONTINUING_CARE_CAVEATS };
  if (nTreated < 2 || n - nTreated < 2) return { ...base, error: "too_few_in_a_group" as const };
  const crude = weightedCellsDifference(cells.map((c, i) => ({ treated: treated[i], weight: 1, n: c.n, sum: c.sum.improvement, sumSq: c.product[productKey("improvement", "improvement")] })));

  // ANCOVA of the improvement: the intake score is constant in a cell, so its sums follow.
  const fit = ancovaFromSums(
    cells.map((c, i) => {
      const pre = Number(c.keys.pre);
      const imp = c.sum.improvement;
      return {
        keys: { group: treated[i] ? "yes" : "no", level_of_care: c.keys.level_of_care, track: c.keys.track },
        n: c.n,
        sum: { pre: c.n * pre, post: imp },
        product: { [productKey("pre", "pre")]: c.n * pre * pre, [productKey("pre", "post")]: pre * imp, [productKey("post", "post")]: c.product[productKey("improvement", "improvement")] },
      };
    }),
    { reference: "no", covariates: [{ name: "level_of_care", numeric: false }, { name: "track", numeric: false }] },
  );

  // Propensity design: intercept, intake score, indicators for every level and track but the first (sorted).
  const columns: { name: string; value: (c: SumsCell) => number }[] = [{ name: "intake", value: (c) => Number(c.keys.pre) }];
  for (const key of ["level_of_care", "track"] as const) {
    const levels = [...new Set(cells.map((c) => c.keys[key]))].sort();
    for (const level of levels.slice(1)) columns.push({ name: `${key}${level}`, value: (c) => (c.keys[key] === level ? 1 : 0) });
  }
  const outcomes = outcomeCells(cells, "improvement", (c) => [1, ...columns.map((col) => col.value(c))], (c) => (c.keys.continuing_care === "true" ? 1 : 0));
  const propensity = ipwFromCells(outcomes);
  const z = qnorm(0.975);
  const smd = (col: (typeof columns)[number], weight?: (i: number) => number) => cellCovariateDifference(outcomes, (i) => col.value(cells[i]), weight);
  let ipw: { estimate: number; se: number; ci: [number, number]; max_weight: number } | { error: string };
  let balance: { covariate: string; smd_before: number; smd_after: number | null }[];
  if (propensity.ok) {
    const { estimate, se } = propensity;
    ipw = { estimate, se, ci: [estimate - z * se, estimate + z * se], max_weight: propensity.maxWeight };
    balance = columns.map((c) => ({ covariate: c.name, smd_before: smd(c), smd_after: smd(c, (i) => propensity.weights[i]) }));
  } else {
    ipw = { error: propensity.reason };
    balance = columns.map((c) => ({ covariate: c.name, smd_before: smd(c), smd_after: null }));
  }
  return {
    ...base,
    crude: { estimate: crude.difference, se: crude.se, ci: [crude.difference - z * crude.se, crude.difference + z * crude.se] as [number, number] },
    ancova: fit.ok
      ? { estimate: fit.differences[0].estimate, se: fit.differences[0].se, ci: fit.differences[0].ci, p: fit.differences[0].p, df: fit.df, intake_slope: fit.baselineSlope.estimate }
      : { error: fit.reason },
    ipw,
    balance,
  };
}
