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

out <- list(pathways = lapply(c(14, 30), one_within), readmission = readmission)
stopifnot(length(out$pathways[[1]]$measures) > 0, sum(sapply(out$pathways[[1]]$transitions, `[[`, "n")) > 0)  # assert: something was computed
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15), pretty = TRUE, na = "null"), file.path(here, "pathways.json"))
