// Nothing private from a FHIR export (DESIGN.md "FHIR mapping", "Ingest rules"):
// - a Patient that carries a direct identifier (name, identifier, telecom, address, a full
//   birth or death date, photo, contact, narrative, or an extension other than the US Core
//   demographics) refuses its file whole — exit 3, the file, line and element path, never the
//   value — unless `--discard-identifiers`, when only gender, the birth date (to compute an age
//   band, never stored) and US Core race/ethnicity are taken from it;
// - every free-text string of the other resources (display, text, narrative, notes, a
//   non-numeric valueString …) passes the value screens (SSN, phone and e-mail shapes); ids,
//   codes, references, URIs and dates are structure, not text;
// - a `display` on a reference to a Patient counts as a name.
import type { Extension, Patient } from "fhir/r4.js";
import { CliError, EXIT } from "../../domain/errors.ts";
import { OMB_HISPANIC, OMB_RACE, US_CORE_ETHNICITY, US_CORE_RACE } from "../../domain/fhir-codes.ts";
import { identifierShape } from "../identifier-screen.ts";

export const refused = (file: string, line: number, element: string, what: string, hint = "remove it and export again") =>
  new CliError(`${file}: refused, line ${line}: ${element} holds ${what}; ${hint}`, "identifier_found", EXIT.refused);

const PATIENT_IDENTIFIERS: [keyof Patient, string][] = [
  ["name", "a person's name"],
  ["identifier", "an identifier (MRN, SSN or similar)"],
  ["telecom", "a phone number or e-mail address"],
  ["address", "a street address"],
  ["photo", "a photograph"],
  ["contact", "a contact person"],
  ["text", "a free-text narrative"],
];
const FULL_DATE = /^\d{4}-\d{2}-\d{2}/;
/** Extensions of a Patient that are demographics, not identifiers (US Core). */
const DEMOGRAPHIC_EXTENSIONS = /\/us-core-(race|ethnicity|birthsex|genderIdentity|sex)$/;

export interface PatientFacts {
  patient_id: string;
  gender: string | null;
  /** As written (YYYY, YYYY-MM or YYYY-MM-DD); only an age band at admission is derived from it. */
  birth_date: string | null;
  race_ethnicity: string | null;
}

/** Screens a Patient; returns the facts kept. Throws the refusal unless `discard`. */
export function screenPatient(r: Patient, file: string, line: number, discard: boolean): PatientFacts {
  if (!discard) {
    const hint = "export without it, or ingest with --discard-identifiers";
    for (const [key, what] of PATIENT_IDENTIFIERS) if (r[key] !== undefined) throw refused(file, line, `Patient.${key}`, what, hint);
    if (r.birthDate && FULL_DATE.test(r.birthDate)) throw refused(file, line, "Patient.birthDate", "a full date of birth", hint);
    if (r.deceasedDateTime && FULL_DATE.test(r.deceasedDateTime)) throw refused(file, line, "Patient.deceasedDateTime", "a full date of death", hint);
    const other = (r.extension ?? []).findIndex((e) => !DEMOGRAPHIC_EXTENSIONS.test(e.url));
    if (other >= 0) throw refused(file, line, `Patient.extension[${other}]`, "an extension that is not a US Core demographic", hint);
  }
  return { patient_id: r.id ?? "", gender: r.gender ?? null, birth_date: r.birthDate ?? null, race_ethnicity: raceEthnicity(r.extension ?? []) };
}

/** US Core race and ethnicity → the canonical race_ethnicity value (Hispanic first, then one OMB race, several = multiracial). */
export function raceEthnicity(extensions: readonly Extension[]): string | null {
  const parts = (url: string) => extensions.find((e) => e.url === url)?.extension ?? [];
  const omb = (url: string) => parts(url).filter((e) => e.url === "ombCategory").map((e) => e.valueCoding?.code ?? "");
  if (omb(US_CORE_ETHNICITY).includes(OMB_HISPANIC)) return "hispanic";
  const races = [...new Set(omb(US_CORE_RACE).filter((c) => c in OMB_RACE))];
  if (races.length > 1) return "multiracial";
  if (races.length === 1) return OMB_RACE[races[0]];
  return parts(US_CORE_RACE).length ? "other" : null;
}

/** Keys whose string values are structure (ids, codes, references, URIs, dates), not text. */
const STRUCTURE = new Set(["resourceType", "id", "reference", "system", "code", "url", "version", "status", "unit", "linkId", "questionnaire", "fullUrl", "profile", "valueUri", "valueCanonical", "valueCode", "language", "use", "type", "intent", "mode"]);
const DATE_KEY = /(date|Date|DateTime|Instant|Time|start|end|authored|issued|lastUpdated|recorded|period)$/;

/**
 * Throws when a free-text string of `resource` is shaped like an identifier, or a reference to a
 * Patient carries a display (a name). `textMayHit` = false (the line's raw text matched none
 * of the value shapes) skips the walk for text; the Patient-display check always runs.
 */
export function screenResource(resource: Record<string, unknown>, file: string, line: number, textMayHit: boolean): void {
  const type = String(resource.resourceType);
  for (const [key, value] of Object.entries(resource)) {
    for (const ref of Array.isArray(value) ? value : [value]) {
      if (ref && typeof ref === "object" && "display" in ref && isPatientReference(key, ref as { reference?: unknown; type?: unknown })) {
        throw refused(file, line, `${type}.${key}.display`, "a patient's name");
      }
    }
  }
  if (textMayHit) walk(resource, type, file, line);
}

const isPatientReference = (key: string, ref: { reference?: unknown; type?: unknown }) =>
  ref.type === "Patient" || (typeof ref.reference === "string" && (ref.reference.startsWith("Patient/") || (ref.reference.startsWith("urn:uuid:") && (key === "subject" || key === "patient"))));

function walk(node: unknown, path: string, file: string, line: number): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, `${path}[${i}]`, file, line));
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === "string") {
      if (STRUCTURE.has(key) || DATE_KEY.test(key)) continue;
      const what = identifierShape(value);
      if (what) throw refused(file, line, `${path}.${key}`, what);
    } else if (value && typeof value === "object") walk(value, `${path}.${key}`, file, line);
  }
}
