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
  /**
   * The first and last day the birth date can be, from a FHIR date of any precision (`1980` →
   * 1980-01-01 … 1980-12-31): only the age band at each admission is derived from them, and
   * only where both ends give the same band. Never stored.
   */
  born_from: string | null;
  born_to: string | null;
  race_ethnicity: string | null;
}

/** The span of days a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) names, or nulls when it names none. */
export function birthSpan(date: string | undefined): [string | null, string | null] {
  const m = date?.match(/^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/);
  if (!m) return [null, null];
  const [, y, mo, d] = m;
  const last = (month: number) => new Date(Date.UTC(Number(y), month, 0)).getUTCDate(); // day 0 of the next month
  if (d) return Number(d) <= last(Number(mo)) ? [date!, date!] : [null, null];
  if (mo) return [`${y}-${mo}-01`, `${y}-${mo}-${last(Number(mo))}`];
  return [`${y}-01-01`, `${y}-12-31`];
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
  const [born_from, born_to] = birthSpan(r.birthDate);
  return { patient_id: r.id ?? "", gender: r.gender ?? null, born_from, born_to, race_ethnicity: raceEthnicity(r.extension ?? []) };
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
