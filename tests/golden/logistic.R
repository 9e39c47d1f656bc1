# Golden values for stats/logistic-regression.ts: glm(family = binomial) on a fixed dataset
# (outcome ~ severity + track), coefficients, standard errors, deviance and fitted values.
# Run by hand: Rscript tests/golden/logistic.R > tests/golden/logistic.json
library(jsonlite)
d <- data.frame(
  y = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0),
  severity = c(14, 9, 18, 16, 11, 8, 20, 12, 15, 17, 10, 19, 13, 7, 16, 21, 9, 12, 14, 18, 13, 10, 15, 22, 11, 17, 12, 8, 19, 16),
  track = rep(c("MH", "SUD", "COD"), 10)
)
fit <- glm(y ~ severity + track, family = binomial, data = d)
s <- summary(fit)$coefficients
cat(toJSON(list(data = d, terms = rownames(s), coefficients = unname(s[, 1]), se = unname(s[, 2]), deviance = deviance(fit), fitted = unname(fitted(fit))), digits = NA, auto_unbox = TRUE, pretty = TRUE), "\n")
