# Golden values for `continuum analyze benchmark --by site_id --instrument PHQ9 --json` (DESIGN.md
# "Fair comparison across sites"): recomputed in R from the seeded 12-site cohort in
# tests/golden/data/benchmark/, sharing no code with the TypeScript. Pairs from timepoint-scores.R
# (DESIGN.md's windows, discharge window closed by the data cut), intake PHQ-9 in the clinical
# range (catalog cutoff, read from change-rules.json); change = improvement (pre − post); then
#   - severity-adjusted effect size (ACORN): lm(change ~ intake + level_of_care + track + age_band
#     + gender), an empty category its own level "unknown"; SAES = (mean change + residual) /
#     SD(intake); per site mean with a 90% t interval, and the lme4::lmer REML random-intercept
#     shrunken estimate ± z(0.95)·√postVar, banded > 0.8 / ≥ 0.5 / below;
#   - funnel plots of reliable improvement (change / sDiff > 1.96) as a proportion ("PR") and as
#     observed / expected ("SR", SHMI method; expected = Σ fitted of a logistic glm on the same
#     covariates, not rounded), computed by a base-R port of FunnelPlotR 0.6.0
#     (nhs-r-community/FunnelPlotR @ 9020d49, R/od_adjustment.R, R/calculate_limits.R,
#     R/build_limits_lookup.R, R/outliers_func.R; MIT, C. Mainey) with its defaults (trim_by 0.1,
#     limit 99, draw_adjusted TRUE → unadjusted when φ ≤ 1) except SHMI_rounding = FALSE.
# The port is checked against FunnelPlotR's own unit tests (tests/testthat/test-poisson_limits.R,
# test-classes_methods.R), whose inputs and expected values are written to funnel-poisson.json.
# Run by hand: Rscript tests/golden/benchmark.R  (writes benchmark.json and funnel-poisson.json
# beside it); or Rscript benchmark.R DATA_DIR OUT_JSON.
library(jsonlite); library(lme4)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
given <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(given) >= 1) given[1] else file.path(here, "data", "benchmark")
out_file <- if (length(given) >= 2) given[2] else file.path(here, "benchmark.json")
source(file.path(here, "timepoint-scores.R"))
scored <- load_scores(data_dir)
rules <- fromJSON(file.path(data_dir, "change-rules.json"))
cut <- scored$cut
pairs_of <- function(instrument) discharge_pairs(scored, instrument)

# ---- FunnelPlotR 0.6.0 ported line by line minus plotting (argument defaults as in the package) ----
transformed_zscore <- function(mod_plot_agg, data_type = "SR", sr_method = "SHMI") {
  if (data_type == "SR" && sr_method == "SHMI") {
    mod_plot_agg$target_transformed <- 0
    mod_plot_agg$Y <- log(mod_plot_agg$numerator / mod_plot_agg$denominator)
    mod_plot_agg$s <- 1 / (sqrt(mod_plot_agg$denominator))
    mod_plot_agg$Uzscore <- sqrt(mod_plot_agg$denominator) * log(mod_plot_agg$numerator / mod_plot_agg$denominator)
  } else if (data_type == "PR") {
    mod_plot_agg$target_transformed <- asin(sqrt(sum(mod_plot_agg$numerator) / sum(mod_plot_agg$denominator)))
    mod_plot_agg$Y <- asin(sqrt(mod_plot_agg$numerator / mod_plot_agg$denominator))
    mod_plot_agg$s <- 1 / (2 * sqrt(mod_plot_agg$denominator))
    mod_plot_agg$Uzscore <- (mod_plot_agg$Y - mod_plot_agg$target_transformed) / mod_plot_agg$s
  } else stop("only PR and SR/SHMI are ported")
  mod_plot_agg
}
winsorisation <- function(mod_plot_agg, trim_by = 0.1) {
  lz <- quantile(x = mod_plot_agg$Uzscore, trim_by, na.rm = TRUE)  # type 7
  uz <- quantile(x = mod_plot_agg$Uzscore, (1 - trim_by), na.rm = TRUE)
  mod_plot_agg$winsorised <- ifelse(mod_plot_agg$Uzscore > lz & mod_plot_agg$Uzscore < uz, 0, 1)
  mod_plot_agg$Wuzscore <- ifelse(mod_plot_agg$Uzscore < lz, lz, ifelse(mod_plot_agg$Uzscore > uz, uz, mod_plot_agg$Uzscore))
  mod_plot_agg
}
truncation <- function(mod_plot_agg, trim_by = 0.1) {
  k <- 1 / trim_by; maxk <- k - 1; mink <- min(k / k) - 1
  mod_plot_agg$rk <- rank(mod_plot_agg$Uzscore, ties.method = "average")
  mod_plot_agg$sp <- floor(mod_plot_agg$rk * k / (length(mod_plot_agg$rk) + 1))
  mod_plot_agg$truncated <- ifelse(mod_plot_agg$sp > mink & mod_plot_agg$sp < maxk, 0, 1)
  mod_plot_agg$Wuzscore <- ifelse(mod_plot_agg$truncated == 1, NA, mod_plot_agg$Uzscore)
  mod_plot_agg
}
phi_func <- function(n, zscores) (1 / n) * sum(zscores^2)
tau_func <- function(n, phi, S) {
  if (length(S) == 0) return(0)
  if ((n * phi) < (n - 1)) return(0)
  max(0, ((sum(n) * sum(phi)) - (sum(n) - 1)) / (sum(1 / (S^2)) - (sum((1 / (S^2))^2) / sum(1 / (S^2)))))
}
calculate_limits <- function(df_ci, data_type = "SR", sr_method = "SHMI", multiplier = 1, tau2 = 0, target, draw_adjusted) {
  od <- ifelse(draw_adjusted == TRUE, "od", "")
  var_names <- paste0(od, c("ll95", "ul95", "ll998", "ul998"))
  tau2 <- ifelse(draw_adjusted == FALSE, 0, tau2)
  E <- df_ci$number_seq; ncols <- ncol(df_ci)
  if (data_type == "SR") {
    if (draw_adjusted == FALSE) {
      df_ci[, ncols + 1] <- multiplier * target * (qchisq(0.975, 2 * E, lower.tail = FALSE) / 2) / E
      df_ci[, ncols + 2] <- multiplier * target * (qchisq(0.025, 2 * (E + 1), lower.tail = FALSE) / 2) / E
      df_ci[, ncols + 3] <- multiplier * target * (qchisq(0.999, 2 * E, lower.tail = FALSE) / 2) / E
      df_ci[, ncols + 4] <- multiplier * target * (qchisq(0.001, 2 * (E + 1), lower.tail = FALSE) / 2) / E
    } else if (sr_method == "SHMI") {
      df_ci[, ncols + 1] <- multiplier * (exp(-1.959964 * sqrt((1 / E) + tau2)))
      df_ci[, ncols + 2] <- multiplier * (exp(1.959964 * sqrt((1 / E) + tau2)))
      df_ci[, ncols + 3] <- multiplier * (exp(-3.090232 * sqrt((1 / E) + tau2)))
      df_ci[, ncols + 4] <- multiplier * (exp(3.090232 * sqrt((1 / E) + tau2)))
    } else stop("only SHMI is ported")
  } else if (data_type == "PR") {
    s <- 1 / (2 * sqrt(E)); a <- asin(sqrt(target)); N <- nrow(df_ci)
    for (j in 1:4) {
      zz <- c(-1.959964, 1.959964, -3.090232, 3.090232)[j]
      v <- multiplier * (sin(a + zz * sqrt((s^2) + tau2))^2)
      # Truncate proportion limits at [0, 1]; arcsine not monotonic at low denominators → 0 / 1
      if (zz < 0) { v <- ifelse(v < 0, 0, v); if (N > 1) v[1:(N - 1)] <- ifelse(v[1:(N - 1)] > v[2:N], 0, v[1:(N - 1)]) }
      else { v <- ifelse(v > 1 * multiplier, 1 * multiplier, v); if (N > 1) v[1:(N - 1)] <- ifelse(v[1:(N - 1)] < v[2:N], 1 * multiplier, v[1:(N - 1)]) }
      df_ci[, ncols + j] <- v
    }
  }
  colnames(df_ci) <- c(colnames(df_ci)[1:ncols], var_names)
  df_ci
}
# funnel_plot() without the drawing: aggregate, z-score, winsorise/truncate, φ, τ², limits on the
# lookup grid (which holds every denominator), outliers at limit = 99 (99.8 %, on a limit inside).
funnel <- function(numerator, denominator, group, data_type, sr_method = "SHMI", trim_by = 0.1, SHMI_rounding = FALSE) {
  agg <- aggregate(list(numerator = numerator, denominator = denominator), by = list(group = as.factor(group)), FUN = sum)
  agg$rr <- agg$numerator / agg$denominator
  if (data_type == "SR" && sr_method == "SHMI" && SHMI_rounding) agg$denominator <- round(agg$denominator, 2)
  target <- ifelse(data_type == "SR", 1, sum(agg$numerator) / sum(agg$denominator))
  agg <- transformed_zscore(agg, data_type, sr_method)
  agg <- if (data_type == "SR" && sr_method == "SHMI") truncation(agg, trim_by) else winsorisation(agg, trim_by)
  n <- as.numeric(sum(!is.na(agg$Wuzscore)))
  phi <- phi_func(n, na.omit(agg$Wuzscore))
  tau2 <- tau_func(n, phi, S = agg[!is.na(agg$Wuzscore), ]$s)
  adjusted <- phi > 1  # draw_adjusted = TRUE, draw_unadjusted = FALSE, switched off when phi <= 1
  max_x <- as.numeric(ceiling(max(agg$denominator)))
  grid <- if (data_type == "SR") seq(1.1, max_x, length.out = 1000) else seq(3, max_x, length.out = 1000)
  grid <- data.frame(number_seq = sort(unique(c(grid, agg$denominator))))
  lims <- calculate_limits(grid, data_type, sr_method, 1, tau2, target, draw_adjusted = adjusted)
  names(lims) <- sub("^od", "", names(lims))
  agg <- merge(agg, lims, by.x = "denominator", by.y = "number_seq")
  agg <- agg[order(as.character(agg$group)), ]
  agg$outlier <- !(agg$rr <= agg$ul998 & agg$rr >= agg$ll998)
  list(target = target, phi = phi, tau2 = if (adjusted) tau2 else 0, tau2_computed = tau2, adjusted = adjusted,
       n_used = n, excluded = as.character(agg$group[is.na(agg$Wuzscore)]),
       limits = lapply(seq_len(nrow(agg)), function(i) list(key = as.character(agg$group[i]), denominator = agg$denominator[i],
         numerator = agg$numerator[i], value = agg$rr[i], z = agg$Uzscore[i], ll95 = agg$ll95[i], ul95 = agg$ul95[i],
         ll998 = agg$ll998[i], ul998 = agg$ul998[i], outlier = agg$outlier[i])))
}

# ---- FunnelPlotR's own tests, against the port ----
poisson <- calculate_limits(data.frame(number_seq = c(15, 20, 30)), target = 1, draw_adjusted = FALSE)
expected <- list(ll95 = c(0.5596924, 0.6108260, 0.6746958), ul95 = c(1.649348, 1.544419, 1.427562),
                 ll998 = c(0.3862650, 0.4479107, 0.5289724), ul998 = c(2.082907, 1.902094, 1.702771))
digits <- c(ll95 = 7, ul95 = 6, ll998 = 7, ul998 = 6)
for (k in names(expected)) stopifnot(length(poisson) == 5, isTRUE(all.equal(round(poisson[[k]], digits[[k]]), expected[[k]])))
phi_case <- data.frame(num = c(100, 150, 180, 80, 120, 225), denom = c(108, 112, 165, 95, 100, 220), group = c("a", "b", "c", "d", "e", "f"))
phi_fit <- funnel(phi_case$num, phi_case$denom, phi_case$group, "SR", SHMI_rounding = TRUE)
stopifnot(round(phi_fit$phi, 6) == 2.948033)
writeLines(toJSON(list(
  source = "nhs-r-community/FunnelPlotR 0.6.0 @ 9020d4972873d863e10b8a16555975f0e322adfc",
  poisson_limits = list(test = "tests/testthat/test-poisson_limits.R",
    call = "calculate_limits(data.frame(number_seq = c(15, 20, 30)), target = 1, draw_adjusted = FALSE)  # data_type SR, sr_method SHMI, multiplier 1, tau2 0",
    denominator = c(15, 20, 30), target = 1, round_digits = as.list(digits), expected = expected,
    recomputed = setNames(lapply(names(expected), function(k) poisson[[k]]), names(expected))),
  phi = list(test = "tests/testthat/test-classes_methods.R", call = "funnel_plot(dt, num, denom, group)  # SR, SHMI, trim_by 0.1",
    numerator = phi_case$num, denominator = phi_case$denom, group = phi_case$group, round_digits = 6, expected = 2.948033,
    recomputed = phi_fit$phi, tau2_recomputed = phi_fit$tau2)
), auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(here, "funnel-poisson.json"))

# ---- The benchmark ----
instrument <- "PHQ9"
rule <- rules[rules$instrument == instrument, ]
clinical <- function(s) if (isTRUE(rule$clinicalAtOrAbove)) s >= rule$cutoff else s < rule$cutoff
d <- pairs_of(instrument)
d <- d[clinical(d$pre), ]
d$change <- if (rule$better == "lower") d$pre - d$post else d$post - d$pre
d$intake <- d$pre
COVARIATES <- c("level_of_care", "track", "age_band", "gender")
for (k in COVARIATES) d[[k]] <- factor(ifelse(is.na(d[[k]]), "unknown", d[[k]]))
d$group <- d$site_id
d <- d[order(d$episode_id), ]

fit <- lm(change ~ intake + level_of_care + track + age_band + gender, data = d)
sd_intake <- sd(d$intake); mean_change <- mean(d$change)
d$saes <- (mean_change + residuals(fit)) / sd_intake

mixed <- lmer(saes ~ 1 + (1 | group), data = d, REML = TRUE)
re <- ranef(mixed, condVar = TRUE)$group
post_var <- setNames(attr(re, "postVar")[1, 1, ], rownames(re))
shrunken <- setNames(fixef(mixed)[["(Intercept)"]] + re[["(Intercept)"]], rownames(re))
vc <- as.data.frame(VarCorr(mixed))

d$reliable <- as.integer(d$change / rule$sDiff > 1.96)
logit <- glm(reliable ~ intake + level_of_care + track + age_band + gender, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
stopifnot(logit$converged)
d$expected <- fitted(logit)

keys <- sort(unique(d$group))
groups <- lapply(keys, function(g) {
  s <- d[d$group == g, ]; n <- nrow(s); mu <- mean(s$saes); h <- qt(0.95, n - 1) * sd(s$saes) / sqrt(n)
  sh <- shrunken[[g]]; hz <- qnorm(0.95) * sqrt(post_var[[g]])
  list(key = g, n = n, saes = mu, saes_ci90 = c(mu - h, mu + h), saes_shrunken = sh, saes_shrunken_ci90 = c(sh - hz, sh + hz),
       band = if (sh > 0.8) "highly_effective" else if (sh >= 0.5) "effective" else "below",
       reliable_improvement = list(observed = sum(s$reliable), n = n, expected = sum(s$expected)))
})
proportion <- funnel(d$reliable, rep(1, nrow(d)), d$group, "PR")
ratio <- funnel(d$reliable, d$expected, d$group, "SR", SHMI_rounding = FALSE)

stopifnot(length(keys) == 12, nrow(d) > 500, length(proportion$limits) == 12, length(ratio$limits) == 12)  # assert: computed before it becomes golden data
writeLines(toJSON(list(
  instrument = instrument, by = "site_id", comparison = "intake_discharge", clinical_cutoff = rule$cutoff, data_cut = format(cut),
  reference = list(n = nrow(d), mean_change = mean_change, sd_intake = sd_intake),
  groups = groups, funnel_proportion = proportion, funnel_ratio = ratio,
  variance = list(group = vc$vcov[vc$grp == "group"], residual = vc$vcov[vc$grp == "Residual"], fixed_intercept = fixef(mixed)[["(Intercept)"]]),
  coefficients = list(lm = as.list(coef(fit)), glm = as.list(coef(logit)))
), auto_unbox = TRUE, digits = NA, pretty = TRUE), out_file)
