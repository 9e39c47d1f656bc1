// Ordinary least squares from sums, so that a model of a million episodes is fitted from what a
// GROUP BY returns rather than from a million rows read into Node.
//
// The data arrive as cells: rows that share every categorical value (group, subgroup key…),
// each with its count and the sums of its numeric columns and of their pairwise products. The
// normal equations need nothing else: with treatment-contrast indicators constant in a cell,
//   XᵀX[j,k] = Σ_cells (n · cⱼcₖ | cⱼ · Σa | Σab)   and   Xᵀy, yᵀy alike,
// so β = (XᵀX)⁻¹Xᵀy by Cholesky factorisation, RSS = yᵀy − βᵀXᵀy, σ̂² = RSS / (n − p), and the
// standard errors σ̂²(XᵀX)⁻¹ — the estimates of R's lm(y ~ …) (Seber & Lee 2003, Linear
// Regression Analysis, §3.1; the cross-product form is the one Citus shards can add up). The
// rank test reads the Cholesky factor's diagonal, which equals |diag(R)| of the QR that lm
// pivots on, with lm's relative tolerance 1e-7.
import { inverse, Matrix } from "ml-matrix";

/** Rows sharing their categorical values: their count, and sums of numeric columns and products. */
export interface SumsCell {
  keys: Readonly<Record<string, string>>;
  n: number;
  /** Σ of each numeric column over the cell's rows. */
  sum: Readonly<Record<string, number>>;
  /** Σ of each product of two numeric columns, under productKey(a, b). */
  product: Readonly<Record<string, number>>;
}

/** The name of the product of two numeric columns, in either order. */
export const productKey = (a: string, b: string): string => (a <= b ? `${a}*${b}` : `${b}*${a}`);

/** A column of the design: the intercept, a numeric column, or the indicator of one category. */
export type DesignTerm = { term: string; kind: "intercept" } | { term: string; kind: "numeric"; column: string } | { term: string; kind: "indicator"; key: string; level: string };

export interface LeastSquaresFit {
  n: number;
  df: number;
  coefficients: { term: string; estimate: number; se: number }[];
  sigma: number;
}

export type LeastSquaresResult = ({ ok: true } & LeastSquaresFit) | { ok: false; reason: "too_few_observations" | "singular_design" };

/** A design term's value in a cell: a constant, or (for a numeric column) the column itself. */
const constantOf = (t: DesignTerm, cell: SumsCell): number | null => (t.kind === "intercept" ? 1 : t.kind === "indicator" ? (cell.keys[t.key] === t.level ? 1 : 0) : null);

/** Σ over the cell's rows of term a × term b (a numeric response is a term of kind numeric). */
function crossSum(a: DesignTerm, b: DesignTerm, cell: SumsCell): number {
  const ca = constantOf(a, cell);
  const cb = constantOf(b, cell);
  if (ca !== null && cb !== null) return ca * cb * cell.n;
  if (ca !== null) return ca === 0 ? 0 : ca * cell.sum[(b as { column: string }).column];
  if (cb !== null) return cb === 0 ? 0 : cb * cell.sum[(a as { column: string }).column];
  return cell.product[productKey((a as { column: string }).column, (b as { column: string }).column)];
}

/** Least squares of the numeric column `response` on `design`, from the cells' sums. */
export function leastSquaresFromSums(cells: readonly SumsCell[], design: readonly DesignTerm[], response: string): LeastSquaresResult {
  const n = cells.reduce((a, c) => a + c.n, 0);
  const p = design.length;
  if (n <= p) return { ok: false, reason: "too_few_observations" };
  const y: DesignTerm = { term: response, kind: "numeric", column: response };
  const xtx = new Matrix(p, p);
  const xty = new Array<number>(p).fill(0);
  let yty = 0;
  for (const cell of cells) {
    for (let j = 0; j < p; j++) {
      for (let k = j; k < p; k++) xtx.set(j, k, xtx.get(j, k) + crossSum(design[j], design[k], cell));
      xty[j] += crossSum(design[j], y, cell);
    }
    yty += crossSum(y, y, cell);
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtx.set(j, k, xtx.get(k, j));
  const chol = cholesky(xtx);
  if (!chol) return { ok: false, reason: "singular_design" };
  const xtxInv = inverse(xtx);
  const beta = xtxInv.mmul(Matrix.columnVector(xty)).to1DArray();
  const df = n - p;
  // RSS = yᵀy − βᵀXᵀy; never below zero (a perfect fit leaves rounding only).
  const rss = Math.max(0, yty - beta.reduce((a, b, j) => a + b * xty[j], 0));
  const sigma2 = rss / df;
  return {
    ok: true,
    n,
    df,
    coefficients: design.map((t, j) => ({ term: t.term, estimate: beta[j], se: Math.sqrt(sigma2 * xtxInv.get(j, j)) })),
    sigma: Math.sqrt(sigma2),
  };
}

/** The Cholesky factor's diagonal of a symmetric matrix, or null when it is not of full rank (lm's tolerance). */
function cholesky(a: Matrix): number[] | null {
  const p = a.rows;
  const l = new Matrix(p, p);
  const diag: number[] = [];
  for (let j = 0; j < p; j++) {
    let d = a.get(j, j);
    for (let k = 0; k < j; k++) d -= l.get(j, k) ** 2;
    // A pivot that rounding leaves at or below zero is a dependent column.
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    diag.push(ljj);
    l.set(j, j, ljj);
    for (let i = j + 1; i < p; i++) {
      let s = a.get(i, j);
      for (let k = 0; k < j; k++) s -= l.get(i, k) * l.get(j, k);
      l.set(i, j, s / ljj);
    }
  }
  return Math.min(...diag) <= 1e-7 * Math.max(...diag) ? null : diag;
}

/**
 * The per-group sums of the pre and post scores (the cells of `post ~ pre + group`) from finer
 * cells that key the pre score and sum the change, post − pre: with post = pre + change, each
 * sum follows from n, Σchange and Σchange². When every pre score and both sums are whole
 * numbers the result is exact — and so equal to the sums taken directly — since whole numbers
 * below 2⁵³ add exactly in doubles in any order; otherwise null, and the caller sums directly.
 * Groups keep the order of their first cell.
 */
export function scoreCellsFromChangeCells(cells: readonly SumsCell[], { group = "group", pre = "pre", change = "change" } = {}): SumsCell[] | null {
  const groups = new Map<string, { n: number; x: number; y: number; xx: number; xy: number; yy: number }>();
  for (const c of cells) {
    const [x, d, dd] = [Number(c.keys[pre]), c.sum[change], c.product[productKey(change, change)]];
    if (![x, d, dd].every(Number.isInteger)) return null;
    const g = groups.get(c.keys[group]) ?? { n: 0, x: 0, y: 0, xx: 0, xy: 0, yy: 0 };
    const y = c.n * x + d; // Σpost over the cell
    g.n += c.n;
    g.x += c.n * x;
    g.y += y;
    g.xx += c.n * x * x;
    g.xy += x * y;
    g.yy += c.n * x * x + 2 * x * d + dd;
    groups.set(c.keys[group], g);
  }
  return [...groups].map(([key, g]) => ({
    keys: { group: key },
    n: g.n,
    sum: { pre: g.x, post: g.y },
    product: { [productKey("pre", "pre")]: g.xx, [productKey("pre", "post")]: g.xy, [productKey("post", "post")]: g.yy },
  }));
}
