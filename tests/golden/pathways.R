# Independent recomputation of `continuum analyze pathways` from the exported CSVs in
# tests/golden/data/pathways/ — DESIGN.md "Care pathways" written again in R, sharing no code
# with the TypeScript: each patient's episodes in order (admitted_on, episode_id), the next
# episode, the gap (negative counts as 0), the windows closed by the data cut, the seven
# measures per level of care and `all` with Wilson 95% intervals (prop.test without
# continuity correction), and the transition matrix — for W = 14 and W = 30.
# Run by hand: npx tsx scripts/golden-pathways-data.ts && Rscript tests/golden/pathways.R
library(jsonlite)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
data_dir <- file.path(here, "data", "pathways")
ep <- read.csv(file.path(data_dir, "episodes.csv"), stringsAsFactors = FALSE, na.strings = "", colClasses = "character")
as <- read.csv(file.path(data_dir, "assessments.csv"), stringsAsFactors = FALSE, na.strings = "", colClasses = "character")
for (v in c("admitted_on", "discharged_on")) ep[[v]] <- as.Date(ep[[v]])
cut <- max(c(ep$admitted_on, ep$discharged_on, as.Date(as$assessed_on)), na.rm = TRUE)
levels_of_care <- c("OP", "IOP", "PHP", "RES", "INP")

# Order: patient, admission date, episode id (byte order, as the database's C collation).
ep <- ep[order(ep$patient_id, ep$admitted_on, ep$episode_id, method = "radix"), ]
n <- nrow(ep)
same_patient <- c(ep$patient_id[-1] == ep$patient_id[-n], FALSE)
nxt <- function(x) { y <- c(x[-1], x[1]); y[!same_patient] <- NA; y }
ep$next_level <- nxt(ep$level_of_care)
ep$next_admitted_on <- nxt(ep$admitted_on)
ep$next_discharged_on <- nxt(ep$discharged_on)
a <- ep[!is.na(ep$discharged_on), ]
a$rank <- match(a$level_of_care, levels_of_care)
a$next_rank <- match(a$next_level, levels_of_care)
a$gap <- pmax(as.numeric(a$next_admitted_on - a$discharged_on), 0)
a$days <- as.numeric(cut - a$discharged_on)
has_next <- !is.na(a$next_level)
transfer <- a$discharge_reason %in% c("transferred_up", "transferred_down")

measure_sets <- function(W) {
  within <- function(N) has_next & a$gap <= N
  list(
    step_down = list(den = a$days >= W, num = within(W) & a$next_rank < a$rank),
    step_up = list(den = a$days >= W, num = within(W) & a$next_rank > a$rank),
    continuing_care_7d = list(den = a$rank >= 2 & a$discharge_reason %in% c("completed", "transferred_down") & a$days >= 7, num = within(7) & a$next_rank < a$rank),
    continuing_care_30d = list(den = a$rank >= 2 & a$discharge_reason %in% c("completed", "transferred_down") & a$days >= 30, num = within(30) & a$next_rank < a$rank),
    readmission_30d = list(den = !transfer & a$days >= 30, num = within(30) & a$next_rank >= a$rank),
    readmission_90d = list(den = !transfer & a$days >= 90, num = within(90) & a$next_rank >= a$rank),
    readmission_180d = list(den = !transfer & a$days >= 180, num = within(180) & a$next_rank >= a$rank)
  )
}

rate <- function(x, nn) {
  if (nn == 0) return(list(pct = NA, ci = NA))
  ci <- suppressWarnings(prop.test(x, nn, correct = FALSE)$conf.int)
  list(pct = 100 * x / nn, ci = 100 * as.numeric(ci))
}

one_within <- function(W) {
  sets <- measure_sets(W)
  present <- levels_of_care[levels_of_care %in% a$level_of_care]
  measures <- list()
  for (level in c(present, "all")) {
    keep <- if (level == "all") rep(TRUE, nrow(a)) else a$level_of_care == level
    for (m in names(sets)) {
      den <- sum(keep & sets[[m]]$den)
      num <- sum(keep & sets[[m]]$den & sets[[m]]$num)
      r <- rate(num, den)
      measures[[length(measures) + 1]] <- list(level_of_care = level, measure = m, numerator = num, denominator = den, pct = r$pct, ci = r$ci)
    }
  }
  closed <- a[a$days >= W, ]
  to <- ifelse(!is.na(closed$next_level) & closed$gap <= W, closed$next_level, "none")
  transitions <- list()
  for (from in levels_of_care[levels_of_care %in% closed$level_of_care]) {
    for (target in c(levels_of_care, "none")) {
      transitions[[length(transitions) + 1]] <- list(from = from, to = target, n = sum(closed$level_of_care == from & to == target))
    }
  }
  list(data_cut = format(cut), within_days = W, transitions = transitions, measures = measures)
}

# Time to readmission: days from A's discharge to B at the same or a higher level (event);
# censored at B's end when B is lower (the cut while B is open), at the cut without B. A is
# any discharged episode that is not a transfer. Kaplan–Meier per level, log-rank across.
library(survival)
r <- a[!transfer, ]
r_has_next <- !is.na(r$next_level)
readmitted <- r_has_next & r$next_rank >= r$rank
lower_end <- pmax(as.numeric(ifelse(is.na(r$next_discharged_on), cut, r$next_discharged_on) - as.numeric(r$discharged_on)), 0)
r$time <- ifelse(!r_has_next, as.numeric(cut - r$discharged_on), ifelse(readmitted, r$gap, lower_end))
r$status <- as.integer(readmitted)
at <- c(30, 90, 180)
km_groups <- lapply(levels_of_care[levels_of_care %in% r$level_of_care], function(level) {
  d <- r[r$level_of_care == level, ]
  fit <- survfit(Surv(d$time, d$status) ~ 1, conf.type = "log")
  days <- at[at <= max(d$time)]
  s <- summary(fit, times = days, extend = FALSE)
  med <- unname(summary(fit)$table["median"])
  list(level_of_care = level, n = nrow(d), events = sum(d$status), median = if (is.na(med)) NA else med,
       km_time = fit$time, n_risk = fit$n.risk, surv = fit$surv, lower = fit$lower, upper = fit$upper,
       at = lapply(seq_along(s$time), function(i) list(day = s$time[i], surv = s$surv[i], lower = s$lower[i], upper = s$upper[i])))
})
sd <- survdiff(Surv(time, status) ~ level_of_care, data = r)
k <- length(sd$n)
readmission <- list(data_cut = format(cut), groups = km_groups, logrank = list(chisq = sd$chisq, df = k - 1, p = pchisq(sd$chisq, k - 1, lower.tail = FALSE)))

# Does continuing care help? Episodes at IOP or above discharged `completed`, 30 days closed,
# with a PHQ-9 intake (closest to admission in [admit - 14, admit + 7], unless nearer the
# discharge inside its +/- 7 window) and a six-month score (closest to discharge + 182 within
# +/- 45, window closed by the cut, dated after day 30); exposure: a lower level within 30 days.
ph <- as[as$instrument == "PHQ9", ]
ph$assessed_on <- as.Date(ph$assessed_on)
ph$total <- as.numeric(ph$total_score)
m <- merge(ph, a[, c("episode_id", "admitted_on", "discharged_on")], by = "episode_id")
d_adm <- as.numeric(m$assessed_on - m$admitted_on); d_dis <- as.numeric(m$assessed_on - m$discharged_on)
is_intake <- d_adm >= -14 & d_adm <= 7 & !(abs(d_dis) <= 7 & abs(d_dis) < abs(d_adm))
pick <- function(rows, distance) { rows <- rows[order(rows$episode_id, distance, rows$assessed_on, method = "radix"), ]; rows[!duplicated(rows$episode_id), ] }
intake <- pick(m[is_intake, ], abs(d_adm[is_intake]))
is_6m <- d_dis >= 182 - 45 & d_dis <= 182 + 45
six <- pick(m[is_6m, ], abs(d_dis[is_6m] - 182))
cc <- a[a$rank >= 2 & a$discharge_reason %in% "completed" & a$days >= 30 & a$discharged_on + 182 + 45 <= cut & !is.na(a$track), ]
cc$exposed <- as.integer(!is.na(cc$next_level) & cc$gap <= 30 & cc$next_rank < cc$rank)
cc$pre <- intake$total[match(cc$episode_id, intake$episode_id)]
cc$post <- six$total[match(cc$episode_id, six$episode_id)]
cc$post_on <- six$assessed_on[match(cc$episode_id, six$episode_id)]
cc <- cc[!is.na(cc$pre) & !is.na(cc$post) & cc$post_on > cc$discharged_on + 30, ]
cc <- cc[order(cc$episode_id, method = "radix"), ]
cc$improvement <- cc$pre - cc$post
sorted_factor <- function(x) factor(x, levels = sort(unique(x), method = "radix"))
cc$level <- sorted_factor(cc$level_of_care); cc$trk <- sorted_factor(cc$track)
fit_lm <- lm(improvement ~ exposed + pre + level + trk, data = cc)
co <- summary(fit_lm)$coefficients["exposed", ]
X <- model.matrix(~ pre + level + trk, data = cc)
colnames(X) <- sub("^trk", "track", sub("^level", "level_of_care", sub("^pre$", "intake", colnames(X))))
ps <- fitted(glm(cc$exposed ~ X - 1, family = binomial))
share <- mean(cc$exposed)
w <- ifelse(cc$exposed == 1, share / ps, (1 - share) / (1 - ps))
hajek <- function(x, t, w) {
  g <- function(k) { s <- t == k; mu <- sum(w[s] * x[s]) / sum(w[s]); list(mu = mu, rv = sum(w[s]^2 * (x[s] - mu)^2) / sum(w[s])^2,
    v = sum(w[s]) / (sum(w[s])^2 - sum(w[s]^2)) * sum(w[s] * (x[s] - mu)^2)) }
  g1 <- g(1); g0 <- g(0)
  list(estimate = g1$mu - g0$mu, se = sqrt(g1$rv + g0$rv), smd = (g1$mu - g0$mu) / sqrt((g1$v + g0$v) / 2))
}
one <- rep(1, nrow(cc))
crude <- hajek(cc$improvement, cc$exposed, one)
weighted <- hajek(cc$improvement, cc$exposed, w)
balance <- lapply(colnames(X)[-1], function(name) list(covariate = name, smd_before = hajek(X[, name], cc$exposed, one)$smd, smd_after = hajek(X[, name], cc$exposed, w)$smd))
continuing_care <- list(n = nrow(cc), n_continuing_care = sum(cc$exposed),
  crude = list(estimate = crude$estimate, se = crude$se),
  ancova = list(estimate = unname(co["Estimate"]), se = unname(co["Std. Error"]), p = unname(co["Pr(>|t|)"]), df = fit_lm$df.residual, intake_slope = unname(coef(fit_lm)["pre"])),
  ipw = list(estimate = weighted$estimate, se = weighted$se, max_weight = max(w)),
  balance = balance)

out <- list(pathways = lapply(c(14, 30), one_within), readmission = readmission, continuing_care = continuing_care)
stopifnot(length(out$pathways[[1]]$measures) > 0, sum(sapply(out$pathways[[1]]$transitions, `[[`, "n")) > 0)  # assert: something was computed
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15), pretty = TRUE, na = "null"), file.path(here, "pathways.json"))
