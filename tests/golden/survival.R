# Golden values for stats/kaplan-meier.ts and stats/log-rank.ts from R's survival package.
# Run by hand: Rscript tests/golden/survival.R  (writes survival.json beside it).
library(jsonlite)
library(survival)
set.seed(20261125)
gen <- function(n, rate, cens_rate, max_t = 120) {
  t_event <- ceiling(rexp(n, rate)); t_cens <- pmin(max_t, ceiling(rexp(n, cens_rate)))
  list(time = pmin(t_event, t_cens), status = as.integer(t_event <= t_cens))
}
datasets <- list(
  list(name = "small_ties", groups = list(A = list(time = c(3, 5, 5, 8, 10, 10, 12, 15), status = c(1, 1, 0, 1, 1, 1, 0, 0)),
                                          B = list(time = c(2, 4, 5, 6, 9, 11, 13, 14, 20), status = c(1, 0, 1, 1, 0, 1, 1, 0, 1)))),
  list(name = "three_levels_large", groups = list(IOP = gen(1500, 1 / 200, 1 / 60), PHP = gen(900, 1 / 120, 1 / 40), OP = gen(2100, 1 / 300, 1 / 90))),
  list(name = "all_censored_group", groups = list(A = list(time = c(4, 6, 9, 12), status = c(0, 0, 0, 0)), B = list(time = c(3, 5, 7, 8, 10), status = c(1, 1, 0, 1, 0)))),
  list(name = "median_plateau", groups = list(A = list(time = c(1, 2, 3, 4), status = c(1, 1, 0, 0)), B = list(time = c(1, 2, 3, 4, 6), status = c(1, 0, 1, 1, 1))))
)
at <- c(5, 10, 30, 60, 90)
out <- lapply(datasets, function(ds) {
  per_group <- lapply(names(ds$groups), function(g) {
    d <- ds$groups[[g]]
    fit <- survfit(Surv(d$time, d$status) ~ 1, conf.type = "log")
    days <- at[at <= max(d$time)]
    s <- if (length(days)) summary(fit, times = days, extend = FALSE) else list(time = numeric(0))
    med <- unname(summary(fit)$table["median"])
    list(group = g, time = d$time, status = d$status, km_time = fit$time, surv = fit$surv, std_err = fit$std.err,
         lower = fit$lower, upper = fit$upper, median = if (is.na(med)) NULL else med,
         at = lapply(seq_along(s$time), function(i) list(day = s$time[i], surv = s$surv[i], lower = s$lower[i], upper = s$upper[i])))
  })
  all <- do.call(rbind, lapply(names(ds$groups), function(g) data.frame(time = ds$groups[[g]]$time, status = ds$groups[[g]]$status, group = g)))
  sd <- survdiff(Surv(time, status) ~ group, data = all)
  list(name = ds$name, groups = per_group, logrank = list(chisq = sd$chisq, df = length(sd$n) - 1, p = pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE)))
})
stopifnot(length(out) > 0)  # assert: something was computed before it becomes golden data
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15), pretty = TRUE, na = "null"), file.path(here, "survival.json"))
