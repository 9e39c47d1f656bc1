// Small hand-made FHIR exports for the ingest tests: resource builders with the fields the
// mapping reads, and a writer of a Bulk Data folder (Type.000.ndjson, one resource per line).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import type { Engine } from "../../db/engine.ts";

export const LOINC = "http://loinc.org";
export const HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
type R = Record<string, unknown>;

export const episodeOfCare = (id: string, patient: string, start: string, end?: string, extra: R = {}): R => ({
  resourceType: "EpisodeOfCare",
  id,
  status: end ? "finished" : "active",
  type: [{ coding: [{ system: HCPCS, code: "S9480" }] }],
  patient: { reference: `Patient/${patient}` },
  managingOrganization: { reference: "Organization/S01" },
  period: { start, ...(end ? { end } : {}) },
  ...extra,
});

export const encounter = (id: string, episode: string, start: string, extra: R = {}): R => ({
  resourceType: "Encounter",
  id,
  status: "finished",
  class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "AMB" },
  episodeOfCare: [{ reference: `EpisodeOfCare/${episode}` }],
  period: { start },
  ...extra,
});

export const observation = (id: string, code: string, patient: string, effective: string, value: R, extra: R = {}): R => ({
  resourceType: "Observation",
  id,
  status: "final",
  code: { coding: [{ system: LOINC, code }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: effective,
  ...value,
  ...extra,
});

export const score = (value: number): R => ({ valueQuantity: { value, unit: "{score}", system: "http://unitsofmeasure.org", code: "{score}" } });

/** Writes `resources` by type into `Type.000.ndjson` files of a new folder; returns the folder. */
export function writeExport(resources: R[], extraFiles: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-fhir-"));
  mkdirSync(dir, { recursive: true });
  const byType = new Map<string, string[]>();
  for (const r of resources) byType.set(String(r.resourceType), [...(byType.get(String(r.resourceType)) ?? []), JSON.stringify(r)]);
  for (const [type, lines] of byType) writeFileSync(path.join(dir, `${type}.000.ndjson`), `${lines.join("\n")}\n`);
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export async function assessmentRows(engine: Engine) {
  const { rows } = await sql<{ episode_id: string; instrument: string; assessed_on: string; total_score: number; items: string | null }>`
    select episode_id, instrument, assessed_on::text, total_score, items::text from assessments order by episode_id, instrument, assessed_on`.execute(engine.db);
  return rows.map((r) => ({ ...r, total_score: Number(r.total_score) }));
}

/** Every stored value of every table in the public schema, as text (what a data dump holds). */
export async function everyStoredText(engine: Engine): Promise<string> {
  const { rows: tables } = await sql<{ t: string }>`select quote_ident(table_name) as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(engine.db);
  let text = "";
  for (const { t } of tables) {
    const { rows } = await sql<{ r: string }>`select x::text as r from ${sql.raw(t)} x`.execute(engine.db);
    text += rows.map((r) => r.r).join("\n");
  }
  return text;
}
