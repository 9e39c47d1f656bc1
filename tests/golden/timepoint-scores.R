# The exports read back as the pipeline scores them, shared by the golden R scripts (analyze.R,
# compare.R, benchmark.R): DESIGN.md's totals and timepoint windows written in R, sharing no
# code with the TypeScript. Sourced, not run: load_scores(data_dir) gives the episodes, the
# assessments with their totals, the data cut, the windows and one score per episode ×
# instrument × timepoint; discharge_pairs() the intake → discharge pairs of one instrument.
library(jsonlite)

load_scores <- function(data_dir) {
  ep <- read.csv(file.path(data_dir, "episodes.csv"), stringsAsFactors = FALSE, na.strings = "")
  as <- read.csv(file.path(data_dir, "assessments.csv"), stringsAsFactors = FALSE, na.strings = "")
  for (v in c("admitted_on", "discharged_on")) ep[[v]] <- as.Date(ep[[v]])
  as$assessed_on <- as.Date(as$assessed_on)

  # Totals: given, or the sum of the items; PHQ-9 prorated with at most two missing items (APA).
  items <- as[, grep("^item_", names(as))]
  answered <- rowSums(!is.na(items)); count <- c(PHQ9 = 9, GAD7 = 7)[as$instrument]
  raw <- rowSums(items, na.rm = TRUE)
  prorated <- ifelse(answered == count, raw, ifelse(as$instrument == "PHQ9" & count - answered <= 2, floor(raw * 9 / answered + 0.5), NA))
  as$total <- ifelse(is.na(as$total_score), prorated, as$total_score)
  as <- as[!is.na(as$total), ]

  cut <- max(c(ep$admitted_on, ep$discharged_on, as$assessed_on), na.rm = TRUE)
  windows <- data.frame(timepoint = c("intake", "discharge", "followup_6m"), order = 1:3, anchor = c("admission", "discharge", "discharge"), offset = c(0, 0, 182), before = c(14, 7, 45), after = c(7, 7, 45))

  # Every (assessment, window) it falls in; an assessment in two windows goes to the nearer
  # anchor (ties to the earlier timepoint); then one per episode × instrument × timepoint, the
  # closest to the anchor (ties to the earlier date).
  m <- merge(as, ep[, c("episode_id", "admitted_on", "discharged_on")], by = "episode_id")
  cand <- do.call(rbind, lapply(seq_len(nrow(windows)), function(k) {
    w <- windows[k, ]
    anchor <- (if (w$anchor == "admission") m$admitted_on else m$discharged_on) + w$offset
    inside <- !is.na(anchor) & m$assessed_on >= anchor - w$before & m$assessed_on <= anchor + w$after
    if (!any(inside)) return(NULL)
    data.frame(m[inside, c("episode_id", "instrument", "assessed_on", "total")], timepoint = w$timepoint, order = w$order, distance = abs(as.numeric(m$assessed_on[inside] - anchor[inside])))
  }))
  cand <- cand[order(cand$episode_id, cand$instrument, cand$assessed_on, cand$distance, cand$order), ]
  cand <- cand[!duplicated(cand[, c("episode_id", "instrument", "assessed_on")]), ]
  cand <- cand[order(cand$episode_id, cand$instrument, cand$timepoint, cand$distance, cand$assessed_on), ]
  scores <- cand[!duplicated(cand[, c("episode_id", "instrument", "timepoint")]), ]
  list(ep = ep, as = as, cut = cut, windows = windows, scores = scores)
}

# Intake → discharge pairs of one instrument (discharge window closed by the data cut), with the
# episode's descriptors.
discharge_pairs <- function(d, instrument) {
  w <- d$windows[d$windows$timepoint == "discharge", ]
  eligible <- d$ep[!is.na(d$ep$discharged_on) & d$ep$discharged_on + w$offset + w$after <= d$cut, ]
  pre <- d$scores[d$scores$timepoint == "intake" & d$scores$instrument == instrument, c("episode_id", "total")]
  post <- d$scores[d$scores$timepoint == "discharge" & d$scores$instrument == instrument, c("episode_id", "total")]
  names(pre)[2] <- "pre"; names(post)[2] <- "post"
  merge(merge(eligible, pre, by = "episode_id"), post, by = "episode_id")
}
