// %% [markdown]
// # For whom? Improvement by subgroup
//
// **Question.** Does depression (PHQ-9) improve about as much for every group of people we
// serve — by age band, gender, race/ethnicity, in-person vs virtual care, and treatment track
// (mental health, substance use, co-occurring) — or do some groups gain less?
//
// **Data.** Every episode with an intake and a discharge PHQ-9 score. Groups with fewer than
// the publication threshold of episodes are not shown.
//
// **Method.** For each subgroup the standardized change d_z (mean improvement / SD of
// improvement) with its exact 95% CI, and the p value of the paired t test adjusted for the
// number of comparisons by Benjamini–Hochberg (1995) across the whole table. Then, per subgroup
// key, a *heterogeneity test*: does adding the key to a model of the discharge score given the
// intake score and level of care explain more than chance (nested-model F test, as R's
// `anova(reduced, full)`)? A small p means improvement differs between that key's groups even
// among people who started equally ill at the same level of care.
//
// **Reading it.** Look for groups whose interval sits clearly left of the others, then at the
// heterogeneity p value of that key.
// %%
import { sql } from "kysely";
import { subgroupAnalysis, SUBGROUP_KEYS } from "../queries/analyses/other-analyses.ts";
import { pairSumsForEach, SCORES } from "../queries/marts/pair-sums.ts";
import { forestPlotSvg } from "../reports/charts/forest-plot.ts";
import { publishCount } from "../reports/suppression.ts";
import { ancovaFromSums } from "../stats/ancova.ts";
import { nestedFTest } from "../stats/nested-f-test.ts";
import { currentNotebook } from "./context.ts";

const { db, dataCut, show, threshold } = currentNotebook();
const KEY_LABEL: Record<string, string> = { age_band: "Age band", gender: "Gender", race_ethnicity: "Race / ethnicity", modality: "Modality", track: "Track", payer: "Payer" };
const round = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
/** p values to three significant digits, so a small p stays visible (not 0). */
const pValue = (p: number | null | undefined) => (p === null || p === undefined ? null : Number(p.toPrecision(3)));

// %% [markdown]
// ## Improvement in each subgroup
// %%
const table = await subgroupAnalysis(db, { instrument: "PHQ9", comparison: "intake_discharge", dataCut });
const shown = table.rows.filter((r) => r.n >= threshold && r.level !== null && r.d_z !== null && r.d_z_ci !== null);
show.table(
  "subgroups",
  "PHQ-9 intake → discharge by subgroup: d_z (95% CI), p and Benjamini–Hochberg adjusted p",
  shown.map((r) => ({ subgroup: r.subgroup, level: r.level, n: publishCount(r.n, threshold).text, d_z: round(r.d_z), lower: round(r.d_z_ci![0]), upper: round(r.d_z_ci![1]), p: pValue(r.p), p_adjusted: pValue(r.p_adjusted) })),
);
show.figure(
  "forest",
  "Standardized improvement d_z with 95% CI by subgroup (0 = no change; larger = more improvement).",
  forestPlotSvg(
    shown.map((r) => ({ instrument: "PHQ-9, intake → discharge", label: `${KEY_LABEL[r.subgroup] ?? r.subgroup}: ${r.level}`, estimate: r.d_z!, lower: r.d_z_ci![0], upper: r.d_z_ci![1], n: r.n })),
    [],
  ),
);

// %% [markdown]
// ## Does improvement differ within a subgroup key? (heterogeneity test)
//
// Each key is tested on the episodes whose group for that key has at least the threshold of
// episodes (smaller groups are left out of the model, as they are left out of the table).
// %%
const tests = [];
// Sums per level of care × group of each key, all keys from one scan: both models are fitted from them.
const cellsByKey = await pairSumsForEach(
  db,
  { instrument: "PHQ9", comparison: "intake_discharge", dataCut, keys: { group: sql`p.level_of_care` }, numeric: SCORES },
  Object.fromEntries(SUBGROUP_KEYS.map((key) => [key, sql.ref(`p.${key}`)])),
);
for (const key of SUBGROUP_KEYS) {
  const cells = cellsByKey.get(key)!;
  const sizes = new Map<string, number>();
  for (const c of cells) sizes.set(c.keys[key], (sizes.get(c.keys[key]) ?? 0) + c.n);
  const kept = cells.filter((c) => sizes.get(c.keys[key])! >= threshold);
  const levels = new Set(kept.map((c) => c.keys[key]));
  if (levels.size < 2) continue;
  // The F test compares the same two model spaces whichever level is the reference.
  const reference = kept.map((c) => c.keys.group).sort()[0];
  const reduced = ancovaFromSums(kept, { reference });
  const full = ancovaFromSums(kept, { reference, covariates: [{ name: key, numeric: false }] });
  if (!reduced.ok || !full.ok) continue;
  const test = nestedFTest({ rss: reduced.sigma ** 2 * reduced.df, df: reduced.df }, { rss: full.sigma ** 2 * full.df, df: full.df });
  if (test.ok) tests.push({ subgroup: key, groups: levels.size, episodes: publishCount(reduced.n, threshold).text, f: round(test.f), df1: test.df1, df2: test.df2, p: pValue(test.p) });
}
show.table("heterogeneity", "Nested-model F test: discharge PHQ-9 ~ intake + level of care (+ subgroup key)", tests);

// %% [markdown]
// ## Limitations
//
// - Subgroups overlap and are observational: a difference between groups may come from
//   something else that differs between them (severity, track, payer), not the group itself.
// - Many comparisons are made; the adjusted p values control the false discovery rate, but a
//   pattern seen here is a question for the next quarter's data, not a conclusion.
// - Groups smaller than the publication threshold are not shown and not tested; "other" and
//   missing categories are left out.
