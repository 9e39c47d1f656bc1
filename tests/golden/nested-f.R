# Golden values for stats/nested-f-test.ts: anova() of nested linear models on a fixed dataset
# (post ~ pre + level vs post ~ pre + level + subgroup), and pf upper tails.
# Run by hand: Rscript tests/golden/nested-f.R > tests/golden/nested-f.json
library(jsonlite)
d <- data.frame(
  pre = c(14, 18, 11, 20, 16, 13, 19, 15, 12, 17, 21, 10, 16, 18, 14, 13, 19, 15, 17, 12, 20, 11, 16, 14),
  post = c(9, 12, 8, 15, 10, 9, 11, 12, 7, 10, 16, 8, 9, 13, 10, 6, 14, 11, 9, 9, 12, 7, 12, 8),
  level = rep(c("IOP", "PHP", "OP"), 8),
  subgroup = rep(c("a", "b", "c", "d"), each = 6)
)
reduced <- lm(post ~ pre + level, data = d)
full <- lm(post ~ pre + level + subgroup, data = d)
a <- anova(reduced, full)
out <- list(
  data = d,
  rss_reduced = deviance(reduced), df_reduced = df.residual(reduced),
  rss_full = deviance(full), df_full = df.residual(full),
  f = a$F[2], df1 = a$Df[2], p = a$`Pr(>F)`[2],
  pf_upper = lapply(list(c(2.5, 3, 20), c(0.4, 1, 5), c(7.1, 4, 100)), function(x) list(f = x[1], df1 = x[2], df2 = x[3], p = pf(x[1], x[2], x[3], lower.tail = FALSE)))
)
cat(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "\n")
