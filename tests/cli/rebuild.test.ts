// `continuum rebuild` on the embedded database: after ingests it finds the kept derived table
// equal to a rebuild (differences 0, rows checked > 0), in text and JSON; after a kept row is
// tampered with, it counts the difference and repairs it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { defaultDataDir, openEngine } from "../../db/engine.ts";
import { messy } from "../ingest/support.ts";
import { cli } from "../support/cli.ts";

const home = mkdtempSync(path.join(tmpdir(), "continuum-cli-rebuild-"));
const env = { CONTINUUM_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("continuum rebuild", () => {
  it("reports rows checked and no differences after ingests, then counts and repairs a tampered row", async () => {
    expect((await cli(["ingest", messy("episodes-clean.csv"), messy("assessments-clean.csv")], env)).code).toBe(0);
    const text = await cli(["rebuild"], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^timepoint_scores: [1-9]\d* rows derived from scratch, [1-9]\d* kept, differences = 0\ncomparison_pairs: [1-9]\d* rows derived from scratch, [1-9]\d* kept, differences = 0\nepisode_pathways: [1-9]\d* rows derived from scratch, [1-9]\d* kept, differences = 0\n$/);

    const json = await cli(["rebuild", "--json"], env);
    const doc = JSON.parse(json.stdout);
    expect(doc.differences).toBe(0);
    expect(doc.tables.map((t: { table: string }) => t.table)).toEqual(["timepoint_scores", "comparison_pairs", "episode_pathways"]);
    for (const t of doc.tables) {
      expect(t.rows_checked).toBeGreaterThan(0);
      expect(t.rows_kept).toBe(t.rows_checked);
    }

    const engine = await openEngine({ dataDir: defaultDataDir(env) });
    try {
      await sql`update timepoint_scores set total_score = total_score + 1 where ctid = (select min(ctid) from timepoint_scores)`.execute(engine.db);
    } finally {
      await engine.close();
    }
    const tampered = JSON.parse((await cli(["rebuild", "--json"], env)).stdout);
    expect(tampered.differences).toBe(2);
    expect(tampered.tables[0]).toMatchObject({ table: "timepoint_scores", rows_checked: doc.tables[0].rows_checked, differences: 2 });
    expect(JSON.parse((await cli(["rebuild", "--json"], env)).stdout)).toMatchObject({ differences: 0 });
  });
});
