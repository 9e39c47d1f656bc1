// Does continuing care help? (#18 part 4) Intake → six-month improvement of episodes at IOP
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
import { ancova } from "../../stats/ancova.ts";
import { logisticRegression } from "../../stats/logistic-regression.ts";
import { standardizedDifference, weightedMeanDifference } from "../../stats/weighting.ts";
import { continuingCareOutcomes, LANDMARK_DAYS } from "../marts/continuing-care-outcomes.ts";
import type { PathwayFilter } from "../marts/pathway-measures.ts";

export const CONTINUING_CARE_CAVEATS = [
  "Observational: continuing care was not assigned at random; the adjusted and weighted differences remove only the differences in intake score, level of care and track.",
  `Immortal time guarded by a landmark: exposure is continuing care started within ${LANDMARK_DAYS} days of discharge, only discharges whose ${LANDMARK_DAYS} days have closed are compared, and the six-month score is dated after day ${LANDMARK_DAYS}.`,
  "Continuing care is seen only inside the data loaded: care elsewhere counts as none.",
];

export async function continuingCareAnalysis(db: Kysely<Database>, { dataCut, instrument = "PHQ9", filter }: { dataCut: string; instrument?: string; filter?: PathwayFilter }) {
  if (!(await patientsLinkEpisodes(db))) return { instrument, landmark_days: LANDMARK_DAYS, cannot_show_transitions: UNLINKED_MESSAGE, caveats: CONTINUING_CARE_CAVEATS };
  const rows = (await continuingCareOutcomes(db, { dataCut, instrument, filter })).filter((r) => r.track !== null);
  const treated = rows.map((r) => (r.continuing_care ? 1 : 0));
  const improvement = rows.map((r) => r.pre_score - r.post_score);
  const nTreated = treated.reduce((a: number, b) => a + b, 0);
  const base = { instrument, landmark_days: LANDMARK_DAYS, n: rows.length, n_continuing_care: nTreated, caveats: CONTINUING_CARE_CAVEATS };
  if (nTreated < 2 || rows.length - nTreated < 2) return { ...base, error: "too_few_in_a_group" as const };
  const crude = weightedMeanDifference(improvement, treated, treated.map(() => 1));

  const fit = ancova({
    post: improvement,
    pre: rows.map((r) => r.pre_score),
    group: treated.map((t) => (t ? "yes" : "no")),
    reference: "no",
    covariates: [
      { name: "level_of_care", values: rows.map((r) => r.level_of_care) },
      { name: "track", values: rows.map((r) => r.track!) },
    ],
  });

  // Propensity design: intercept, intake score, indicators for every level and track but the first (sorted).
  const columns: { name: string; value: (i: number) => number }[] = [{ name: "intake", value: (i) => rows[i].pre_score }];
  for (const key of ["level_of_care", "track"] as const) {
    const levels = [...new Set(rows.map((r) => String(r[key])))].sort();
    for (const level of levels.slice(1)) columns.push({ name: `${key}${level}`, value: (i) => (String(rows[i][key]) === level ? 1 : 0) });
  }
  const propensity = logisticRegression(
    rows.map((_, i) => [1, ...columns.map((c) => c.value(i))]),
    treated,
  );
  const z = qnorm(0.975);
  let ipw: { estimate: number; se: number; ci: [number, number]; max_weight: number } | { error: string };
  let balance: { covariate: string; smd_before: number; smd_after: number | null }[];
  if (propensity.ok) {
    const share = nTreated / rows.length;
    const weights = propensity.fitted.map((e, i) => (treated[i] ? share / e : (1 - share) / (1 - e)));
    const effect = weightedMeanDifference(improvement, treated, weights);
    ipw = { estimate: effect.difference, se: effect.se, ci: [effect.difference - z * effect.se, effect.difference + z * effect.se], max_weight: Math.max(...weights) };
    balance = columns.map((c) => {
      const x = rows.map((_, i) => c.value(i));
      return { covariate: c.name, smd_before: standardizedDifference(x, treated, treated.map(() => 1)), smd_after: standardizedDifference(x, treated, weights) };
    });
  } else {
    ipw = { error: propensity.reason };
    balance = columns.map((c) => ({ covariate: c.name, smd_before: standardizedDifference(rows.map((_, i) => c.value(i)), treated, treated.map(() => 1)), smd_after: null }));
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
