# Golden values for `continuum analyze compare` with margins (DESIGN.md "Comparable
# outcomes"): recomputed in base R from the exported CSVs in tests/golden/data/, sharing no code
# with the TypeScript. Pairs from timepoint-scores.R (DESIGN.md's windows); then per case
#   - ANCOVA lm(post ~ pre + group), treatment contrasts against the reference;
#   - TOST (Schuirmann 1987; Lakens 2017) and non-inferiority on each coefficient, t with the
#     residual df: p_lower = P(T > (est + M)/se), p_upper = P(T < (est − M)/se), 90% CI;
#   - the inverse-probability-weighted difference in change (post − pre) of notebooks/levels:
#     glm(binomial) of group vs reference on intake, level_of_care, track, age_band, payer (the
#     grouping key and constant covariates left out), stabilized weights, Hájek means, robust
#     SE Σw²(x − x̄)²/(Σw)², and the same tests on the normal distribution.
# Run by hand: Rscript tests/golden/compare.R  (writes compare.json beside it).
library(jsonlite)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
data_dir <- file.path(here, "data")
source(file.path(here, "timepoint-scores.R"))
scored <- load_scores(data_dir)
cut <- scored$cut
pairs_of <- function(instrument) discharge_pairs(scored, instrument)

tests <- function(est, se, df, eq, ni, better) {
  cdf <- function(x) if (is.finite(df)) pt(x, df) else pnorm(x)
  crit <- if (is.finite(df)) qt(0.95, df) else qnorm(0.95)
  p_diff <- 2 * cdf(-abs(est / se))
  out <- list()
  if (!is.null(eq)) {
    p_lower <- cdf(-(est + eq) / se); p_upper <- cdf((est - eq) / se); p <- max(p_lower, p_upper)
    verdict <- if (p < 0.05) { if (p_diff < 0.05) "equivalent_but_different" else "equivalent" } else { if (p_diff < 0.05) "not_equivalent" else "inconclusive" }
    out$equivalence <- list(margin = eq, ci90 = c(est - crit * se, est + crit * se), p_lower = p_lower, p_upper = p_upper, p = p, p_difference = p_diff, verdict = verdict)
  }
  if (!is.null(ni)) {
    p <- if (better == "lower") cdf((est - ni) / se) else cdf(-(est + ni) / se)
    out$noninferiority <- list(margin = ni, p = p, verdict = if (p < 0.05) "noninferior" else "not_shown")
  }
  out$equivalence_bound <- abs(est) + crit * se
  out
}

PROPENSITY <- c("level_of_care", "track", "age_band", "payer")
weighted <- function(d, by, group, reference, eq, ni, better) {
  s <- d[d$group %in% c(group, reference), ]
  s$y <- as.integer(s$group == group)
  covs <- setdiff(PROPENSITY, by)
  for (k in covs) s[[k]] <- ifelse(is.na(s[[k]]), "(none)", s[[k]])
  covs <- covs[vapply(covs, function(k) length(unique(s[[k]])) > 1, logical(1))]
  f <- as.formula(paste("y ~ pre", paste(c("", covs), collapse = " + ")))
  e <- fitted(glm(f, family = binomial, data = s))
  share <- mean(s$y)
  w <- ifelse(s$y == 1, share / e, (1 - share) / (1 - e))
  x <- s$post - s$pre
  side <- function(k, ww) { i <- s$y == k; mu <- sum(ww[i] * x[i]) / sum(ww[i]); list(mean = mu, var = sum(ww[i]^2 * (x[i] - mu)^2) / sum(ww[i])^2) }
  g1 <- side(1, w); g0 <- side(0, w)
  est <- g1$mean - g0$mean; se <- sqrt(g1$var + g0$var); z <- qnorm(0.975)
  c(list(n = nrow(s), estimate = est, se = se, ci = c(est - z * se, est + z * se), p = 2 * pnorm(-abs(est / se)),
         crude = mean(x[s$y == 1]) - mean(x[s$y == 0]), max_weight = max(w)),
    tests(est, se, Inf, eq, ni, better))
}

cases <- list(
  list(name = "level_of_care_vs_RES", instrument = "PHQ9", by = "level_of_care", reference = "RES", where = list(), equivalence = 2.5, noninferiority = 2.5),
  list(name = "modality_within_IOP", instrument = "PHQ9", by = "modality", reference = "in_person", where = list(level_of_care = "IOP"), equivalence = 2.5, noninferiority = 2.5),
  list(name = "gad7_track_vs_MH", instrument = "GAD7", by = "track", reference = "MH", where = list(), equivalence = 1.5, noninferiority = 2)
)
out <- lapply(cases, function(k) {
  d <- pairs_of(k$instrument)
  for (key in names(k$where)) d <- d[!is.na(d[[key]]) & d[[key]] == k$where[[key]], ]
  d <- d[!is.na(d[[k$by]]), ]
  d$group <- d[[k$by]]
  fit <- lm(post ~ pre + group, data = transform(d, group = relevel(factor(group), ref = k$reference)))
  s <- summary(fit)$coefficients; ci <- confint(fit)
  differences <- lapply(rownames(s)[-(1:2)], function(term) {
    g <- sub("^group", "", term); est <- s[term, 1]; se <- s[term, 2]
    c(setNames(list(g), k$by), list(estimate = est, se = se, ci = unname(ci[term, ]), p = s[term, 4], n = sum(d$group == g)),
      tests(est, se, fit$df.residual, k$equivalence, k$noninferiority, "lower"),
      list(weighted = weighted(d, k$by, g, k$reference, k$equivalence, k$noninferiority, "lower")))
  })
  list(case = k[c("name", "instrument", "by", "reference", "where", "equivalence", "noninferiority")],
       doc = list(n = nrow(d), reference = k$reference, df = fit$df.residual, baseline_slope = list(estimate = s["pre", 1], se = s["pre", 2]), differences = differences))
})
stopifnot(length(out) == 3, all(vapply(out, function(o) length(o$doc$differences) > 0, logical(1))))  # assert: computed before it becomes golden data
writeLines(toJSON(list(data_cut = format(cut), cases = out), auto_unbox = TRUE, digits = I(15), na = "null", pretty = TRUE), file.path(here, "compare.json"))
