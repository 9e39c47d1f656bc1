# Golden values for stats/paired-effect-size.ts and stats/rank-and-proportion.ts, from R.
# Run by hand: Rscript tests/golden/effect-sizes.R  (writes effect-sizes.json beside it).
# d_z CI: effectsize::cohens_d(paired = TRUE) finds the noncentrality with optim(), accurate
# to about 1e-6; we also solve pt(t, df, ncp) = p exactly with uniroot (tol 1e-14) and test
# against that, and against effectsize at 1e-4.
library(jsonlite)
library(effectsize)
set.seed(20261124)
z <- qnorm(0.975)
J <- function(df) exp(lgamma(df / 2) - 0.5 * log(df / 2) - lgamma((df - 1) / 2))
exact_ncp <- function(t, df, p) uniroot(function(ncp) pt(t, df, ncp) - p, c(t - 50, t + 50), tol = 1e-14)$root
sim <- function(n, shift, sd = 4.5, lo = 0, hi = 27) {
  pre <- round(pmin(hi, pmax(lo, rnorm(n, 15, sd))))
  post <- round(pmin(hi, pmax(lo, 0.5 * pre + 7.5 - shift + rnorm(n, 0, sd * 0.85))))
  list(pre = pre, post = post)
}
cases <- list(
  list(name = "n3", pre = c(12, 15, 20), post = c(10, 9, 14), better = "lower"),
  list(name = "ties", pre = c(10, 10, 12, 12, 14, 9, 11, 10), post = c(8, 8, 10, 10, 14, 7, 9, 11), better = "lower"),
  c(list(name = "n2000"), sim(2000, 4), better = "lower"),
  c(list(name = "n60_small_effect"), sim(60, 0.8), better = "lower"),
  list(name = "swls_higher_better", pre = c(12, 15, 9, 20, 18, 14, 11, 16), post = c(16, 19, 12, 22, 18, 20, 15, 17), better = "higher"),
  list(name = "worsening", pre = c(8, 9, 10, 7, 6, 9), post = c(10, 12, 11, 9, 9, 10), better = "lower")
)
out <- lapply(cases, function(k) {
  sign <- if (k$better == "lower") 1 else -1
  d <- sign * (k$pre - k$post)
  n <- length(d); df <- n - 1
  sdA <- sd(k$pre); sdB <- sd(k$post); r <- cor(k$pre, k$post)
  tt <- t.test(k$pre, k$post, paired = TRUE)
  t <- sign * unname(tt$statistic)
  es <- if (k$better == "lower") cohens_d(k$pre, k$post, paired = TRUE) else cohens_d(k$post, k$pre, paired = TRUE)
  dav <- mean(d) / ((sdA + sdB) / 2)
  gav <- J(df) * dav
  gh <- z * J(df) * sqrt((1 / n + dav^2 / (2 * n)) * 2 * (1 - r))
  dpre <- mean(d) / sdA
  dh <- z * sqrt(2 * (1 - r) / n + dpre^2 / (2 * n))
  w <- suppressWarnings(wilcox.test(k$pre, k$post, paired = TRUE, exact = FALSE, correct = TRUE))
  list(name = k$name, pre = k$pre, post = k$post, better = k$better,
       pre_mean = mean(k$pre), pre_sd = sdA, post_mean = mean(k$post), post_sd = sdB, r = r,
       mean_improvement = mean(d), d_z = mean(d) / sd(d),
       d_z_ci_exact = c(exact_ncp(t, df, 0.975), exact_ncp(t, df, 0.025)) / sqrt(n),
       d_z_ci_effectsize = c(es$CI_low, es$CI_high),
       g_av = gav, g_av_ci = c(gav - gh, gav + gh), d_pre = dpre, d_pre_ci = c(dpre - dh, dpre + dh),
       t = t, df = df, p = tt$p.value, p_wilcoxon = w$p.value)
})
wilson <- lapply(list(c(0, 10), c(3, 12), c(98, 100), c(50, 100), c(1, 1), c(437, 1203)), function(v) {
  list(x = v[1], n = v[2], ci = as.numeric(prop.test(v[1], v[2], correct = FALSE)$conf.int))
})
set.seed(7)
pv <- c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986)
bh <- list(list(p = pv, adjusted = p.adjust(pv, "BH")), list(p = c(0.5, 0.01, 0.01, 0.2), adjusted = p.adjust(c(0.5, 0.01, 0.01, 0.2), "BH")))
grid <- expand.grid(t = c(-3, -0.5, 0, 1.2, 4), df = c(2, 9, 150), ncp = c(-2, 0.3, 1.5, 6))
pnt_grid <- lapply(seq_len(nrow(grid)), function(i) list(t = grid$t[i], df = grid$df[i], ncp = grid$ncp[i], p = pt(grid$t[i], grid$df[i], grid$ncp[i])))
stopifnot(length(out) > 0)  # assert: something was computed before it becomes golden data
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
writeLines(toJSON(list(paired = out, wilson = wilson, bh = bh, pnt = pnt_grid), auto_unbox = TRUE, digits = I(15), pretty = TRUE),
           file.path(here, "effect-sizes.json"))
