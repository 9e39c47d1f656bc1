// FHIR R4 resources → the parts of canonical rows (DESIGN.md "FHIR mapping"), pure functions:
// an EpisodeOfCare gives an episode, an Encounter the facts its episode takes (virtual or not,
// discharge disposition), an Observation a total, an item or a panel of an assessment, a
// QuestionnaireResponse a whole assessment. What cannot be an assessment is a skip with its
// reason; what is malformed stays a part, with the raw value, for validation to quarantine.
// The episode an assessment belongs to is found later, set-wise (pipelines/fhir/assemble.ts).
import type { Coding, Encounter, EpisodeOfCare, Extension, Observation, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer, Reference } from "fhir/r4.js";
import { ANSWER_POINTS, EPISODE_SKIPPED_STATUSES, LEVEL_CODES, LOINC, ORDINAL_EXTENSIONS, QR_RESULT_STATUSES, RESULT_STATUSES, VIRTUAL_CLASS } from "../../domain/fhir-codes.ts";
import { INSTRUMENT_CODES, INSTRUMENTS, type InstrumentCode } from "../../domain/instruments.ts";
import type { FhirSkipReason, LevelOfCare, Track } from "../../domain/vocabulary.ts";
import type { FhirMap } from "./fhir-map.ts";

export interface Skip {
  skip: FhirSkipReason;
}
const skip = (reason: FhirSkipReason): Skip => ({ skip: reason });
export const isSkip = (x: object): x is Skip => "skip" in x;

/** The id a reference points at: `Patient/abc` → abc, `urn:uuid:abc` → abc, a full URL's last id. */
export function referencedId(ref: Reference | undefined): string | null {
  let r = ref?.reference;
  if (!r) return null;
  if (r.startsWith("urn:uuid:") || r.startsWith("urn:oid:")) return r.slice(9);
  const history = r.indexOf("/_history/");
  if (history >= 0) r = r.slice(0, history);
  return r.slice(r.lastIndexOf("/") + 1) || null;
}

const DIGITS_OF_A_DATE = [0, 1, 2, 3, 5, 6, 8, 9];
const isDigit = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** The date part of a FHIR date or dateTime as written (no shift to UTC); anything else as given, for validation to refuse. */
export function datePart(value: string | undefined): string | null {
  if (value === undefined) return null;
  const shaped = value.length >= 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && DIGITS_OF_A_DATE.every((i) => isDigit(value, i));
  return shaped ? value.slice(0, 10) : value;
}

export interface EpisodePart {
  episode_id: string | null;
  patient_id: string | null;
  site_id: string | null;
  /** A level of care, or the first type code when none is mapped (→ unknown_level_of_care). */
  level_of_care: string;
  track: Track | null;
  admitted_on: string | null;
  discharged_on: string | null;
}

/** Level-of-care lookup: `system|code` → level and track, the built-in table then the map. */
export function levelIndex(map: FhirMap): Map<string, { level: LevelOfCare; track: Track | null }> {
  const index = new Map<string, { level: LevelOfCare; track: Track | null }>();
  for (const c of LEVEL_CODES) for (const s of c.systems) index.set(`${s}|${c.code}`, { level: c.level, track: c.track ?? null });
  for (const c of map.levelOfCare) index.set(`${c.system}|${c.code}`, { level: c.level, track: c.track ?? null });
  return index;
}

export function episodeOfCarePart(r: EpisodeOfCare, levels: ReturnType<typeof levelIndex>): EpisodePart | Skip {
  if (EPISODE_SKIPPED_STATUSES.includes(r.status)) return skip("status");
  const codings = (r.type ?? []).flatMap((t) => t.coding ?? []);
  const mapped = codings.map((c) => levels.get(`${c.system}|${c.code}`)).find((m) => m !== undefined);
  return {
    episode_id: r.id ?? null,
    patient_id: referencedId(r.patient),
    site_id: referencedId(r.managingOrganization),
    level_of_care: mapped?.level ?? codings[0]?.code ?? "none",
    track: mapped?.track ?? null,
    admitted_on: datePart(r.period?.start),
    discharged_on: datePart(r.period?.end),
  };
}

export interface EncounterPart {
  encounter_id: string;
  episode_id: string | null;
  virtual: boolean | null;
  disposition: string | null;
  started_on: string | null;
}

export function encounterPart(r: Encounter): EncounterPart | Skip {
  if (!r.id || r.status === "entered-in-error" || r.status === "cancelled") return skip("status");
  const cls = r.class as Coding | undefined;
  return {
    encounter_id: r.id,
    episode_id: referencedId(r.episodeOfCare?.[0]),
    virtual: cls?.code ? cls.code === VIRTUAL_CLASS : null,
    disposition: r.hospitalization?.dischargeDisposition?.coding?.find((c) => c.code)?.code ?? null,
    started_on: datePart(r.period?.start),
  };
}

/** What an Observation or a QuestionnaireResponse contributes to an assessment. */
export interface AssessmentPart {
  id: string | null;
  /** T total, I item, P panel (its members hold the total and items), A a whole assessment (QuestionnaireResponse). */
  role: "T" | "I" | "P" | "A";
  instrument: InstrumentCode;
  /** 1-based item number of an I part. */
  item: number | null;
  /** The total (T, A) or the item's answer (I), as text for validation; null when absent. */
  value: string | null;
  /** Item answers of an A part, in item order. */
  items: (string | null)[] | null;
  assessed_on: string | null;
  encounter: string | null;
  patient: string | null;
  /** Ids of a panel's members. */
  members: string[] | null;
}

type CodeRole = { instrument: InstrumentCode; role: "T" | "I" | "P"; item: number | null };

/** system → code → instrument and role: the catalog's LOINC totals, panels and items, then the map's totals. */
export class InstrumentIndex {
  readonly #bySystem = new Map<string, Map<string, CodeRole>>();
  constructor(map: FhirMap) {
    for (const code of INSTRUMENT_CODES) {
      const i = INSTRUMENTS[code];
      if (i.loinc) this.#set(LOINC, i.loinc, { instrument: code, role: "T", item: null });
      if (i.loincForm) {
        this.#set(LOINC, i.loincForm.panel, { instrument: code, role: "P", item: null });
        i.loincForm.items.forEach((c, k) => this.#set(LOINC, c, { instrument: code, role: "I", item: k + 1 }));
      }
    }
    for (const m of map.instruments) this.#set(m.system, m.code, { instrument: m.instrument, role: "T", item: null });
  }
  #set(system: string, code: string, role: CodeRole) {
    if (!this.#bySystem.has(system)) this.#bySystem.set(system, new Map());
    this.#bySystem.get(system)!.set(code, role);
  }
  get(system: string | undefined, code: string | undefined | null): CodeRole | undefined {
    return system === undefined || !code ? undefined : this.#bySystem.get(system)?.get(code);
  }
  /** The first coding of the list that names an instrument. */
  first(codings: readonly Coding[] | undefined): CodeRole | undefined {
    if (codings) for (const c of codings) {
      const m = this.get(c.system, c.code);
      if (m) return m;
    }
    return undefined;
  }
}
export const instrumentIndex = (map: FhirMap) => new InstrumentIndex(map);

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

/** Points of a coded answer: a LOINC answer code, or an ordinalValue / itemWeight extension. */
function codedPoints(codings: Coding[] | undefined): string | null {
  for (const c of codings ?? []) {
    if (c.system === LOINC && c.code && c.code in ANSWER_POINTS) return String(ANSWER_POINTS[c.code]);
    const ordinal = (c.extension ?? []).find((e: Extension) => ORDINAL_EXTENSIONS.includes(e.url))?.valueDecimal;
    if (ordinal !== undefined) return String(ordinal);
  }
  return codings?.length ? "(code)" : null;
}

/** A number as validation reads it; a non-numeric string becomes a marker (free text is never staged). */
const numberText = (v: unknown): string | null => (typeof v === "number" ? String(v) : typeof v === "string" ? (NUMBER.test(v) ? v.trim() : "(text)") : null);

export function observationPart(r: Observation, codes: InstrumentIndex): AssessmentPart | Skip {
  const match = codes.first(r.code?.coding);
  if (!match) return skip("other_code");
  if (!RESULT_STATUSES.includes(r.status)) return skip("status");
  const value =
    r.valueQuantity !== undefined ? numberText(r.valueQuantity.value) : r.valueInteger !== undefined ? numberText(r.valueInteger) : r.valueString !== undefined ? numberText(r.valueString) : r.valueCodeableConcept ? codedPoints(r.valueCodeableConcept.coding) : null;
  return {
    id: r.id ?? null,
    role: match.role,
    instrument: match.instrument,
    item: match.item,
    value,
    items: null,
    assessed_on: datePart(r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.effectiveInstant),
    encounter: referencedId(r.encounter),
    patient: referencedId(r.subject),
    members: match.role === "P" ? (r.hasMember ?? []).map(referencedId).filter((id): id is string => id !== null) : null,
  };
}

/** The LOINC code a questionnaire URL or linkId names (`http://loinc.org/q/44249-1`, `/44250-9`). */
const loincIn = (s: string | undefined) => s?.match(/(\d{1,7}-\d)(?!.*\d-\d)/)?.[1] ?? null;

function answerText(a: QuestionnaireResponseItemAnswer | undefined): string | null {
  if (!a) return null;
  if (a.valueInteger !== undefined) return numberText(a.valueInteger);
  if (a.valueDecimal !== undefined) return numberText(a.valueDecimal);
  if (a.valueQuantity !== undefined) return numberText(a.valueQuantity.value);
  if (a.valueCoding !== undefined) return codedPoints([a.valueCoding]);
  if (a.valueString !== undefined) return numberText(a.valueString);
  return "(answer)";
}

const flatten = (items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] => (items ?? []).flatMap((i) => [i, ...flatten(i.item), ...flatten(i.answer?.flatMap((a) => a.item ?? []))]);

export function questionnaireResponsePart(r: QuestionnaireResponse, codes: InstrumentIndex): AssessmentPart | Skip {
  const items = flatten(r.item);
  const named = [loincIn(r.questionnaire), ...items.map((i) => loincIn(i.linkId))].map((c) => codes.get(LOINC, c)).find((m) => m !== undefined);
  if (!named) return skip("other_code");
  if (!QR_RESULT_STATUSES.includes(r.status)) return skip("status");
  const instrument = INSTRUMENTS[named.instrument];
  const answers: (string | null)[] = Array.from({ length: instrument.items?.count ?? 0 }, () => null);
  let total: string | null = null;
  for (const item of items) {
    const role = codes.get(LOINC, loincIn(item.linkId));
    if (!role || role.instrument !== named.instrument) continue;
    if (role.role === "T") total = answerText(item.answer?.[0]);
    else if (role.role === "I" && role.item !== null) answers[role.item - 1] = answerText(item.answer?.[0]);
  }
  return {
    id: r.id ?? null,
    role: "A",
    instrument: named.instrument,
    item: null,
    value: total,
    items: answers.some((a) => a !== null) ? answers : null,
    assessed_on: datePart(r.authored),
    encounter: referencedId(r.encounter),
    patient: referencedId(r.subject),
    members: null,
  };
}
