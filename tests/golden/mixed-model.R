# Golden values for stats/mixed-model.ts: lme4::lmer REML with a random intercept per
# episode, emmeans cell means with asymptotic (Wald) intervals.
# Run by hand: Rscript tests/golden/mixed-model.R  (writes mixed-model.json beside it).
library(jsonlite); library(lme4); library(emmeans)
set.seed(20261127)
tps <- c("intake", "discharge", "followup_6m"); grps <- c("IOP", "OP", "PHP")
make <- function(n_ep, p_miss) {
  rows <- list()
  for (i in seq_len(n_ep)) {
    g <- sample(grps, 1, prob = c(0.4, 0.35, 0.25)); b <- rnorm(1, 0, 3.5)
    drop <- c(intake = 0.05, discharge = 0.2, followup_6m = 0.55) * p_miss
    for (t in tps) {
      if (runif(1) < drop[[t]]) next
      mu <- 16 - c(intake = 0, discharge = 5, followup_6m = 4)[[t]] - (g == "PHP") * (t != "intake") * 1.5 + (g == "OP") * (t != "intake") * 1.2
      rows[[length(rows) + 1]] <- data.frame(episode = sprintf("E%04d", i), timepoint = t, group = g, score = round(mu + b + rnorm(1, 0, 4)))
    }
  }
  do.call(rbind, rows)
}
cases <- list(list(name = "unbalanced_300", data = make(300, 1)), list(name = "heavy_missing_120", data = make(120, 1.6)))
out <- lapply(cases, function(k) {
  d <- k$data; d$timepoint <- factor(d$timepoint, levels = tps); d$group <- factor(d$group, levels = grps)
  fit <- lmer(score ~ timepoint * group + (1 | episode), data = d, REML = TRUE)
  vc <- as.data.frame(VarCorr(fit))
  em <- as.data.frame(summary(emmeans(fit, ~ timepoint * group, lmer.df = "asymptotic")))
  s <- summary(fit)$coefficients
  list(name = k$name, rows = lapply(seq_len(nrow(k$data)), function(i) as.list(k$data[i, ])),
       variance = list(episode = vc$vcov[vc$grp == "episode"], residual = vc$vcov[vc$grp == "Residual"]),
       terms = rownames(s), estimate = unname(s[, 1]), se = unname(s[, 2]),
       means = lapply(seq_len(nrow(em)), function(i) list(timepoint = as.character(em$timepoint[i]), group = as.character(em$group[i]),
                                                         mean = em$emmean[i], se = em$SE[i], lower = em$asymp.LCL[i], upper = em$asymp.UCL[i])))
})
stopifnot(length(out) > 0)  # assert: something was computed before it becomes golden data
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15)), file.path(here, "mixed-model.json"))
