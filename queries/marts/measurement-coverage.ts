// mart_measurement_coverage — grain: one row per instrument × timepoint for one calendar year:
// how many of the year's eligible episodes were measured with the instrument at the timepoint
// (the accreditation report's evidence of measurement-based care).
//   eligible   intake and discharge: episodes discharged in the year;
//              followup_6m: episodes whose six-month follow-up fell due in the year (discharge +
//              182 days) and whose window has closed by the data cut (as `analyze` counts them)
//   measured   … of which have a score of the instrument at that timepoint
// And one row per instrument for the year's administrations: assessments dated in the year and
// the median days from admission to the intake score (how soon measurement starts).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, type TimepointWindow } from "../../domain/timepoints.ts";
import { timepointScores } from "../intermediate/timepoint-scores.ts";
import { stagedEpisodes } from "../staging/episodes.ts";

export interface CoverageRow {
  instrument: string;
  timepoint: string;
  eligible: number;
  measured: number;
}

export interface AdministrationRow {
  instrument: string;
  assessments: number;
  median_days_to_intake: number | null;
}

export async function measurementCoverage(
  db: Kysely<Database>,
  { year, dataCut, windows = DEFAULT_WINDOWS }: { year: number; dataCut: string; windows?: readonly TimepointWindow[] },
): Promise<{ coverage: CoverageRow[]; administrations: AdministrationRow[] }> {
  const followup = windows.find((w) => w.timepoint === "followup_6m");
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  const due = sql`e.discharged_on + ${followup?.offsetDays ?? 182}::int`;
  const cohort = db
    .selectFrom(stagedEpisodes(db).as("e"))
    .select([
      "e.episode_id",
      "e.admitted_on",
      sql<boolean>`coalesce(e.discharged_on between ${first}::date and least(${last}::date, ${dataCut}::date), false)`.as("discharged_in_year"),
      sql<boolean>`coalesce(${due} between ${first}::date and ${last}::date and ${due} + ${followup?.after ?? 45}::int <= ${dataCut}::date, false)`.as("followup_in_year"),
    ]);
  const eligibleFor = sql<boolean>`case when s.timepoint = 'followup_6m' then c.followup_in_year else c.discharged_in_year end`;

  const rows = await db
    .with("c", () => cohort)
    .selectFrom(timepointScores(db, windows).as("s"))
    .innerJoin("c", "c.episode_id", "s.episode_id")
    .where(eligibleFor)
    .select(["s.instrument", "s.timepoint", sql<number>`count(distinct s.episode_id)`.as("measured")])
    .groupBy(["s.instrument", "s.timepoint"])
    .orderBy("s.instrument")
    .orderBy("s.timepoint")
    .execute();
  const totals = await db
    .with("c", () => cohort)
    .selectFrom("c")
    .select([sql<number>`count(*) filter (where c.discharged_in_year)`.as("discharged"), sql<number>`count(*) filter (where c.followup_in_year)`.as("followup")])
    .executeTakeFirstOrThrow();
  const eligible = (timepoint: string) => Number(timepoint === "followup_6m" ? totals.followup : totals.discharged);

  const administrations = await db
    .selectFrom("assessments as a")
    .innerJoin("episodes as e", "e.episode_id", "a.episode_id")
    .leftJoin(timepointScores(db, windows).as("s"), (j) => j.onRef("s.episode_id", "=", "a.episode_id").onRef("s.instrument", "=", "a.instrument").onRef("s.assessed_on", "=", "a.assessed_on").on("s.timepoint", "=", "intake"))
    .where("a.assessed_on", ">=", first)
    .where("a.assessed_on", "<=", last)
    .select([
      "a.instrument",
      sql<number>`count(*)`.as("assessments"),
      sql<number | null>`percentile_cont(0.5) within group (order by s.assessed_on - e.admitted_on)`.as("median_days_to_intake"),
    ])
    .groupBy("a.instrument")
    .orderBy("a.instrument")
    .execute();

  return {
    coverage: rows.map((r) => ({ instrument: r.instrument, timepoint: r.timepoint, eligible: eligible(r.timepoint), measured: Number(r.measured) })),
    administrations: administrations.map((r) => ({ instrument: r.instrument, assessments: Number(r.assessments), median_days_to_intake: r.median_days_to_intake === null ? null : Number(r.median_days_to_intake) })),
  };
}
