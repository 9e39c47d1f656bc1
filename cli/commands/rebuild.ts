// `continuum rebuild`: derives the derived tables — timepoint_scores, comparison_pairs and
// episode_pathways (migrations 0004–0006) — from scratch and reports, per table, whether that equalled what the
// ingests kept incrementally: rows checked and rows that differed (0 when the incremental
// upkeep is right). It replaces the tables either way, under the ingest lock in one
// transaction, so no ingest interleaves and a failure changes nothing.
import { sql } from "kysely";
import { rebuildDerivedTables } from "../../db/derived-tables.ts";
import { INGEST_LOCK } from "../../pipelines/ingest-file.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT } from "../errors.ts";

export const rebuild: Command = {
  name: "rebuild",
  summary: "recompute the derived tables from scratch and check them against the kept ones",
  usage: "continuum rebuild [--db URL] [--json]",
  options: {},
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"));
    try {
      const outcomes = await engine.transaction(async (tx) => {
        await sql`select pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(tx.db);
        return rebuildDerivedTables(tx.db);
      });
      const differences = outcomes.reduce((sum, o) => sum + o.differences, 0);
      const tables = outcomes.map((o) => ({ table: o.table, rows_checked: o.rows, rows_kept: o.kept, differences: o.differences }));
      if (values.json) ctx.stdout.write(`${JSON.stringify({ differences, tables })}\n`);
      else {
        for (const o of outcomes) ctx.stdout.write(`${o.table}: ${o.rows} rows derived from scratch, ${o.kept} kept, differences = ${o.differences}\n`);
        if (differences > 0) ctx.stdout.write("the kept rows differed from the derivation; the tables now hold the rebuilt rows\n");
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
