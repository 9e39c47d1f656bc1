// `continuum rebuild`: derives the table timepoint_scores (migration 0004) from scratch and
// reports whether it equalled what the ingests kept incrementally — rows checked and rows
// that differed (0 when the incremental upkeep is right). It replaces the table either way,
// under the ingest lock in one transaction, so no ingest interleaves and a failure changes nothing.
import { sql } from "kysely";
import { rebuildTimepointScores } from "../../db/timepoint-scores-table.ts";
import { INGEST_LOCK } from "../../pipelines/ingest-file.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT } from "../errors.ts";

export const rebuild: Command = {
  name: "rebuild",
  summary: "recompute the derived timepoint table from scratch and check it against the kept one",
  usage: "continuum rebuild [--db URL] [--json]",
  options: {},
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"));
    try {
      const outcome = await engine.transaction(async (tx) => {
        await sql`select pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(tx.db);
        return rebuildTimepointScores(tx.db);
      });
      const doc = { table: "timepoint_scores", rows_checked: outcome.rows, rows_kept: outcome.kept, differences: outcome.differences };
      if (values.json) ctx.stdout.write(`${JSON.stringify(doc)}\n`);
      else {
        ctx.stdout.write(`timepoint_scores: ${outcome.rows} rows derived from scratch, ${outcome.kept} kept, differences = ${outcome.differences}\n`);
        if (outcome.differences > 0) ctx.stdout.write("the kept rows differed from the derivation; the table now holds the rebuilt rows\n");
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
