// One FHIR resource file's staged rows into the database: the lines that are not resources
// into the quarantine, and `continuum_stage` through the CSV path's own validation,
// quarantine and merge (pipelines/fhir/ingest-fhir.ts calls these per file, in its one
// transaction, and refreshes the derived tables after the last).
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { MergedLoad } from "../../db/derived-tables.ts";
import type { Database } from "../../db/schema.ts";
import { EPISODE_COLUMNS } from "../../domain/columns.ts";
import type { FhirSkipReason } from "../../domain/vocabulary.ts";
import { type FileOutcome, StrictRefusal } from "../ingest-file.ts";
import { ASSESSMENTS_MERGE, EPISODES_MERGE, mergeGoodRows, prepareKeyedTables } from "../merge.ts";
import { quarantine } from "../quarantine.ts";
import { validateAssessments } from "../validate-assessments.ts";
import { validateEpisodes } from "../validate-episodes.ts";
import { ASSESSMENT_STAGE_COLUMNS, FORM_ITEMS } from "./fhir-sql.ts";
import type { SourceFile } from "./fhir-stage.ts";
import type { AssessmentPart } from "./resources.ts";

export interface FhirFileOutcome extends FileOutcome {
  kind: "fhir";
  resource_type: string | null;
  /** Resources read as facts of another's row: Encounters, Patients, a panel's total and items. */
  used: number;
  skipped: Partial<Record<FhirSkipReason, number>>;
}

/** An assessment part as the columns of `fhir_part` after the line (pipelines/fhir/fhir-sql.ts TABLES.part). */
export function partValues(a: AssessmentPart): unknown[] {
  const values: unknown[] = [a.id, a.role, a.instrument, a.item, a.value];
  for (let k = 0; k < FORM_ITEMS; k++) values.push(a.items?.[k] ?? null);
  values.push(a.assessed_on, a.encounter, a.patient, a.members?.join(" ") ?? null);
  return values;
}

/** Quarantines the file's lines that are not JSON or too long (staged in `fhir_bad`), then drops that table. */
export async function finishBadLines(db: Kysely<Database>, f: SourceFile, ingestId: number | null, o: FhirFileOutcome): Promise<void> {
  if (ingestId !== null) {
    const { rows } = await sql<{ reason: string; n: number }>`select reason, count(*)::int as n from fhir_bad group by reason`.execute(db);
    if (rows.length) {
      await sql`insert into quarantine (ingest_id, file_name, line, column_name, reason, raw_row)
        select ${ingestId}::int, ${path.basename(f.file)}::text, line, null, reason, raw_row from fhir_bad`.execute(db);
      for (const r of rows) {
        o.reasons[r.reason] = (o.reasons[r.reason] ?? 0) + Number(r.n);
        o.quarantined += Number(r.n);
      }
    }
  }
  await sql`drop table fhir_bad`.execute(db);
}

/**
 * `continuum_stage` through the CSV path's validation, quarantine and merge. Returns the load
 * when it inserted or changed rows: the call refreshes the derived tables once, after its last
 * file (refreshTouchedEpisodes).
 */
export async function loadStaged(
  db: Kysely<Database>,
  table: "episodes" | "assessments",
  ingestId: number,
  f: SourceFile,
  o: FhirFileOutcome,
  { soleSession, strict, lap = () => {} }: { soleSession: boolean; strict?: boolean; lap?: (phase: string) => void },
): Promise<MergedLoad | null> {
  const spec = table === "episodes" ? EPISODES_MERGE : ASSESSMENTS_MERGE;
  const columns = table === "episodes" ? [...EPISODE_COLUMNS] : ASSESSMENT_STAGE_COLUMNS;
  const parentsLocked = await prepareKeyedTables(db, spec);
  if (table === "episodes") await validateEpisodes(db, columns);
  else await validateAssessments(db, columns);
  lap(`validate ${table}`);
  const { reasons, goodRows } = await quarantine(db, { ingestId, fileName: path.basename(f.file), columns, delimiter: ",", rawTable: "continuum_stage" }, {});
  for (const [reason, n] of Object.entries(reasons)) {
    o.reasons[reason] = (o.reasons[reason] ?? 0) + n;
    o.quarantined += n;
  }
  if (strict && o.quarantined > 0) throw new StrictRefusal(o);
  const counts = await mergeGoodRows(db, spec, ingestId, goodRows, { parentsLocked, soleSession });
  o.inserted += counts.inserted;
  o.updated += counts.updated;
  o.unchanged += counts.unchanged;
  lap(`merge ${table}`);
  return counts.inserted + counts.updated > 0 ? { table, ingestId } : null;
}
