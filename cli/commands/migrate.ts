// `continuum migrate`: create or upgrade the schema on the chosen database.
import { migrateToLatest } from "../../db/migrate.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT } from "../errors.ts";

export const migrate: Command = {
  name: "migrate",
  summary: "create or upgrade the database schema",
  usage: "continuum migrate [--db URL] [--json]",
  options: {},
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"), { schema: false });
    try {
      const outcome = await migrateToLatest(engine.db);
      if (values.json) ctx.stdout.write(`${JSON.stringify({ database: engine.kind, ...outcome })}\n`);
      else {
        ctx.stdout.write(
          outcome.applied.length
            ? `migrated ${engine.location}: applied ${outcome.applied.join(", ")}\n`
            : `${engine.location} is up to date (${outcome.latest})\n`,
        );
        if (outcome.citus === "distributed") ctx.stdout.write("citus: episodes, assessments and ingest_changes distributed by episode_id; sites and ingest_ledger are reference tables\n");
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
