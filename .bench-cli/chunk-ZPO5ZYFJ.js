import {
  DEFAULT_WINDOWS,
  HOURS_PER_WEEK,
  LEVELS_OF_CARE,
  assessmentTimepoints,
  stagedEpisodes
} from "./chunk-ZGI6E4IW.js";

// queries/marts/data-quality.ts
import { sql } from "kysely";
var EXAMPLES = 5;
async function summarize(query) {
  const rows = await query.execute();
  const keys = rows.map((r) => r.key).sort();
  return { count: keys.length, examples: keys.slice(0, EXAMPLES) };
}
async function dataQualityFindings(db, { windows = DEFAULT_WINDOWS, dataCut }) {
  const assessmentKey = sql`a.episode_id || '|' || a.instrument || '|' || a.assessed_on`;
  const timepointed = assessmentTimepoints(db, windows);
  const staged = stagedEpisodes(db);
  const outsideWindows = db.selectFrom("assessments as a").leftJoin(
    timepointed.as("t"),
    (j) => j.onRef("t.episode_id", "=", "a.episode_id").onRef("t.instrument", "=", "a.instrument").onRef("t.assessed_on", "=", "a.assessed_on")
  ).where("t.timepoint", "is", null).select(assessmentKey.as("key"));
  const labelMismatch = db.selectFrom(timepointed.as("a")).where("a.timepoint_label", "is not", null).whereRef("a.timepoint_label", "!=", "a.timepoint").select(assessmentKey.as("key"));
  const withTimepoint = (timepoint) => db.selectFrom(timepointed.as("t")).where("t.timepoint", "=", timepoint).select("t.episode_id");
  const missingIntake = db.selectFrom("episodes as e").where("e.episode_id", "not in", withTimepoint("intake")).select("e.episode_id as key");
  const missingDischarge = db.selectFrom("episodes as e").where("e.discharged_on", "is not", null).where("e.episode_id", "not in", withTimepoint("discharge")).select("e.episode_id as key");
  const banded = LEVELS_OF_CARE.filter((l) => HOURS_PER_WEEK[l]);
  const outsideBand = sql.join(
    banded.map((level) => {
      const band = HOURS_PER_WEEK[level];
      const upper = Number.isFinite(band.max) ? sql` or e.hours_per_week >= ${band.max}` : sql``;
      return sql`(e.level_of_care = ${level} and (e.hours_per_week < ${band.min}${upper}))`;
    }),
    sql` or `
  );
  const hoursInconsistent = db.selectFrom(staged.as("e")).where("e.hours_per_week", "is not", null).where(sql`(${outsideBand})`).select("e.episode_id as key");
  const attendedOverScheduled = db.selectFrom("episodes as e").whereRef("e.sessions_attended", ">", "e.sessions_scheduled").select("e.episode_id as key");
  const staleOpen = db.selectFrom("episodes as e").where("e.discharged_on", "is", null).where(sql`${dataCut}::date - e.admitted_on > 365`).select("e.episode_id as key");
  const quarantined = db.selectFrom("quarantine_index as q").select(sql`q.file_name || ':' || q.line || ' ' || q.reason`.as("key"));
  const specs = [
    ["assessment_outside_windows", "warning", "assessment dated outside every timepoint window", outsideWindows],
    ["timepoint_label_mismatch", "warning", "the site's timepoint label disagrees with the timepoint its date gives", labelMismatch],
    ["missing_intake", "error", "episode without any intake assessment", missingIntake],
    ["missing_discharge_score", "warning", "discharged episode without any discharge assessment", missingDischarge],
    ["hours_inconsistent_with_level", "warning", "hours per week outside the band of the billed level of care (OP < 9, IOP 9\u201319, PHP \u2265 20)", hoursInconsistent],
    ["sessions_attended_exceed_scheduled", "warning", "more sessions attended than scheduled", attendedOverScheduled],
    ["open_episode_over_a_year", "info", "episode still open more than 365 days after admission at the data cut", staleOpen],
    ["quarantined_rows", "error", "input rows refused at ingest and held in quarantine", quarantined]
  ];
  const findings = [];
  for (const [code, severity, description, query] of specs) {
    if (code === "open_episode_over_a_year" && !dataCut) continue;
    findings.push({ code, severity, description, ...await summarize(query) });
  }
  return findings;
}

export {
  dataQualityFindings
};
