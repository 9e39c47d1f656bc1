// Table headers a director reads. Tables keep their machine names where machines read them
// (CSV, JSON, data.json, a notebook's numbers); an HTML or PDF table shows each column through
// `humanHeader`: a label written for it, else the name with its underscores as spaces and a
// capital first letter. Statistics' own symbols stay (n, p, φ …), written without underscores
// (d_z as d (z), Lakens 2013's subscript).

const LABELS: Record<string, string> = {
  level_of_care: "Level of care",
  n_group: "n (group)",
  n_reference: "n (reference)",
  n_observed: "n measured",
  n_continuing_care: "n with continuing care",
  d_z: "d (z)",
  d_z_ci: "d (z), 95% CI",
  d_pre: "d (pre)",
  g_av: "g (av)",
  df1: "df₁",
  df2: "df₂",
  rho: "ρ",
  p_adjusted: "p (Benjamini–Hochberg)",
  p_tost: "p (TOST)",
  p_noninferiority: "p (non-inferiority)",
  ci: "95% CI",
  ci90_lower: "90% CI, lower",
  ci90_upper: "90% CI, upper",
  lower: "95% CI, lower",
  upper: "95% CI, upper",
  margin: "Margin (points)",
  smallest_margin: "Smallest margin (points)",
  difference: "Difference (points)",
  adjusted_difference: "Adjusted difference (points)",
  crude_difference: "Crude difference (points)",
  weighted_difference: "Weighted difference (points)",
  mean_improvement: "Mean improvement (points)",
  improvement_per_hour: "Improvement per hour (points)",
  pre_mean: "Mean before",
  post_mean: "Mean after",
  completers_mean: "Completers' mean",
  model_mean: "Model mean (all scores)",
  followup_rate: "Followed up",
  attrition_d: "Attrition d (missing vs measured at intake)",
  attrition_p: "Attrition p",
  max_weight: "Largest weight",
  smd_before: "SMD before weighting",
  smd_after: "SMD after weighting",
  not_readmitted_30d: "Not readmitted by day 30",
  not_readmitted_90d: "Not readmitted by day 90",
  not_readmitted_180d: "Not readmitted by day 180",
  median_days_admission_to_intake: "Median days from admission to intake",
  vs: "Against",
};

/** Names left as written: a statistic's symbol, or already a label. */
const AS_IS = /^(n|p|r|t|f|df|[A-Z].*|\d.*)$/;

export function humanHeader(name: string): string {
  if (LABELS[name]) return LABELS[name];
  if (AS_IS.test(name)) return name;
  const spaced = name.replaceAll("_", " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
