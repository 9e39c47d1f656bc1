// `continuum roles [--rls] [--apply]`: prints (or, with --apply, runs) the least-privilege
// roles of db/roles.ts — continuum_ingest, continuum_report, and with --rls one row-level-
// security role per site in the database. On a server only; the embedded database has one user.
import { rolesSql } from "../../db/roles.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT, usageError } from "../errors.ts";
import { sql } from "kysely";

export const roles: Command = {
  name: "roles",
  summary: "print (or --apply) least-privilege roles for a server: ingest, report, and per-site row-level security",
  usage: "continuum roles [--rls] [--apply] [--db URL]",
  options: { rls: { type: "boolean" }, apply: { type: "boolean" } },
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"));
    try {
      if (values.apply && engine.kind !== "postgres") throw usageError("roles --apply needs a server (--db URL or DATABASE_URL); the embedded database has one user");
      const sites = values.rls ? (await engine.db.selectFrom("sites").select("site_id").orderBy("site_id").execute()).map((s) => s.site_id) : [];
      const script = rolesSql({ sites });
      if (!values.apply) {
        ctx.stdout.write(script);
        return EXIT.ok;
      }
      await engine.db.transaction().execute((tx) => sql.raw(script).execute(tx));
      ctx.stdout.write(values.json ? `${JSON.stringify({ applied: true, site_roles: sites.length })}\n` : `roles applied: continuum_ingest, continuum_report${sites.length ? `, ${sites.length} site roles with row-level security` : ""}\n`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
