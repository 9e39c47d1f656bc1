// Baseline-adjusted comparison (ANCOVA) by ordinary least squares, as R's
// lm(post ~ pre + group + covariates) with treatment contrasts: each group's coefficient is
// its adjusted difference in the post score from the reference group. Solved by QR
// decomposition (ml-matrix), never by inverting XᵀX explicitly; standard errors from
// σ̂²(XᵀX)⁻¹ with σ̂² = RSS / (n − p), intervals and p values from t with n − p df.
import { Matrix, QrDecomposition, inverse } from "ml-matrix";
import { pt, qt } from "./distributions.ts";

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

export function ancova(input: { post: readonly number[]; pre: readonly number[]; group: readonly string[]; reference: string; covariates?: readonly Covariate[] }): AncovaResult {
  const { post, pre, group, reference, covariates = [] } = input;
  const n = post.length;
  const groups = levelsOf(group);
  if (!groups.includes(reference)) return { ok: false, reason: "reference_missing" };
  const others = groups.filter((g) => g !== reference);
  const columns: { term: string; value: (i: number) => number }[] = [
    { term: "(Intercept)", value: () => 1 },
    { term: "pre", value: (i) => pre[i] },
    ...others.map((g) => ({ term: `group${g}`, value: (i: number) => (group[i] === g ? 1 : 0) })),
  ];
  for (const c of covariates) {
    if (c.values.every((v) => typeof v === "number")) columns.push({ term: c.name, value: (i) => c.values[i] as number });
    else {
      const [, ...rest] = levelsOf(c.values.map(String));
      for (const level of rest) columns.push({ term: `${c.name}${level}`, value: (i) => (String(c.values[i]) === level ? 1 : 0) });
    }
  }
  const p = columns.length;
  if (n <= p) return { ok: false, reason: "too_few_observations" };
  const X = new Matrix(n, p);
  for (let i = 0; i < n; i++) columns.forEach((c, j) => X.set(i, j, c.value(i)));
  const y = Matrix.columnVector([...post]);
  const qr = new QrDecomposition(X);
  // Rank by the diagonal of R with a relative tolerance (ml-matrix's isFullRank tests == 0,
  // which rounding defeats); R's lm uses a pivoting QR with tol = 1e-7 the same way.
  const diag = qr.upperTriangularMatrix.diag().map(Math.abs);
  if (Math.min(...diag) <= 1e-7 * Math.max(...diag)) return { ok: false, reason: "singular_design" };
  const beta = qr.solve(y);
  const residuals = y.sub(X.mmul(beta));
  const df = n - p;
  const sigma2 = residuals.transpose().mmul(residuals).get(0, 0) / df;
  // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ from the QR factor; R is p × p and well conditioned when X is full rank.
  const rInv = inverse(qr.upperTriangularMatrix);
  const xtxInv = rInv.mmul(rInv.transpose());
  const tCrit = qt(0.975, df);
  const coefficients = columns.map((c, j) => {
    const estimate = beta.get(j, 0);
    const se = Math.sqrt(sigma2 * xtxInv.get(j, j));
    const t = estimate / se;
    return { term: c.term, estimate, se, t, p: 2 * pt(-Math.abs(t), df) };
  });
  const differences = others.map((g) => {
    const c = coefficients.find((k) => k.term === `group${g}`)!;
    return { group: g, estimate: c.estimate, se: c.se, ci: [c.estimate - tCrit * c.se, c.estimate + tCrit * c.se] as [number, number], p: c.p };
  });
  return { ok: true, n, df, reference, coefficients, baselineSlope: coefficients[1], differences, sigma: Math.sqrt(sigma2) };
}
