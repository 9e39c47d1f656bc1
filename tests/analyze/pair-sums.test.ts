// The sums the models read (queries/marts/pair-sums.ts) stand for the rows: on the golden
// cohort, the ANCOVA with a numeric and a categorical covariate and the weighted comparison fitted
// from cells equal the same fits on one row per episode, and the cells count every pair once.
// The one-scan forms for several keys (GROUPING SETS) give what one query per key gives.
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { cohortPairs } from "../../queries/intermediate/comparison-pairs.ts";
import { changeRules } from "../../queries/analyses/effect-size-table.ts";
import { pairSums, pairSumsForEach, SCORES } from "../../queries/marts/pair-sums.ts";
import { pairedChangeCounts, pairedChangeCountsForEach } from "../../queries/marts/paired-change-counts.ts";
import { ancova, ancovaFromSums } from "../../stats/ancova.ts";
import { productKey } from "../../stats/least-squares.ts";
import { indicatorDesign, ipwDifference, ipwFromCells } from "../../stats/weighting.ts";
import { ENGINES_WITH_CITUS, openFreshEngine, type TestEngine } from "../engines.ts";

const GOLDEN = path.resolve(import.meta.dirname, "../golden");
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

for (const kind of ENGINES_WITH_CITUS) {
  describe(`pair sums on ${kind}`, () => {
    let engine: TestEngine;
    let cut: string;
    let rows: { pre_score: number; post_score: number; level_of_care: string; payer: string | null; hours_per_week: number | null; track: string | null }[];
    const cohort = () => ({ instrument: "PHQ9", comparison: "intake_discharge" as const, dataCut: cut });
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      for (const file of ["episodes.csv", "assessments.csv"]) await ingestFile(engine, path.join(GOLDEN, "data", file));
      // Some payers unknown, as in real exports: cells must leave them out, histograms keep them as a group.
      await sql`update episodes set payer = null where episode_id like '%3'`.execute(engine.db);
      cut = (await dataCut(engine.db))!;
      const pairs = await cohortPairs(engine.db, { comparison: "intake_discharge", dataCut: cut, filter: { instrument: "PHQ9" } })
        .where("p.post_score", "is not", null)
        .select(["p.pre_score", "p.post_score", "p.level_of_care", "p.payer", "p.hours_per_week", "p.track"])
        .execute();
      rows = pairs.map((r) => ({ ...r, pre_score: Number(r.pre_score), post_score: Number(r.post_score), hours_per_week: r.hours_per_week === null ? null : Number(r.hours_per_week) }));
    }, 120_000);
    afterAll(() => engine.close());

    it("fits the ANCOVA of the rows, with a numeric and a categorical covariate", async () => {
      const cells = await pairSums(engine.db, { ...cohort(), keys: { group: sql`p.level_of_care`, payer: sql`p.payer` }, numeric: { ...SCORES, hours: sql`p.hours_per_week` } });
      const kept = rows.filter((r) => r.payer !== null && r.hours_per_week !== null);
      expect(cells.reduce((a, c) => a + c.n, 0)).toBe(kept.length);
      const covariates = [{ name: "hours", numeric: true }, { name: "payer", numeric: false }];
      const fromCells = ancovaFromSums(cells, { reference: "IOP", covariates });
      const fromRows = ancova({ post: kept.map((r) => r.post_score), pre: kept.map((r) => r.pre_score), group: kept.map((r) => r.level_of_care), reference: "IOP", covariates: [{ name: "hours", values: kept.map((r) => r.hours_per_week!) }, { name: "payer", values: kept.map((r) => r.payer!) }] });
      if (!fromCells.ok || !fromRows.ok) throw new Error("fit failed");
      expect(fromCells.coefficients.map((c) => c.term)).toEqual(fromRows.coefficients.map((c) => c.term));
      expect(fromCells.df).toBe(fromRows.df);
      fromCells.coefficients.forEach((c, j) => {
        close(c.estimate, fromRows.coefficients[j].estimate);
        close(c.se, fromRows.coefficients[j].se);
      });
    });

    it("gives, for several keys from one scan, each key's cells as pairSums gives them, in the same order", async () => {
      const options = { ...cohort(), keys: { group: sql`p.level_of_care` }, numeric: SCORES };
      const each = { payer: sql`p.payer`, track: sql`p.track`, gender: sql`p.gender`, bins: sql`p.pre_score / 10` };
      const together = await pairSumsForEach(engine.db, options, each);
      expect([...together.keys()]).toEqual(Object.keys(each));
      for (const [name, expression] of Object.entries(each)) {
        const alone = await pairSums(engine.db, { ...options, keys: { ...options.keys, [name]: expression } });
        expect(together.get(name)).toEqual(alone);
        expect(alone.length).toBeGreaterThan(3);
      }
      // payer has missing values: its cells leave those pairs out, as pairSums does.
      expect(rows.some((r) => r.payer === null)).toBe(true);
      expect(together.get("payer")!.reduce((a, c) => a + c.n, 0)).toBe(rows.filter((r) => r.payer !== null).length);
    });

    it("gives the change histogram by several keys from one scan as by each key alone, in the same order", async () => {
      const options = { comparison: ["intake_discharge", "intake_followup_6m"] as const, dataCut: cut, by: ["level_of_care"] as const, thresholds: changeRules() };
      const each = ["payer", "track", "age_band"] as const;
      const together = await pairedChangeCountsForEach(engine.db, { ...options, comparison: [...options.comparison], by: [...options.by] }, [...each]);
      for (const key of each) {
        const alone = await pairedChangeCounts(engine.db, { ...options, comparison: [...options.comparison], by: [...options.by, key] });
        expect(together.get(key)).toEqual(alone);
        // Missing values of the key are a group of their own, as alone.
        expect(alone.length).toBeGreaterThan(20);
      }
      expect(together.get("payer")!.some((bar) => bar.group.payer === null)).toBe(true);
    });

    it("gives the weighted comparison of the rows from covariate patterns", async () => {
      const cells = await pairSums(engine.db, { ...cohort(), keys: { group: sql`p.level_of_care`, pre: sql`p.pre_score`, track: sql`coalesce(p.track, '(none)')` }, numeric: { change: sql`p.post_score - p.pre_score` } });
      const pick = (g: string) => g === "PHP" || g === "IOP";
      const mine = cells.filter((c) => pick(c.keys.group));
      const design = indicatorDesign([mine.map((c) => Number(c.keys.pre))], [mine.map((c) => c.keys.track)]);
      const fromCells = ipwFromCells(mine.map((c, i) => ({ x: design.rows[i], treated: c.keys.group === "PHP" ? 1 : 0, n: c.n, sum: c.sum.change, sumSq: c.product[productKey("change", "change")] })));
      const chosen = rows.filter((r) => pick(r.level_of_care));
      const rowDesign = indicatorDesign([chosen.map((r) => r.pre_score)], [chosen.map((r) => r.track)]);
      const fromRows = ipwDifference(chosen.map((r) => r.post_score - r.pre_score), chosen.map((r) => (r.level_of_care === "PHP" ? 1 : 0)), rowDesign.rows);
      if (!fromCells.ok || !fromRows.ok) throw new Error("fit failed");
      expect(fromCells.n).toBe(fromRows.n);
      close(fromCells.estimate, fromRows.estimate);
      close(fromCells.se, fromRows.se);
      close(fromCells.crude, fromRows.crude);
      close(fromCells.maxWeight, fromRows.maxWeight);
    });
  });
}
