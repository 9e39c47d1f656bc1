// `continuum analyze pathways [--within 14] [--by track] [--json]`: the transition
// matrix and the pathway measures with Wilson CIs, as aligned tables or DESIGN.md's JSON.
// Internal output, like the rest of `analyze`: not suppressed (reports are).
import { DEFAULT_WITHIN_DAYS, MAX_WITHIN_DAYS, parseWithinDays, TRANSITION_TARGETS } from "../../domain/pathways.ts";
import { type PathwaysDocument, pathwaysAnalysis, readmissionTimeAnalysis } from "../../queries/analyses/pathways-analysis.ts";
import { continuingCareAnalysis } from "../../queries/analyses/continuing-care-analysis.ts";
import { dataCut } from "../../queries/data-cut.ts";
import type { Group, GroupKey } from "../../queries/group-keys.ts";
import { type ParsedValues, stringOption } from "../command.ts";
import { alignColumns } from "../text-table.ts";
import { type CliContext, connect } from "../context.ts";
import { EXIT, type ExitCode, usageError } from "../errors.ts";

/** `--within` → days; a usage error (exit 2, one line) unless a whole number 0…365. */
export function withinOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WITHIN_DAYS;
  const days = parseWithinDays(value);
  if (days === null) throw usageError(`--within takes whole days from 0 to ${MAX_WITHIN_DAYS} (default ${DEFAULT_WITHIN_DAYS})`);
  return days;
}


const groupLabel = (group: Group, by: readonly GroupKey[]) => by.map((k) => `${k} ${group[k] ?? "(none)"}`).join(", ");

export function renderPathways(doc: PathwaysDocument, by: readonly GroupKey[]): string {
  const out = [`data cut ${doc.data_cut}; W = ${doc.within_days} days`];
  if (doc.cannot_show_transitions) return `${out[0]}\n${doc.cannot_show_transitions}\n`;
  const groupKeys = [...new Set([...doc.transitions, ...doc.measures].map((r) => JSON.stringify(by.map((k) => (r as Group)[k] ?? null))))];
  for (const key of groupKeys) {
    const values = JSON.parse(key) as (string | null)[];
    const inGroup = (r: Group) => by.every((k, i) => (r[k] ?? null) === values[i]);
    const group = Object.fromEntries(by.map((k, i) => [k, values[i]])) as Group;
    if (by.length) out.push("", `== ${groupLabel(group, by)} ==`);
    const cells = doc.transitions.filter(inGroup);
    out.push("", `transitions: discharges whose ${doc.within_days} days have closed, by the level of the next episode within ${doc.within_days} days`);
    const froms = [...new Set(cells.map((c) => c.from))];
    if (froms.length === 0) out.push("(none yet)");
    else {
      const rows = [["from \\ to", ...TRANSITION_TARGETS, "total"]];
      for (const from of froms) {
        const counts = TRANSITION_TARGETS.map((to) => cells.find((c) => c.from === from && c.to === to)?.n ?? 0);
        rows.push([from, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))]);
      }
      out.push(alignColumns(rows, 1));
    }
    out.push("", "measures: % of discharges whose window has closed [Wilson 95% CI]");
    const rows = [["level", "measure", "n", "of", "%", "95% CI"]];
    for (const m of doc.measures.filter(inGroup)) {
      rows.push([m.level_of_care, m.measure, String(m.numerator), String(m.denominator), m.pct === null ? "—" : m.pct.toFixed(1), m.ci ? `[${m.ci[0].toFixed(1)}, ${m.ci[1].toFixed(1)}]` : ""]);
    }
    out.push(alignColumns(rows, 2));
  }
  out.push("", "Continuing care is counted inside the data loaded: care elsewhere after discharge looks like none.");
  return `${out.join("\n")}\n`;
}

export async function runPathways(
  values: ParsedValues,
  ctx: CliContext,
  { by, where }: { by: GroupKey[]; where: Partial<Record<GroupKey, string>> },
): Promise<ExitCode> {
  const withinDays = withinOption(stringOption(values, "within"));
  // The level of care is every table's row already: `--by level_of_care` adds nothing.
  const keys = by.filter((k) => k !== "level_of_care");
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const doc = await pathwaysAnalysis(engine.db, { dataCut: cut, withinDays, by: keys, filter: { where } });
    ctx.stdout.write(values.json ? `${JSON.stringify(doc)}\n` : renderPathways(doc, keys));
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

/** `analyze readmission [--at 30,90,180] [--json]`: time to readmission by level of care. */
export async function runReadmission(values: ParsedValues, ctx: CliContext, { where }: { where: Partial<Record<GroupKey, string>> }): Promise<ExitCode> {
  const at = (stringOption(values, "at") ?? "30,90,180").split(",").map(Number);
  if (at.some((d) => !Number.isInteger(d) || d < 0)) throw usageError("--at takes days like 30,90,180");
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const doc = await readmissionTimeAnalysis(engine.db, { dataCut: cut, at, filter: { where } });
    const published = { ...doc, groups: doc.groups.map(({ steps: _steps, ...g }) => g) };
    ctx.stdout.write(`${JSON.stringify(published, null, values.json ? undefined : 2)}\n`);
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

/** `analyze continuing-care [--instrument PHQ9] [--json]`: with vs without continuing care. */
export async function runContinuingCare(values: ParsedValues, ctx: CliContext, { instrument, where }: { instrument: string; where: Partial<Record<GroupKey, string>> }): Promise<ExitCode> {
  const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
  try {
    const cut = await dataCut(engine.db);
    if (!cut) throw usageError("the database holds no data yet; ingest exports first");
    const doc = await continuingCareAnalysis(engine.db, { dataCut: cut, instrument, filter: { where } });
    ctx.stdout.write(`${JSON.stringify({ data_cut: cut, ...doc }, null, values.json ? undefined : 2)}\n`);
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}
