// Timepoints come from dates (DESIGN.md): windows, nearest anchor, ties to the earlier
// timepoint, one assessment per episode × instrument × timepoint — on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTRA_FOLLOWUP_WINDOWS, DEFAULT_WINDOWS } from "../../domain/timepoints.ts";
import { assessmentTimepoints } from "../../queries/intermediate/assessment-timepoints.ts";
import { timepointScores } from "../../queries/intermediate/timepoint-scores.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";
import { seedRows } from "../support/seed.ts";

for (const kind of ENGINES_WITH_CITUS) {
  describe(`timepoints on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await seedRows(
        engine.db,
        [
          // A 10-day stay: the intake window [Dec 27, Jan 17] and discharge window [Jan 13, Jan 27] overlap.
          { episode_id: "E1", admitted_on: "2026-01-10", discharged_on: "2026-01-20", discharge_reason: "completed" },
          { episode_id: "E2", admitted_on: "2026-01-10" }, // still open
          { episode_id: "E3", admitted_on: "2026-02-10", discharged_on: "2026-04-01", discharge_reason: "completed" },
        ],
        [
          { episode_id: "E1", assessed_on: "2026-01-05", timepoint_label: "intake" }, // intake, 5 d
          { episode_id: "E1", assessed_on: "2026-01-14" }, // intake 4 d vs discharge 6 d → intake
          { episode_id: "E1", assessed_on: "2026-01-15", timepoint_label: "discharge" }, // 5 d vs 5 d → tie → intake
          { episode_id: "E1", assessed_on: "2026-01-16" }, // intake 6 d vs discharge 4 d → discharge
          { episode_id: "E1", assessed_on: "2026-03-01" }, // in no window
          { episode_id: "E1", assessed_on: "2026-07-21" }, // discharge + 182 → followup_6m
          { episode_id: "E1", assessed_on: "2026-02-20" }, // discharge + 31 → followup_1m when enabled
          { episode_id: "E2", assessed_on: "2026-01-10" },
          { episode_id: "E2", assessed_on: "2026-03-10" }, // open episode: no discharge anchor
          { episode_id: "E3", assessed_on: "2026-02-12", total_score: 12 }, // 2 d after admission
          { episode_id: "E3", assessed_on: "2026-02-08", total_score: 14 }, // 2 d before: tie → earlier date wins
          { episode_id: "E3", instrument: "GAD7", assessed_on: "2026-02-10", total_score: 9 },
        ],
      );
    });
    afterAll(() => engine.close());

    it("assigns each assessment to the nearer anchor, ties to the earlier timepoint", async () => {
      const rows = await engine.db.selectFrom(assessmentTimepoints(engine.db).as("t")).select(["episode_id", "assessed_on", "timepoint", "distance"]).where("episode_id", "=", "E1").orderBy("assessed_on").execute();
      expect(rows).toEqual([
        { episode_id: "E1", assessed_on: "2026-01-05", timepoint: "intake", distance: 5 },
        { episode_id: "E1", assessed_on: "2026-01-14", timepoint: "intake", distance: 4 },
        { episode_id: "E1", assessed_on: "2026-01-15", timepoint: "intake", distance: 5 },
        { episode_id: "E1", assessed_on: "2026-01-16", timepoint: "discharge", distance: 4 },
        { episode_id: "E1", assessed_on: "2026-07-21", timepoint: "followup_6m", distance: 0 },
      ]);
    });

    it("keeps one assessment per episode × instrument × timepoint, the closest (ties → earlier date)", async () => {
      const rows = await engine.db
        .selectFrom(timepointScores(engine.db).as("s"))
        .select(["episode_id", "instrument", "timepoint", "assessed_on", "total_score"])
        .orderBy("episode_id")
        .orderBy("instrument")
        .orderBy("timepoint_order")
        .execute();
      expect(rows).toEqual([
        { episode_id: "E1", instrument: "PHQ9", timepoint: "intake", assessed_on: "2026-01-14", total_score: 10 },
        { episode_id: "E1", instrument: "PHQ9", timepoint: "discharge", assessed_on: "2026-01-16", total_score: 10 },
        { episode_id: "E1", instrument: "PHQ9", timepoint: "followup_6m", assessed_on: "2026-07-21", total_score: 10 },
        { episode_id: "E2", instrument: "PHQ9", timepoint: "intake", assessed_on: "2026-01-10", total_score: 10 },
        { episode_id: "E3", instrument: "GAD7", timepoint: "intake", assessed_on: "2026-02-10", total_score: 9 },
        { episode_id: "E3", instrument: "PHQ9", timepoint: "intake", assessed_on: "2026-02-08", total_score: 14 },
      ]);
    });

    it("derives configured extra follow-ups", async () => {
      const rows = await engine.db
        .selectFrom(timepointScores(engine.db, [...DEFAULT_WINDOWS, ...EXTRA_FOLLOWUP_WINDOWS]).as("s"))
        .select(["timepoint", "assessed_on", "timepoint_order"])
        .where("episode_id", "=", "E1")
        .orderBy("timepoint_order")
        .execute();
      expect(rows.map((r) => [r.timepoint, r.assessed_on])).toEqual([
        ["intake", "2026-01-14"],
        ["discharge", "2026-01-16"],
        ["followup_1m", "2026-02-20"],
        ["followup_6m", "2026-07-21"],
      ]);
    });
  });
}
