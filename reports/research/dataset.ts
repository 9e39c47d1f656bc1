// The research export's tidy dataset, de-identified: one row per episode × instrument ×
// timepoint. What is removed or coarsened, and why (HIPAA Safe Harbor, 45 CFR 164.514(b)(2),
// as a floor — the source is already de-identified, this export must not re-identify):
//   - episode, patient and site ids → pseudonymous keys (R000001, RP000001, SITE01) assigned in a
//     stable order (site, admission date, episode; numbered by the mart), never derived from the
//     ids themselves;
//   - dates → the admission year plus day offsets from admission (assessment, discharge);
//   - ages are bands already; no geography is exported;
//   - a demographic category held by fewer than `threshold` episodes in the whole export is
//     recoded to "other" so a rare combination cannot single someone out.
// Row-level data are not aggregates, so small-cell suppression of counts does not apply to it;
// the recoding above is its equivalent.
//
// The rows are streamed in batches from a cursor: memory holds one batch and the category
// counts, whatever the size of the export.
import type { Kysely } from "kysely";
import { forEachBatch } from "../../db/cursor.ts";
import type { Database } from "../../db/schema.ts";
import { analysisDataset, DATASET_CATEGORIES, type DatasetCategory, datasetCategoryEpisodes } from "../../queries/marts/analysis-dataset.ts";

export const RECODED = "other";
const BATCH_ROWS = 10_000;

export interface DatasetRow {
  episode_key: string;
  patient_key: string;
  site_code: string;
  level_of_care: string;
  track: string | null;
  modality: string | null;
  age_band: string | null;
  gender: string | null;
  race_ethnicity: string | null;
  payer: string | null;
  admission_year: number;
  discharge_day: number | null;
  discharge_reason: string | null;
  hours_per_week: number | null;
  sessions_attended: number | null;
  instrument: string;
  timepoint: string;
  assessment_day: number;
  total_score: number;
}

export interface DeidentifiedDataset {
  /** Values recoded to "other", per category. */
  recoded: Record<string, string[]>;
  siteCode: (siteId: string) => string;
  /** Streams the rows, in order, a batch at a time. */
  forEachBatch: (onBatch: (rows: DatasetRow[]) => void | Promise<void>) => Promise<void>;
}

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const key = (prefix: string, width: number, n: number) => `${prefix}${String(n).padStart(width, "0")}`;

export async function deidentifiedDataset(db: Kysely<Database>, { dataCut, threshold }: { dataCut: string; threshold: number }): Promise<DeidentifiedDataset> {
  // Episodes per site and per category value, over the whole export.
  const counts = await datasetCategoryEpisodes(db, { dataCut });
  const sites = [...counts.get("site_id")!.keys()].sort();
  const siteCode = (id: string) => `SITE${String(sites.indexOf(id) + 1).padStart(2, "0")}`;
  const recoded: Record<string, string[]> = {};
  const keep = new Map<DatasetCategory, Set<string>>();
  for (const column of DATASET_CATEGORIES) {
    const episodes = counts.get(column)!;
    const rare = [...episodes].filter(([, n]) => n < threshold).map(([v]) => v).sort();
    recoded[column] = rare;
    keep.set(column, new Set([...episodes.keys()].filter((v) => !rare.includes(v))));
  }
  const category = (column: DatasetCategory, value: string | null) => (value === null ? null : keep.get(column)!.has(value) ? value : RECODED);
  const codes = new Map(sites.map((s) => [s, siteCode(s)]));

  const deidentify = (r: Awaited<ReturnType<ReturnType<typeof analysisDataset>["execute"]>>[number]): DatasetRow => ({
    episode_key: key("R", 6, r.episode_no),
    patient_key: key("RP", 6, r.patient_no),
    site_code: codes.get(r.site_id)!,
    level_of_care: r.level_of_care,
    track: category("track", r.track),
    modality: category("modality", r.modality),
    age_band: category("age_band", r.age_band),
    gender: category("gender", r.gender),
    race_ethnicity: category("race_ethnicity", r.race_ethnicity),
    payer: category("payer", r.payer),
    admission_year: Number(r.admitted_on.slice(0, 4)),
    discharge_day: r.discharged_on && r.discharged_on <= dataCut ? days(r.admitted_on, r.discharged_on) : null,
    discharge_reason: r.discharged_on && r.discharged_on <= dataCut ? r.discharge_reason : null,
    hours_per_week: r.hours_per_week === null ? null : Number(r.hours_per_week),
    sessions_attended: r.sessions_attended,
    instrument: r.instrument,
    timepoint: r.timepoint,
    assessment_day: days(r.admitted_on, r.assessed_on),
    total_score: Number(r.total_score),
  });
  return {
    recoded,
    siteCode,
    forEachBatch: (onBatch) => forEachBatch(db, analysisDataset(db, { dataCut }), BATCH_ROWS, (rows) => onBatch(rows.map(deidentify))),
  };
}
