// `continuum notebook run NAME…|--all [--out DIR]` and `continuum notebook list`: literate
// analyses (notebooks/) executed against the database and rendered to static pages. Without
// --out they go where the demo puts the reports, ./reports/out/notebooks, and the command says so.
import path from "node:path";
import { dataCut } from "../../queries/data-cut.ts";
import { DEFAULT_THRESHOLD } from "../../reports/suppression.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT, usageError } from "../errors.ts";
import { checkOutputFolder, writeOutputFolder } from "../output-folder.ts";

/** Beside the report sets the demo writes (./reports/out/<kind>). */
export const DEFAULT_NOTEBOOK_FOLDER = path.join("reports", "out", "notebooks");

export const notebook: Command = {
  name: "notebook",
  summary: "run the research notebooks (durability, levels, subgroups, comparable, pathways, dose, replication, benchmark)",
  usage: "continuum notebook list | continuum notebook run NAME…|--all [--out DIR (default reports/out/notebooks)] [--db URL] [--json]",
  options: { all: { type: "boolean" }, out: { type: "string" } },
  async run({ values, positionals }, ctx) {
    const [sub, ...names] = positionals;
    // Loaded on use so that other commands' start-up does not pay for the notebooks' charts.
    const { listNotebooks, runNotebooks } = await import("../../notebooks/runner.ts");
    const available = listNotebooks();
    if (sub === "list") {
      ctx.stdout.write(values.json ? `${JSON.stringify({ notebooks: available })}\n` : `${available.join("\n")}\n`);
      return EXIT.ok;
    }
    if (sub !== "run") throw usageError("notebook needs list or run");
    const chosen = values.all ? available : names;
    if (!chosen.length) throw usageError("notebook run needs a NAME or --all");
    for (const name of chosen) if (!available.includes(name)) throw usageError(`no notebook named ${name}; one of ${available.join(", ")}`);
    const out = stringOption(values, "out") ?? DEFAULT_NOTEBOOK_FOLDER;
    checkOutputFolder(path.resolve(out));
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const cut = await dataCut(engine.db);
      if (!cut) throw usageError("the database holds no data yet; run continuum demo or ingest exports first");
      const written = await writeOutputFolder(path.resolve(out), (dir) =>
        runNotebooks(engine.db, { names: chosen, out: dir, dataCut: cut, threshold: DEFAULT_THRESHOLD, engine: engine.kind, note: (l) => ctx.stderr.write(`continuum notebook: ${l}\n`) }),
      );
      if (values.json) ctx.stdout.write(`${JSON.stringify(written)}\n`);
      else ctx.stdout.write(`notebooks written to ${written.dir}: ${written.pages.join(", ")}\n`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
