// `continuum check`: data-quality findings over the loaded data, with counts and example keys.
import { dataCut } from "../../queries/data-cut.ts";
import { dataQualityFindings } from "../../queries/marts/data-quality.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT } from "../errors.ts";

export const check: Command = {
  name: "check",
  summary: "data-quality findings (conformance, completeness, plausibility) with counts",
  usage: "continuum check [--db URL] [--json]",
  options: {},
  async run({ values }, ctx) {
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const cut = await dataCut(engine.db);
      const findings = await dataQualityFindings(engine.db, { dataCut: cut });
      if (values.json) {
        const doc = { data_cut: cut, findings: findings.map(({ code, severity, count, examples }) => ({ code, severity, count, examples })) };
        ctx.stdout.write(`${JSON.stringify(doc)}\n`);
        return EXIT.ok;
      }
      const width = Math.max(...findings.map((f) => f.code.length));
      ctx.stdout.write(`data cut ${cut ?? "(no data)"}\n`);
      for (const f of findings) {
        const mark = f.count === 0 ? "ok " : f.severity === "error" ? "ERR" : f.severity === "warning" ? "WRN" : "inf";
        const eg = f.examples.length ? `  e.g. ${f.examples.join(", ")}` : "";
        ctx.stdout.write(`${mark} ${f.code.padEnd(width)} ${String(f.count).padStart(7)}  ${f.description}${eg}\n`);
      }
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
