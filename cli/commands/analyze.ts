// `continuum analyze`: the effect-size table — pre→post and six-month effects by group — as
// an aligned terminal table (CIs in brackets, n) or `--json` ({ "rows": [ … ] }, DESIGN.md).
// Internal output: not suppressed (reports are).
import { isInstrumentCode } from "../../domain/instruments.ts";
import { isQuarter } from "../../domain/quarters.ts";
import { COMPARISONS, type Comparison } from "../../domain/timepoints.ts";
import { isValidMargin } from "../../stats/equivalence.ts";
import { type EffectSizeRow, effectSizeTable } from "../../queries/analyses/effect-size-table.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { compareAnalysis, ittAnalysis, retentionAnalysis, satisfactionAnalysis, subgroupAnalysis } from "../../queries/analyses/other-analyses.ts";
import { GROUP_KEYS, type GroupKey } from "../../queries/marts/effect-size-sums.ts";
import { type Command, stringOption } from "../command.ts";
import { runBenchmark } from "./analyze-benchmark.ts";
import { runMeasures } from "./analyze-measures.ts";
import { runContinuingCare, runPathways, runReadmission } from "./analyze-pathways.ts";
import { connect } from "../context.ts";
import { EXIT, usageError } from "../errors.ts";

const BY_ALIASES: Record<string, GroupKey> = { site: "site_id", level: "level_of_care" };

/** Cohort filters: `--site S01 --track COD …` keep only episodes with those values. */
const FILTER_OPTIONS: [option: string, key: GroupKey][] = [
  ["site", "site_id"],
  ["level-of-care", "level_of_care"],
  ["track", "track"],
  ["modality", "modality"],
  ["age-band", "age_band"],
  ["gender", "gender"],
  ["race-ethnicity", "race_ethnicity"],
  ["payer", "payer"],
];

export const cohortWhere = (values: Record<string, unknown>): Partial<Record<GroupKey, string>> =>
  Object.fromEntries(FILTER_OPTIONS.filter(([option]) => typeof values[option] === "string").map(([option, key]) => [key, values[option] as string]));

export function parseBy(value: string | undefined): GroupKey[] {
  if (!value) return ["level_of_care"];
  const keys = value.split(",").map((k) => BY_ALIASES[k.trim()] ?? k.trim());
  for (const k of keys) if (!(GROUP_KEYS as readonly string[]).includes(k)) throw usageError(`--by ${k} is not one of ${GROUP_KEYS.join(", ")}`);
  if (keys.length > 2) throw usageError("--by takes one or two keys");
  return keys as GroupKey[];
}

/**
 * A margin in points of the instrument (`--equivalence 2.5`): declared, never defaulted, so
 * anything but a positive finite number is a usage error (DESIGN.md "Comparable outcomes").
 */
export function parseMargin(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!isValidMargin(m)) throw usageError(`--${option} takes a margin in points of the instrument above 0, like 2.5 (got "${value}")`);
  return m;
}

export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw usageError("--year looks like 2026");
  return Number(value);
}

export function parseComparisons(from: string | undefined, to: string | undefined): Comparison[] {
  if (!from && !to) return Object.keys(COMPARISONS) as Comparison[];
  const name = `${from ?? "intake"}_${to ?? "discharge"}`;
  if (!(name in COMPARISONS)) throw usageError(`--from ${from ?? "intake"} --to ${to ?? "discharge"} is not a comparison (${Object.keys(COMPARISONS).join(", ")})`);
  return [name as Comparison];
}

const num = (x: number | null, digits = 2) => (x === null ? "—" : x.toFixed(digits));
const ci = (c: [number, number] | null) => (c ? `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]` : "");

export function renderEffectTable(rows: EffectSizeRow[], by: readonly GroupKey[]): string {
  const header = ["comparison", ...by, "instrument", "n", "missing", "pre", "post", "d_z [95% CI]", "g_av", "d_pre", "p", "% reliably improved"];
  const body = rows.map((r) => [
    r.comparison,
    ...by.map((k) => String(r[k] ?? "(none)")),
    r.instrument,
    String(r.n),
    String(r.n_missing),
    num(r.pre_mean, 1),
    num(r.post_mean, 1),
    `${num(r.d_z)} ${ci(r.d_z_ci)}`,
    num(r.g_av),
    num(r.d_pre),
    r.p === null ? "—" : r.p < 0.001 ? "<.001" : r.p.toFixed(3),
    num(r.pct_reliable_improvement, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= by.length + 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [line(header), ...body.map(line)].join("\n") + "\n";
}

export const analyze: Command = {
  name: "analyze",
  summary: "effect sizes intake→discharge and at six months, by level of care or another key",
  usage:
    "continuum analyze [retention|itt|compare|satisfaction|subgroups|pathways|readmission|continuing-care|benchmark|measures] [--within 14] [--from intake|discharge --to discharge|followup_6m] [--by level_of_care[,track]] [--instrument X] [--quarter 2026Q3] [--site S --level-of-care L --track T --modality M --age-band A --gender G --race-ethnicity R --payer P] [--year 2026] [--reference IOP] [--equivalence M] [--noninferiority M] [--at 30,60,90] [--db URL] [--json]",
  options: {
    from: { type: "string" },
    to: { type: "string" },
    by: { type: "string" },
    instrument: { type: "string" },
    quarter: { type: "string" },
    year: { type: "string" },
    reference: { type: "string" },
    equivalence: { type: "string" },
    noninferiority: { type: "string" },
    at: { type: "string" },
    within: { type: "string" },
    ...Object.fromEntries(FILTER_OPTIONS.map(([option]) => [option, { type: "string" as const }])),
  },
  async run({ values, positionals }, ctx) {
    const [sub] = positionals;
    if (sub === "pathways") return runPathways(values, ctx, { by: stringOption(values, "by") ? parseBy(stringOption(values, "by")) : [], where: cohortWhere(values) });
    if (sub === "benchmark") return runBenchmark(values, ctx);
    if (sub === "measures") return runMeasures(values, ctx);
    if (sub === "readmission") return runReadmission(values, ctx, { where: cohortWhere(values) });
    if (sub === "continuing-care") {
      const instrument = (stringOption(values, "instrument") ?? "PHQ9").toUpperCase();
      if (!isInstrumentCode(instrument)) throw usageError(`--instrument ${instrument} is not in the catalog`);
      return runContinuingCare(values, ctx, { instrument, where: cohortWhere(values) });
    }
    if (sub !== undefined) return runSubAnalysis(sub, values, ctx);
    const by = parseBy(stringOption(values, "by"));
    const comparisons = parseComparisons(stringOption(values, "from"), stringOption(values, "to"));
    const instrument = stringOption(values, "instrument")?.toUpperCase();
    if (instrument && !isInstrumentCode(instrument)) throw usageError(`--instrument ${instrument} is not in the catalog`);
    const quarter = stringOption(values, "quarter");
    if (quarter && !isQuarter(quarter)) throw usageError("--quarter looks like 2026Q3");
    const year = parseYear(stringOption(values, "year"));
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const cut = await dataCut(engine.db);
      const rows = cut ? await effectSizeTable(engine.db, { comparisons, by, dataCut: cut, filter: { instrument, quarter, year, where: cohortWhere(values) } }) : [];
      if (values.json) ctx.stdout.write(`${JSON.stringify({ data_cut: cut, rows })}\n`);
      else ctx.stdout.write(rows.length ? renderEffectTable(rows, by) : "no paired scores for this selection\n");
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};

const SUBCOMMANDS = ["retention", "itt", "compare", "satisfaction", "subgroups", "pathways", "readmission", "continuing-care", "benchmark", "measures"] as const;

/** `analyze retention|itt|compare|satisfaction`: one JSON document (DESIGN.md contracts). */
async function runSubAnalysis(sub: string, values: Parameters<Command["run"]>[0]["values"], ctx: Parameters<Command["run"]>[1]) {
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw usageError(`unknown analysis "${sub}"; one of ${SUBCOMMANDS.join(", ")}`);
  const [by] = parseBy(stringOption(values, "by"));
  const instrument = (stringOption(values, "instrument") ?? "PHQ9").toUpperCase();
  if (!isInstrumentCode(instrument)) throw usageError(`--instrument ${instrument} is not in the catalog`);
  const at = (stringOption(values, "at") ?? "30,60,90").split(",").map(Number);
  if (at.some((d) => !Number.isInteger(d) || d < 0)) throw usageError("--at takes days like 30,60,90");
  const compare = sub === "compare" ? compareOptions(values) : undefined;
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const doc =
      sub === "retention"
        ? await retentionAnalysis(engine.db, { dataCut: cut, by, at })
        : sub === "itt"
          ? await ittAnalysis(engine.db, { instrument, dataCut: cut, by })
          : sub === "compare"
            ? await compareAnalysis(engine.db, { instrument, dataCut: cut, comparison: parseComparisons(stringOption(values, "from") ?? "intake", stringOption(values, "to") ?? "discharge")[0], ...compare })
            : sub === "subgroups"
              ? await subgroupAnalysis(engine.db, { instrument, dataCut: cut, comparison: parseComparisons(stringOption(values, "from") ?? "intake", stringOption(values, "to") ?? "discharge")[0] })
              : await satisfactionAnalysis(engine.db, { by: [by] });
    const { steps: _steps, ...published } = doc as Record<string, unknown>;
    ctx.stdout.write(`${JSON.stringify(published, null, values.json ? undefined : 2)}\n`);
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

/**
 * `analyze compare`'s own options: one `--by` key, its `--reference` (IOP by default for
 * level_of_care, required otherwise), the cohort filters, and the margins, checked before the
 * database is opened.
 */
function compareOptions(values: Parameters<Command["run"]>[0]["values"]) {
  const keys = parseBy(stringOption(values, "by"));
  if (keys.length !== 1) throw usageError("analyze compare takes one --by key");
  const [by] = keys;
  const reference = stringOption(values, "reference") ?? (by === "level_of_care" ? "IOP" : undefined);
  if (reference === undefined) throw usageError(`analyze compare --by ${by} needs --reference (the group the others are compared with)`);
  const quarter = stringOption(values, "quarter");
  if (quarter && !isQuarter(quarter)) throw usageError("--quarter looks like 2026Q3");
  return {
    by,
    reference,
    filter: { quarter, year: parseYear(stringOption(values, "year")), where: cohortWhere(values) },
    equivalence: parseMargin("equivalence", stringOption(values, "equivalence")),
    noninferiority: parseMargin("noninferiority", stringOption(values, "noninferiority")),
  };
}
