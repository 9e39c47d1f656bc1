// `continuum analyze measures [--year 2026] [--json]` (DESIGN.md "Standard measures"):
// depression remission at 12 and 6 months, response at 6 months and PHQ-9 utilization, as an
// aligned table or one JSON document. `--year` is the measurement year (default: the data
// cut's year). Internal output, like the rest of `analyze`: not suppressed (reports are).
import { type StandardMeasuresDocument, standardMeasures } from "../../queries/analyses/standard-measures.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { type ParsedValues, stringOption } from "../command.ts";
import { alignColumns } from "../text-table.ts";
import { parseYear } from "./analyze.ts";
import { type CliContext, connect } from "../context.ts";
import { EXIT, type ExitCode, usageError } from "../errors.ts";

export function renderMeasures(doc: StandardMeasuresDocument): string {
  const out = [`standard measures, measurement year ${doc.year}; data cut ${doc.data_cut}`, `source: ${doc.source}`, ""];
  const rows = [["measure", "specification", "index events / period", "n", "of", "%", "95% CI", "pending", "no follow-up"]];
  for (const m of doc.measures) {
    rows.push([
      m.title,
      m.specification,
      `${m.period.from} – ${m.period.to}`,
      String(m.numerator),
      String(m.denominator),
      m.pct === null ? "—" : m.pct.toFixed(1),
      m.ci ? `[${m.ci[0].toFixed(1)}, ${m.ci[1].toFixed(1)}]` : "",
      String(m.pending),
      String(m.no_followup),
    ]);
  }
  out.push(alignColumns(rows, 3), "", "windows:");
  for (const m of doc.measures) out.push(`  ${m.title}: ${m.window}`);
  out.push("", "caveats:", ...doc.caveats.map((c) => `  - ${c}`), "", "sources:", ...doc.measures.filter((m, i, all) => all.findIndex((o) => o.citation === m.citation) === i).map((m) => `  - ${m.citation}`));
  return `${out.join("\n")}\n`;
}

export async function runMeasures(values: ParsedValues, ctx: CliContext): Promise<ExitCode> {
  const asked = parseYear(stringOption(values, "year"));
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const year = asked ?? Number(cut.slice(0, 4));
    const doc = await standardMeasures(engine.db, { year, dataCut: cut });
    ctx.stdout.write(values.json ? `${JSON.stringify(doc)}\n` : renderMeasures(doc));
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}
