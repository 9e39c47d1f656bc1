// `continuum report accreditation`: the year's evidence pack — accreditation.html (+ PDF),
// its chart as SVG and PNG, the published model as data.json, and manifest.json last.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { controlChartSvg } from "../charts/control-chart.ts";
import { ReportFolder } from "../report-folder.ts";
import { accreditationModel } from "./model.ts";
import { renderAccreditationPage } from "./page.ts";

/** The report's default year: the calendar year of the data cut. */
export const defaultYear = (dataCut: string): number => Number(dataCut.slice(0, 4));

export async function writeAccreditationReport(
  db: Kysely<Database>,
  options: { out: string; year: number; dataCut: string; threshold: number; engine: string; pdf: boolean; note?: (line: string) => void },
): Promise<{ dir: string; pages: string[] }> {
  const { out, year, dataCut, threshold, engine } = options;
  const folder = new ReportFolder(out, { pdf: options.pdf, note: options.note });
  const model = await accreditationModel(db, { year, dataCut, threshold });
  const points = model.trend.completion.points;
  const completion = points.length ? folder.writeChart("completion", controlChartSvg(points, { label: "completion rate (higher is better)", percent: true })) : null;
  await folder.writePage("accreditation.html", renderAccreditationPage(model, { completion }));
  folder.writeJson("data.json", { report: "accreditation", ...model });
  await folder.writeManifest(db, { report: "accreditation", engine, dataCut, parameters: { year, threshold } });
  return { dir: out, pages: ["accreditation.html"] };
}
