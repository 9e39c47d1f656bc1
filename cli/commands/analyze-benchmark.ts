// `continuum analyze benchmark [--by site_id] [--instrument PHQ9] [--from intake --to discharge]
// [--json]`: case-mix adjusted comparison of groups (DESIGN.md "Fair comparison across sites") as
// an aligned table — groups in key order, never ranked — or the DESIGN.md JSON document.
// Internal output, like the rest of `analyze`: not suppressed (reports are).
import { isInstrumentCode } from "../../domain/instruments.ts";
import { isQuarter } from "../../domain/quarters.ts";
import { type BenchmarkDocument, benchmarkAnalysis } from "../../queries/analyses/benchmark-analysis.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { alignColumns } from "../text-table.ts";
import { EXIT, usageError } from "../errors.ts";
import { cohortWhere, parseBy, parseComparisons, parseYear } from "./analyze.ts";

type Values = Parameters<Command["run"]>[0]["values"];
type Context = Parameters<Command["run"]>[1];

const f2 = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(2));
const interval = (ci: [number, number] | null) => (ci ? `[${f2(ci[0])}, ${f2(ci[1])}]` : "");

export function renderBenchmark(doc: BenchmarkDocument): string {
  const out = [`${doc.instrument} ${doc.comparison.replace("_", " → ")}, intake ≥ clinical cutoff ${doc.clinical_cutoff ?? "(none)"}; data cut ${doc.data_cut}`];
  if (doc.error || !doc.reference) return `${out[0]}\nnothing to compare (${doc.error ?? "no episodes"})\n`;
  out.push(`adjusted for ${doc.covariates.join(", ")}; ${doc.reference.n} episodes, mean change ${f2(doc.reference.mean_change)}, intake SD ${f2(doc.reference.sd_intake)}`, "");
  const outlier = (funnel: BenchmarkDocument["funnel_proportion"], key: string) => (funnel?.limits.find((l) => l.key === key)?.outlier ? "outside 99.8%" : "");
  const rows = [[doc.by, "n", "SAES", "90% CI", "shrunken", "90% CI", "band", "reliable", "expected", "proportion funnel", "O/E funnel"]];
  for (const g of doc.groups) {
    rows.push([g.key, String(g.n), f2(g.saes), interval(g.saes_ci90), f2(g.saes_shrunken), interval(g.saes_shrunken_ci90), g.band ?? "", String(g.reliable_improvement.observed), f2(g.reliable_improvement.expected), outlier(doc.funnel_proportion, g.key), outlier(doc.funnel_ratio, g.key)]);
  }
  out.push(alignColumns(rows, (i) => i === 0 || i === 6 || i > 8));
  for (const [name, funnel] of [["proportion", doc.funnel_proportion], ["O/E", doc.funnel_ratio]] as const) {
    if (funnel) out.push("", `${name} funnel: target ${funnel.target.toFixed(3)}, φ ${funnel.phi.toFixed(2)}, τ² ${funnel.tau2.toPrecision(3)}, ${funnel.adjusted ? "limits widened for overdispersion" : "unadjusted limits"}`);
  }
  return `${out.join("\n")}\n`;
}

export async function runBenchmark(values: Values, ctx: Context) {
  const keys = stringOption(values, "by") ? parseBy(stringOption(values, "by")) : (["site_id"] as const);
  if (keys.length !== 1) throw usageError("analyze benchmark takes one --by key");
  const instrument = (stringOption(values, "instrument") ?? "PHQ9").toUpperCase();
  if (!isInstrumentCode(instrument)) throw usageError(`--instrument ${instrument} is not in the catalog`);
  const [comparison] = parseComparisons(stringOption(values, "from") ?? "intake", stringOption(values, "to") ?? "discharge");
  const quarter = stringOption(values, "quarter");
  if (quarter && !isQuarter(quarter)) throw usageError("--quarter looks like 2026Q3");
  const filter = { quarter, year: parseYear(stringOption(values, "year")), where: cohortWhere(values) };
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const doc = await benchmarkAnalysis(engine.db, { instrument, comparison, by: keys[0], dataCut: cut, filter });
    ctx.stdout.write(values.json ? `${JSON.stringify(doc)}\n` : renderBenchmark(doc));
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}
