// Baseline-adjusted comparison (ANCOVA) by ordinary least squares, as R's
// lm(post ~ pre + group + covariates) with treatment contrasts: each group's coefficient is
// its adjusted difference in the post score from the reference group. Fitted from sums
// (stats/least-squares.ts), so a database can hand over a few cells instead of every episode;
// standard errors from σ̂²(XᵀX)⁻¹ with σ̂² = RSS / (n − p), intervals and p values from t with
// n − p df.
import { pt, qt } from "./distributions.ts";
import { type DesignTerm, leastSquaresFromSums, productKey, type SumsCell } from "./least-squares.ts";

export interface Covariate {
  name: string;
  values: readonly (number | string)[];
}

export interface Coefficient {
  term: string;
  estimate: number;
  se: number;
  t: number;
  p: number;
}

export interface GroupDifference {
  group: string;
  estimate: number;
  se: number;
  ci: [number, number];
  p: number;
}

export type AncovaResult =
  | { ok: true; n: number; df: number; reference: string; coefficients: Coefficient[]; baselineSlope: Coefficient; differences: GroupDifference[]; sigma: number }
  | { ok: false; reason: "too_few_observations" | "reference_missing" | "singular_design" };

const levelsOf = (values: readonly string[]) => [...new Set(values)].sort();

/** ANCOVA of one row per episode (each row a cell of its own). */
export function ancova(input: { post: readonly number[]; pre: readonly number[]; group: readonly string[]; reference: string; covariates?: readonly Covariate[] }): AncovaResult {
  const { post, pre, group, reference, covariates = [] } = input;
  const numeric = covariates.filter((c) => c.values.every((v) => typeof v === "number")).map((c) => c.name);
  const cells: SumsCell[] = post.map((y, i) => {
    const values: Record<string, number> = { pre: pre[i], post: y };
    for (const c of covariates) if (numeric.includes(c.name)) values[c.name] = c.values[i] as number;
    const names = Object.keys(values);
    const product: Record<string, number> = {};
    for (const a of names) for (const b of names) product[productKey(a, b)] = values[a] * values[b];
    const keys: Record<string, string> = { group: group[i] };
    for (const c of covariates) if (!numeric.includes(c.name)) keys[c.name] = String(c.values[i]);
    return { keys, n: 1, sum: values, product };
  });
  return ancovaFromSums(cells, { reference, covariates: covariates.map((c) => ({ name: c.name, numeric: numeric.includes(c.name) })) });
}

/**
 * ANCOVA from cells (stats/least-squares.ts): keys `group` and each categorical covariate;
 * numeric columns `pre`, `post` and each numeric covariate. The design is R's
 * lm(post ~ pre + group + covariates) with treatment contrasts, covariates in the order given.
 */
export function ancovaFromSums(
  cells: readonly SumsCell[],
  { reference, covariates = [] }: { reference: string; covariates?: readonly { name: string; numeric: boolean }[] },
): AncovaResult {
  const groups = levelsOf(cells.filter((c) => c.n > 0).map((c) => c.keys.group));
  if (!groups.includes(reference)) return { ok: false, reason: "reference_missing" };
  const others = groups.filter((g) => g !== reference);
  const design: DesignTerm[] = [
    { term: "(Intercept)", kind: "intercept" },
    { term: "pre", kind: "numeric", column: "pre" },
    ...others.map((g): DesignTerm => ({ term: `group${g}`, kind: "indicator", key: "group", level: g })),
  ];
  for (const { name, numeric } of covariates) {
    if (numeric) design.push({ term: name, kind: "numeric", column: name });
    else for (const level of levelsOf(cells.filter((c) => c.n > 0).map((c) => c.keys[name])).slice(1)) design.push({ term: `${name}${level}`, kind: "indicator", key: name, level });
  }
  const fit = leastSquaresFromSums(cells, design, "post");
  if (!fit.ok) return fit;
  const { n, df, sigma } = fit;
  const tCrit = qt(0.975, df);
  const coefficients = fit.coefficients.map(({ term, estimate, se }) => {
    const t = estimate / se;
    return { term, estimate, se, t, p: 2 * pt(-Math.abs(t), df) };
  });
  const differences = others.map((g) => {
    const c = coefficients.find((k) => k.term === `group${g}`)!;
    return { group: g, estimate: c.estimate, se: c.se, ci: [c.estimate - tCrit * c.se, c.estimate + tCrit * c.se] as [number, number], p: c.p };
  });
  return { ok: true, n, df, reference, coefficients, baselineSlope: coefficients[1], differences, sigma };
}
