// mart_data_quality — grain: one row per finding code (conformance, completeness,
// plausibility) with its count and up to five example keys, for `continuum check`.
// Each finding is one small query; keys are episode ids or natural keys, never raw values.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { HOURS_PER_WEEK, LEVELS_OF_CARE } from "../../domain/vocabulary.ts";
import { assessmentTimepoints } from "../intermediate/assessment-timepoints.ts";
import { stagedEpisodes } from "../staging/episodes.ts";
import { UNLINKED_CODE } from "../intermediate/linked-episodes.ts";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  code: string;
  severity: Severity;
  /** One sentence on what the finding means. */
  description: string;
  count: number;
  examples: string[];
}

interface KeyRow {
  key: string;
}

const EXAMPLES = 5;

async function summarize(query: { execute(): Promise<KeyRow[]> }): Promise<{ count: number; examples: string[] }> {
  const rows = await query.execute();
  const keys = rows.map((r) => r.key).sort();
  return { count: keys.length, examples: keys.slice(0, EXAMPLES) };
}

export async function dataQualityFindings(
  db: Kysely<Database>,
  { windows = DEFAULT_WINDOWS, dataCut }: { windows?: readonly TimepointWindow[]; dataCut: string | null },
): Promise<Finding[]> {
  const assessmentKey = sql<string>`a.episode_id || '|' || a.instrument || '|' || a.assessed_on`;
  const timepointed = assessmentTimepoints(db, windows);
  const staged = stagedEpisodes(db);

  const outsideWindows = db
    .selectFrom("assessments as a")
    .leftJoin(timepointed.as("t"), (j) =>
      j.onRef("t.episode_id", "=", "a.episode_id").onRef("t.instrument", "=", "a.instrument").onRef("t.assessed_on", "=", "a.assessed_on"),
    )
    .where("t.timepoint", "is", null)
    .select(assessmentKey.as("key"));

  const labelMismatch = db
    .selectFrom(timepointed.as("a"))
    .where("a.timepoint_label", "is not", null)
    .whereRef("a.timepoint_label", "!=", "a.timepoint")
    .select(assessmentKey.as("key"));

  const withTimepoint = (timepoint: string) =>
    db.selectFrom(timepointed.as("t")).where("t.timepoint", "=", timepoint).select("t.episode_id");

  const missingIntake = db
    .selectFrom("episodes as e")
    .where("e.episode_id", "not in", withTimepoint("intake"))
    .select("e.episode_id as key");

  const missingDischarge = db
    .selectFrom("episodes as e")
    .where("e.discharged_on", "is not", null)
    .where("e.episode_id", "not in", withTimepoint("discharge"))
    .select("e.episode_id as key");

  // Level-of-care hour bands (DESIGN.md: IOP 9–19 h/week, PHP ≥ 20; OP < 9).
  const banded = LEVELS_OF_CARE.filter((l) => HOURS_PER_WEEK[l]);
  const outsideBand = sql.join(
    banded.map((level) => {
      const band = HOURS_PER_WEEK[level]!;
      const upper = Number.isFinite(band.max) ? sql` or e.hours_per_week >= ${band.max}` : sql``;
      return sql`(e.level_of_care = ${level} and (e.hours_per_week < ${band.min}${upper}))`;
    }),
    sql` or `,
  );
  const hoursInconsistent = db
    .selectFrom(staged.as("e"))
    .where("e.hours_per_week", "is not", null)
    .where(sql<boolean>`(${outsideBand})`)
    .select("e.episode_id as key");

  const attendedOverScheduled = db
    .selectFrom("episodes as e")
    .whereRef("e.sessions_attended", ">", "e.sessions_scheduled")
    .select("e.episode_id as key");

  const staleOpen = db
    .selectFrom("episodes as e")
    .where("e.discharged_on", "is", null)
    .where(sql<boolean>`${dataCut}::date - e.admitted_on > 365`)
    .select("e.episode_id as key");

  // Care pathways (DESIGN.md "Care pathways"): consecutive episodes of one patient, in the
  // order (admitted_on, episode_id), where the later one was admitted before the earlier one
  // was discharged (or while it is still open). Pathways count such a gap as 0.
  const sequenced = db
    .selectFrom("episodes as e")
    .select([
      "e.episode_id",
      "e.discharged_on",
      sql<string | null>`lead(e.episode_id) over (partition by e.patient_id order by e.admitted_on, e.episode_id)`.as("next_episode_id"),
      sql<string | null>`lead(e.admitted_on) over (partition by e.patient_id order by e.admitted_on, e.episode_id)`.as("next_admitted_on"),
    ]);
  const overlappingStays = db
    .selectFrom(sequenced.as("s"))
    .where("s.next_episode_id", "is not", null)
    .where(sql<boolean>`(s.discharged_on is null or s.next_admitted_on < s.discharged_on)`)
    .select(sql<string>`s.episode_id || '|' || s.next_episode_id`.as("key"));

  // An episode row without a patient key cannot be placed in any pathway; ingest refuses it
  // (missing_required on patient_id), so it is counted from the quarantine.
  const withoutPatientKey = db
    .selectFrom("quarantine_index as q")
    .where("q.reason", "=", "missing_required")
    .where("q.column_name", "=", "patient_id")
    .select(sql<string>`q.file_name || ':' || q.line`.as("key"));

  // Every patient with a single episode: the pathway analyses cannot show transitions
  // (queries/intermediate/linked-episodes.ts); the finding counts the episodes then, else 0.
  const unlinked = db
    .selectFrom("episodes as e")
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("episodes").select("patient_id").groupBy("patient_id").having(sql<boolean>`count(*) > 1`))))
    .select("e.episode_id as key");

  const quarantined = db
    .selectFrom("quarantine_index as q")
    .select(sql<string>`q.file_name || ':' || q.line || ' ' || q.reason`.as("key"));

  const specs: [string, Severity, string, { execute(): Promise<KeyRow[]> }][] = [
    ["assessment_outside_windows", "warning", "assessment dated outside every timepoint window", outsideWindows],
    ["timepoint_label_mismatch", "warning", "the site's timepoint label disagrees with the timepoint its date gives", labelMismatch],
    ["missing_intake", "error", "episode without any intake assessment", missingIntake],
    ["missing_discharge_score", "warning", "discharged episode without any discharge assessment", missingDischarge],
    ["hours_inconsistent_with_level", "warning", "hours per week outside the band of the billed level of care (OP < 9, IOP 9–19, PHP ≥ 20)", hoursInconsistent],
    ["sessions_attended_exceed_scheduled", "warning", "more sessions attended than scheduled", attendedOverScheduled],
    ["open_episode_over_a_year", "info", "episode still open more than 365 days after admission at the data cut", staleOpen],
    ["overlapping_stays", "warning", "a patient's next episode admitted before the previous one was discharged (pathways count the gap as 0)", overlappingStays],
    [UNLINKED_CODE, "warning", "patient_id links no two episodes (every patient has one), so the data cannot show transitions, step-down, continuing care or readmission", unlinked],
    ["episode_without_patient_key", "error", "episode rows refused because they name no patient, so they belong to no care pathway", withoutPatientKey],
    ["quarantined_rows", "error", "input rows refused at ingest and held in quarantine", quarantined],
  ];
  const findings: Finding[] = [];
  for (const [code, severity, description, query] of specs) {
    if (code === "open_episode_over_a_year" && !dataCut) continue;
    findings.push({ code, severity, description, ...(await summarize(query)) });
  }
  return findings;
}
