# Golden values for stats/ancova.ts from R's lm (treatment contrasts, reference level first).
# Run by hand: Rscript tests/golden/ancova.R  (writes ancova.json beside it).
library(jsonlite)
set.seed(20261126)
make <- function(n, ref = "IOP") {
  group <- sample(c("IOP", "OP", "PHP"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
  pre <- round(rnorm(n, 15, 4.5)); payer <- sample(c("commercial", "medicaid", "medicare"), n, replace = TRUE)
  age <- sample(18:70, n, replace = TRUE)
  post <- round(3 + 0.55 * pre - 1.2 * (group == "PHP") + 1.5 * (group == "OP") + 0.8 * (payer == "medicaid") + 0.02 * age + rnorm(n, 0, 4))
  list(pre = pre, post = post, group = group, payer = payer, age = age, reference = ref)
}
cases <- list(c(list(name = "plain"), make(300)), c(list(name = "with_covariates"), make(800)), c(list(name = "reference_OP"), make(120, "OP")))
out <- lapply(cases, function(k) {
  d <- data.frame(post = k$post, pre = k$pre, group = relevel(factor(k$group), ref = k$reference), payer = factor(k$payer), age = k$age)
  f <- if (k$name == "with_covariates") post ~ pre + group + payer + age else post ~ pre + group
  fit <- lm(f, data = d); s <- summary(fit)$coefficients; ci <- confint(fit)
  list(name = k$name, pre = k$pre, post = k$post, group = k$group, payer = k$payer, age = k$age, reference = k$reference,
       covariates = k$name == "with_covariates", df = fit$df.residual, sigma = summary(fit)$sigma,
       terms = rownames(s), estimate = unname(s[, 1]), se = unname(s[, 2]), t = unname(s[, 3]), p = unname(s[, 4]),
       ci_low = unname(ci[, 1]), ci_high = unname(ci[, 2]))
})
stopifnot(length(out) > 0)  # assert: something was computed before it becomes golden data
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15), pretty = TRUE), file.path(here, "ancova.json"))
