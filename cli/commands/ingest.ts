// `continuum ingest FILE|DIR…`: load exports. CSV files one transaction each
// (pipelines/ingest-file.ts), episodes files first, so assessments find their episodes; a FHIR
// export (a Bulk Data folder, NDJSON files, a Bundle) after them, all of it in one transaction
// (pipelines/fhir/ingest-fhir.ts). Exit 0 with quarantined rows reported; 1 when --strict
// refused a file with bad rows; 3 when a file is refused whole.
import { readProfile } from "../../pipelines/profile.ts";
import { ENCODINGS, type Encoding } from "../../pipelines/source.ts";
import { type FileOutcome, ingestFile, StrictRefusal } from "../../pipelines/ingest-file.ts";
import { isFhirInput } from "../../pipelines/fhir/export-files.ts";
import { readFhirMap } from "../../pipelines/fhir/fhir-map.ts";
import { type FhirFileOutcome, ingestFhir } from "../../pipelines/fhir/ingest-fhir.ts";
import { INPUT_KINDS, type InputKind } from "../../domain/vocabulary.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { EXIT, usageError } from "../errors.ts";
import { progressReporter } from "../progress.ts";

const KIND_ORDER: Record<InputKind, number> = { episodes: 0, assessments: 1, redcap: 1 };

export const ingest: Command = {
  name: "ingest",
  summary: "load export files (episodes, assessments, REDCap raw, a FHIR R4 export) into the database",
  usage:
    "continuum ingest FILE|DIR… [--kind episodes|assessments|redcap] [--profile P.json] [--map MAP.json] [--discard-identifiers] [--strict] [--encoding utf-8|windows-1252|latin1] [--max-field-size N] [--db URL] [--json]",
  options: {
    kind: { type: "string" },
    strict: { type: "boolean" },
    encoding: { type: "string" },
    profile: { type: "string" },
    map: { type: "string" },
    "discard-identifiers": { type: "boolean" },
    "max-field-size": { type: "string" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length === 0) throw usageError("name at least one file to ingest");
    const kind = stringOption(values, "kind");
    if (kind !== undefined && !(INPUT_KINDS as readonly string[]).includes(kind)) throw usageError(`--kind must be one of ${INPUT_KINDS.join(", ")}`);
    const encoding = (stringOption(values, "encoding") ?? "utf-8").toLowerCase();
    if (!(ENCODINGS as readonly string[]).includes(encoding)) throw usageError(`--encoding must be one of ${ENCODINGS.join(", ")}`);
    // The longest record (so also field) accepted, in characters; longer ones are quarantined
    // as field_too_long without ever being held in memory whole (pipelines/records.ts).
    const maxSize = stringOption(values, "max-field-size");
    const maxRecordChars = maxSize === undefined ? undefined : Number(maxSize);
    if (maxRecordChars !== undefined && !(Number.isInteger(maxRecordChars) && maxRecordChars >= 100 && maxRecordChars <= 100_000_000)) {
      throw usageError("--max-field-size must be a whole number of characters from 100 to 100000000");
    }
    const profileFile = stringOption(values, "profile");
    const profile = profileFile ? readProfile(profileFile) : undefined;
    const mapFile = stringOption(values, "map");
    const map = mapFile ? readFhirMap(mapFile) : undefined;
    // A FHIR export is recognised by its shape unless --kind names a CSV kind.
    const fhir = kind ? [] : positionals.filter(isFhirInput);
    const csv = positionals.filter((p) => !fhir.includes(p));
    if (!fhir.length && (map || values["discard-identifiers"])) throw usageError("--map and --discard-identifiers apply to a FHIR export (a folder, .ndjson files or a Bundle)");
    const engine = await connect(ctx, stringOption(values, "db"));
    const outcomes: FileOutcome[] = [];
    let exit: number = EXIT.ok;
    try {
      const files = [...csv].sort((a, b) => order(a, kind) - order(b, kind));
      for (const file of files) {
        const progress = progressReporter(ctx, file);
        try {
          const outcome = await ingestFile(engine, file, { kind: kind as InputKind | undefined, profile, strict: Boolean(values.strict), encoding: encoding as Encoding, maxRecordChars, onProgress: progress.update });
          outcomes.push(outcome);
          progress.done();
          if (!values.json) ctx.stderr.write(`${summaryLine(outcome)}\n`);
        } catch (error) {
          progress.done();
          if (!(error instanceof StrictRefusal)) throw error;
          outcomes.push({ ...error.outcome, status: "refused", inserted: 0, updated: 0, unchanged: 0 });
          ctx.stderr.write(`continuum: ${file}: --strict and ${error.outcome.quarantined} rows are bad (${reasonList(error.outcome.reasons)}); nothing loaded (strict_bad_rows)\n`);
          exit = EXIT.failed;
        }
      }
      if (fhir.length) {
        try {
          const fhirOutcomes = await ingestFhir(engine, fhir, { map, discardIdentifiers: Boolean(values["discard-identifiers"]), strict: Boolean(values.strict), maxBytes: maxRecordChars });
          outcomes.push(...fhirOutcomes);
          if (!values.json) for (const o of fhirOutcomes) ctx.stderr.write(`${fhirSummaryLine(o)}\n`);
        } catch (error) {
          if (!(error instanceof StrictRefusal)) throw error;
          ctx.stderr.write(`continuum: ${error.outcome.file}: --strict and ${error.outcome.quarantined} resources are bad (${reasonList(error.outcome.reasons)}); nothing of the export loaded (strict_bad_rows)\n`);
          outcomes.push({ ...error.outcome, status: "refused", inserted: 0, updated: 0, unchanged: 0 });
          exit = EXIT.failed;
        }
      }
    } finally {
      await engine.close();
    }
    if (values.json) ctx.stdout.write(`${JSON.stringify({ files: outcomes })}\n`);
    return exit as typeof EXIT.ok;
  },
};

/** Episodes files load first; the kind comes from --kind or, cheaply, from the file name. */
function order(file: string, kind: string | undefined): number {
  if (kind) return KIND_ORDER[kind as InputKind];
  return /episode/i.test(file) ? 0 : 1;
}

const reasonList = (reasons: Record<string, number>) =>
  Object.entries(reasons)
    .map(([r, n]) => `${r} ${n}`)
    .join(", ") || "none";

export function fhirSummaryLine(o: FhirFileOutcome): string {
  if (o.status === "already_ingested") return `${o.file}: already ingested (same SHA-256), nothing changed`;
  const skipped = Object.entries(o.skipped).map(([r, n]) => `${r} ${n}`).join(", ");
  return `${o.file}: FHIR ${o.resource_type ?? "(not FHIR resources)"}, ${o.rows_read} resources read — ${o.inserted} inserted, ${o.updated} updated, ${o.unchanged} unchanged, ${o.quarantined} quarantined${o.quarantined ? ` (${reasonList(o.reasons)})` : ""}, ${o.used} used by others' rows, ${skipped ? `skipped: ${skipped}` : "none skipped"}`;
}

function summaryLine(o: FileOutcome): string {
  if (o.status === "already_ingested") return `${o.file}: already ingested (same SHA-256), nothing changed`;
  return `${o.file}: ${o.kind}, ${o.rows_read} rows read — ${o.inserted} inserted, ${o.updated} updated, ${o.unchanged} unchanged, ${o.quarantined} quarantined${o.quarantined ? ` (${reasonList(o.reasons)})` : ""}`;
}
