# Golden values for stats/two-sample.ts (the attrition check): Welch t-test and Cohen's d
# with pooled SD, as R computes them. Run by hand: Rscript tests/golden/two-sample.R
# (writes tests/golden/two-sample.json next to this script). CI does not need R.
library(jsonlite)
set.seed(20261124)
cases <- list(
  list(name = "hand", x = c(12, 15, 9, 20, 18, 14), y = c(10, 8, 13, 7, 11)),
  list(name = "unequal_large", x = round(rnorm(1500, 15, 5)), y = round(rnorm(230, 16.5, 6))),
  list(name = "small", x = c(3, 4), y = c(9, 1, 5)),
  list(name = "ties", x = c(10, 10, 10, 12), y = c(10, 11, 11, 11, 11))
)
out <- lapply(cases, function(k) {
  r <- t.test(k$x, k$y)
  sp <- sqrt(((length(k$x) - 1) * var(k$x) + (length(k$y) - 1) * var(k$y)) / (length(k$x) + length(k$y) - 2))
  list(name = k$name, x = k$x, y = k$y,
       t = unname(r$statistic), df = unname(r$parameter), p = r$p.value,
       d = (mean(k$x) - mean(k$y)) / sp)
})
stopifnot(length(out) > 0)  # assert: something was computed before it becomes golden data
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15), pretty = TRUE), file.path(here, "two-sample.json"))
