// `continuum report quarterly|accreditation|research --out DIR`: the published report sets
// (reports/). Each writes a folder with its pages, charts, data and manifest.json; every
// number in it has passed reports/suppression.ts at `--threshold` (default 11).
import path from "node:path";
import { isQuarter, lastCompleteQuarter } from "../../domain/quarters.ts";
import type { Engine } from "../../db/engine.ts";
import { dataCut } from "../../queries/data-cut.ts";
import { DEFAULT_THRESHOLD } from "../../reports/suppression.ts";
import { type Command, type ParsedValues, stringOption } from "../command.ts";
import type { CliContext } from "../context.ts";
import { connect } from "../context.ts";
import { EXIT, usageError } from "../errors.ts";
import { checkOutputFolder, writeOutputFolder } from "../output-folder.ts";

export const REPORTS = ["quarterly", "accreditation", "research"] as const;
export type ReportKind = (typeof REPORTS)[number];

export interface ReportRequest {
  kind: ReportKind;
  out: string;
  threshold: number;
  pdf: boolean;
  quarter?: string;
  year?: number;
}

function parseThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  if (!/^\d+$/.test(value) || Number(value) < 2) throw usageError("--threshold must be an integer of at least 2");
  return Number(value);
}

/** Validates a report request from the command line (usage errors exit 2 before any work). */
export function parseReportRequest(kind: string | undefined, values: ParsedValues): ReportRequest {
  if (!kind || !(REPORTS as readonly string[]).includes(kind)) throw usageError(`report needs one of ${REPORTS.join(", ")}`);
  const out = stringOption(values, "out");
  if (!out) throw usageError(`report ${kind} needs --out DIR`);
  checkOutputFolder(path.resolve(out)); // before any database work
  const quarter = stringOption(values, "quarter");
  if (quarter !== undefined && !isQuarter(quarter)) throw usageError("--quarter looks like 2026Q3");
  const year = stringOption(values, "year");
  if (year !== undefined && !/^\d{4}$/.test(year)) throw usageError("--year looks like 2026");
  return { kind: kind as ReportKind, out: path.resolve(out), threshold: parseThreshold(stringOption(values, "threshold")), pdf: !values["skip-pdf"], quarter, year: year === undefined ? undefined : Number(year) };
}

/** Writes one report set; returns the page files, for the summary line. */
export async function runReport(engine: Engine, request: ReportRequest, ctx: CliContext): Promise<{ dir: string; pages: string[]; quarter?: string }> {
  const cut = await dataCut(engine.db);
  if (!cut) throw usageError("the database holds no data yet; ingest exports first");
  const note = (line: string) => ctx.stderr.write(`continuum report: ${line}\n`);
  return writeOutputFolder(request.out, async (out) => {
    const common = { out, dataCut: cut, threshold: request.threshold, engine: engine.kind, pdf: request.pdf, note };
    // Imported here, not at the top: the writers bring Plot, Vega and Chromium's driver, which
    // every other command (ingest above all, run once per export) would otherwise load for nothing.
    if (request.kind === "research") return (await import("../../reports/research/index.ts")).writeResearchExport(engine.db, common);
    if (request.kind === "accreditation") {
      const { writeAccreditationReport, defaultYear } = await import("../../reports/accreditation/index.ts");
      return writeAccreditationReport(engine.db, { ...common, year: request.year ?? defaultYear(cut) });
    }
    const quarter = request.quarter ?? lastCompleteQuarter(cut);
    const { writeQuarterlyReport } = await import("../../reports/quarterly/index.ts");
    const written = await writeQuarterlyReport(engine.db, { ...common, quarter });
    return { ...written, quarter };
  });
}

export const report: Command = {
  name: "report",
  summary: "write a report set: quarterly (directors), accreditation, research",
  usage: "continuum report quarterly|accreditation|research --out DIR [--quarter 2026Q3] [--year 2026] [--threshold 11] [--skip-pdf] [--db URL] [--json]",
  options: { out: { type: "string" }, quarter: { type: "string" }, year: { type: "string" }, threshold: { type: "string" }, "skip-pdf": { type: "boolean" } },
  async run({ values, positionals }, ctx) {
    const request = parseReportRequest(positionals[0], values);
    const engine = await connect(ctx, stringOption(values, "db"), { snapshot: true });
    try {
      const written = await runReport(engine, request, ctx);
      if (values.json) ctx.stdout.write(`${JSON.stringify({ report: request.kind, ...written })}\n`);
      else ctx.stdout.write(`${request.kind} report written to ${written.dir}: ${written.pages.join(", ")}\n`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};
