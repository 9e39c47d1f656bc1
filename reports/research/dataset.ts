// The research export's tidy dataset, de-identified: one row per episode × instrument ×
// timepoint. What is removed or coarsened, and why (HIPAA Safe Harbor, 45 CFR 164.514(b)(2),
// as a floor — the source is already de-identified, this export must not re-identify):
//   - episode, patient and site ids → pseudonymous keys (R000001, RP000001, SITE01) assigned in a
//     stable order (site, admission date, episode), never derived from the ids themselves;
//   - dates → the admission year plus day offsets from admission (assessment, discharge);
//   - ages are bands already; no geography is exported;
//   - a demographic category held by fewer than `threshold` episodes in the whole export is
//     recoded to "other" so a rare combination cannot single someone out.
// Row-level data are not aggregates, so small-cell suppression of counts does not apply to it;
// the recoding above is its equivalent.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { analysisDataset } from "../../queries/marts/analysis-dataset.ts";

export const RECODED = "other";
/** Episode descriptors whose rare categories are recoded. */
const CATEGORICAL = ["track", "modality", "age_band", "gender", "race_ethnicity", "payer"] as const;

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

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const keyMaker = (prefix: string, width: number) => {
  const keys = new Map<string, string>();
  return (id: string) => {
    if (!keys.has(id)) keys.set(id, `${prefix}${String(keys.size + 1).padStart(width, "0")}`);
    return keys.get(id)!;
  };
};

export async function deidentifiedDataset(db: Kysely<Database>, { dataCut, threshold }: { dataCut: string; threshold: number }): Promise<{ rows: DatasetRow[]; recoded: Record<string, string[]>; siteCode: (siteId: string) => string }> {
  const raw = await analysisDataset(db, { dataCut });
  const episodeKey = keyMaker("R", 6);
  const patientKey = keyMaker("RP", 6);
  const sites = [...new Set(raw.map((r) => r.site_id))].sort();
  const siteCode = (id: string) => `SITE${String(sites.indexOf(id) + 1).padStart(2, "0")}`;

  // Episodes per category value, over the whole export.
  const recoded: Record<string, string[]> = {};
  const keep = new Map<string, Set<string>>();
  for (const column of CATEGORICAL) {
    const episodes = new Map<string, Set<string>>();
    for (const r of raw) {
      const value = r[column];
      if (value !== null) episodes.set(value, (episodes.get(value) ?? new Set()).add(r.episode_id));
    }
    const rare = [...episodes].filter(([, e]) => e.size < threshold).map(([v]) => v).sort();
    recoded[column] = rare;
    keep.set(column, new Set([...episodes.keys()].filter((v) => !rare.includes(v))));
  }
  const category = (column: (typeof CATEGORICAL)[number], value: string | null) => (value === null ? null : keep.get(column)!.has(value) ? value : RECODED);

  const rows = raw.map((r) => ({
    episode_key: episodeKey(r.episode_id),
    patient_key: patientKey(r.patient_id),
    site_code: siteCode(r.site_id),
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
  }));
  return { rows, recoded, siteCode };
}
