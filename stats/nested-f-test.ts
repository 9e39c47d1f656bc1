// The F test of nested linear models (R's anova(reduced, full)): does adding terms reduce the
// residual sum of squares more than chance would? F = ((RSS₀ − RSS₁)/(df₀ − df₁)) / (RSS₁/df₁),
// p = P[F(df₀ − df₁, df₁) > F]. Used for heterogeneity of improvement across a subgroup's
// levels, adjusted for intake score and level of care (notebooks/subgroups.nb.ts).
import { pfUpper } from "./distributions.ts";

export interface ModelFit {
  /** Residual sum of squares. */
  rss: number;
  /** Residual degrees of freedom. */
  df: number;
}

export type NestedFResult = { ok: true; f: number; df1: number; df2: number; p: number } | { ok: false; reason: "not_nested" | "perfect_fit" };

export function nestedFTest(reduced: ModelFit, full: ModelFit): NestedFResult {
  const df1 = reduced.df - full.df;
  if (df1 <= 0 || full.rss > reduced.rss + 1e-9 * reduced.rss) return { ok: false, reason: "not_nested" };
  if (full.rss <= 0) return { ok: false, reason: "perfect_fit" };
  const f = (reduced.rss - full.rss) / df1 / (full.rss / full.df);
  return { ok: true, f, df1, df2: full.df, p: pfUpper(f, df1, full.df) };
}
