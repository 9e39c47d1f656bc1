# Independent recomputation of `continuum analyze --by level_of_care` (every instrument and
# comparison) from the exported CSVs in tests/golden/data/ — DESIGN.md's timepoint windows and
# statistics written again in R, sharing no code with the TypeScript. The catalog's change
# rules (reliable-change SDs, cutoffs) are inputs, read from change-rules.json.
# Run by hand: npx tsx scripts/golden-analyze-data.ts && Rscript tests/golden/analyze.R
# scripts/bench-analyze.ts runs it as the R baseline: Rscript analyze.R DATA_DIR OUT_JSON.
library(jsonlite)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
given <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(given) >= 1) given[1] else file.path(here, "data")
out_file <- if (length(given) >= 2) given[2] else file.path(here, "analyze.json")
source(file.path(here, "timepoint-scores.R"))
scored <- load_scores(data_dir)
rules <- fromJSON(file.path(data_dir, "change-rules.json"))
ep <- scored$ep; cut <- scored$cut; windows <- scored$windows; scores <- scored$scores

z <- qnorm(0.975)
J <- function(df) exp(lgamma(df / 2) - 0.5 * log(df / 2) - lgamma((df - 1) / 2))
exact_ncp <- function(t, df, p) uniroot(function(ncp) pt(t, df, ncp) - p, c(t - 50, t + 50), tol = 1e-14)$root
comparisons <- list(intake_discharge = c("intake", "discharge"), intake_followup_6m = c("intake", "followup_6m"), discharge_followup_6m = c("discharge", "followup_6m"))
rows <- list()
for (cmp in names(comparisons)) {
  pre_t <- comparisons[[cmp]][1]; post_t <- comparisons[[cmp]][2]
  w <- windows[windows$timepoint == post_t, ]
  eligible <- ep[!is.na(ep$discharged_on) & ep$discharged_on + w$offset + w$after <= cut, c("episode_id", "level_of_care")]
  pre <- merge(eligible, scores[scores$timepoint == pre_t, c("episode_id", "instrument", "total")], by = "episode_id")
  post <- scores[scores$timepoint == post_t, c("episode_id", "instrument", "total")]
  names(post)[3] <- "post"
  p <- merge(pre, post, by = c("episode_id", "instrument"), all.x = TRUE)
  for (key in unique(paste(p$instrument, p$level_of_care))) {
    g <- p[paste(p$instrument, p$level_of_care) == key, ]
    rule <- rules[rules$instrument == g$instrument[1], ]
    paired <- g[!is.na(g$post), ]
    n <- nrow(paired); x <- paired$total; y <- paired$post
    sign <- if (rule$better == "lower") 1 else -1
    d <- sign * (x - y)
    row <- list(instrument = g$instrument[1], comparison = cmp, level_of_care = g$level_of_care[1], n = n, n_missing = sum(is.na(g$post)))
    if (n >= 2 && sd(d) > 0) {
      df <- n - 1; sdA <- sd(x); sdB <- sd(y); r <- cor(x, y); t <- mean(d) / (sd(d) / sqrt(n))
      dav <- mean(d) / ((sdA + sdB) / 2); gav <- J(df) * dav; gh <- z * J(df) * sqrt((1 / n + dav^2 / (2 * n)) * 2 * (1 - r))
      dpre <- mean(d) / sdA; dh <- z * sqrt(2 * (1 - r) / n + dpre^2 / (2 * n))
      row <- c(row, list(pre_mean = mean(x), pre_sd = sdA, post_mean = mean(y), post_sd = sdB, r = r, mean_improvement = mean(d),
        d_z = mean(d) / sd(d), d_z_ci = c(exact_ncp(t, df, 0.975), exact_ncp(t, df, 0.025)) / sqrt(n), g_av = gav, g_av_ci = c(gav - gh, gav + gh),
        d_pre = dpre, d_pre_ci = c(dpre - dh, dpre + dh), t = t, df = df, p = 2 * pt(-abs(t), df),
        p_wilcoxon = if (any(d != 0)) suppressWarnings(wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE))$p.value else NA))
    }
    pct <- function(k) if (n > 0) 100 * k / n else NA
    clinical <- function(s) if (isTRUE(rule$clinicalAtOrAbove)) s >= rule$cutoff else s < rule$cutoff
    has <- function(v) !is.null(v) && length(v) == 1 && !is.na(v)
    from_intake <- pre_t == "intake"
    row$pct_reliable_improvement <- if (has(rule$sDiff)) pct(sum(d / rule$sDiff > 1.96)) else NA
    row$pct_reliable_deterioration <- if (has(rule$sDiff)) pct(sum(d / rule$sDiff < -1.96)) else NA
    row$pct_recovered <- if (has(rule$sDiff) && has(rule$cutoff)) pct(sum(d / rule$sDiff > 1.96 & clinical(x) & !clinical(y))) else NA
    row$pct_response <- if (from_intake && has(rule$remissionBelow)) pct(sum(x > 0 & y <= 0.5 * x)) else NA
    row$pct_remission <- if (from_intake && has(rule$remissionBelow)) pct(sum(y < rule$remissionBelow)) else NA
    rows[[length(rows) + 1]] <- row
  }
}
stopifnot(length(rows) > 30)  # assert: something was computed before it becomes golden data
writeLines(toJSON(list(data_cut = format(cut), rows = rows), auto_unbox = TRUE, digits = I(15), na = "null", pretty = TRUE), out_file)
