// The FHIR R4 codes a Bulk Data export is read by (DESIGN.md "FHIR mapping"): the billing codes
// that name a level of care, the encounter class of a virtual visit, the discharge dispositions,
// and the LOINC answer codes of the PHQ-9 / GAD-7 response scale. Layer 0: imports only the
// vocabulary. A site's own codes come in through `--map` (pipelines/fhir/fhir-map.ts).
import type { DischargeReason, LevelOfCare, Track } from "./vocabulary.ts";

export const LOINC = "http://loinc.org";

const HCPCS = ["http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"];
const NUBC_REVENUE = ["https://www.nubc.org/CodeSystem/RevenueCodes", "http://www.nubc.org/CodeSystem/RevenueCodes"];

export interface LevelCode {
  systems: readonly string[];
  code: string;
  level: LevelOfCare;
  track?: Track;
  /** The code's descriptor as its publisher writes it. */
  descriptor: string;
}

/**
 * EpisodeOfCare.type codings that name a level of care (DESIGN.md "FHIR mapping"). Descriptors
 * as read: HCPCS Level II long descriptions from the CMS HCPCS release file (as tabulated in
 * github.com/wamuir/hcpcs, groups/h.md and s.md); NUBC revenue codes from ResDAC's "Revenue
 * Center Code (FFS)" list (resdac.org/cms-data/variables/revenue-center-code-ffs) — NUBC's own
 * UB-04 manual is licensed; TRICARE's billing guidance pairs 0912/0913 with H0035 as half-
 * and full-day partial hospitalization. The URL of NUBC's code system is DESIGN.md's; no
 * published FHIR CodeSystem page for it was found.
 */
export const LEVEL_CODES: readonly LevelCode[] = [
  { systems: HCPCS, code: "S9480", level: "IOP", track: "MH", descriptor: "Intensive outpatient psychiatric services, per diem" },
  {
    systems: HCPCS,
    code: "H0015",
    level: "IOP",
    track: "SUD",
    descriptor: "Alcohol and/or drug services; intensive outpatient (treatment program that operates at least 3 hours/day and at least 3 days/week and is based on an individualized treatment plan), including assessment, counseling; crisis intervention, and activity therapies or education",
  },
  { systems: HCPCS, code: "H0035", level: "PHP", track: "MH", descriptor: "Mental health partial hospitalization, treatment, less than 24 hours" },
  {
    systems: HCPCS,
    code: "H0019",
    level: "RES",
    descriptor: "Behavioral health; long-term residential (non-medical, non-acute care in a residential treatment program where stay is typically longer than 30 days), without room and board, per diem",
  },
  { systems: NUBC_REVENUE, code: "0912", level: "PHP", descriptor: "Behavioral Health Treatment/Services partial hospitalization less intensive" },
  { systems: NUBC_REVENUE, code: "0913", level: "PHP", descriptor: "Behavioral Health Treatment/Services partial hospitalization intensive" },
  { systems: NUBC_REVENUE, code: "1001", level: "RES", track: "MH", descriptor: "Behavioral health Accommodations residential treatment psychiatric" },
  { systems: NUBC_REVENUE, code: "1002", level: "RES", track: "SUD", descriptor: "Behavioral health Accommodations residential treatment chemical dependency" },
];

/** Encounter.class of a virtual visit: `VR` "virtual" of http://terminology.hl7.org/CodeSystem/v3-ActCode (FHIR R4's encounter-class value set). */
export const VIRTUAL_CLASS = "VR";

/**
 * Encounter.hospitalization.dischargeDisposition (terminology.hl7.org/CodeSystem/discharge-disposition):
 * `home` "Home", `alt-home` "Alternative home" → completed; `aadvice` "Left against advice" →
 * left_early; any other code → other (DESIGN.md).
 */
export const DISPOSITION_REASONS: Readonly<Record<string, DischargeReason>> = { home: "completed", "alt-home": "completed", aadvice: "left_early" };
export const OTHER_DISPOSITION: DischargeReason = "other";

/** LOINC answer list LL358-3 (PHQ-9 / GAD-7): Not at all, Several days, More than half the days, Nearly every day. */
export const ANSWER_POINTS: Readonly<Record<string, number>> = { "LA6568-5": 0, "LA6569-3": 1, "LA6570-1": 2, "LA6571-9": 3 };

/** Extensions that carry an answer's points on a coding (FHIR R4 core and the SDC implementation guide). */
export const ORDINAL_EXTENSIONS = ["http://hl7.org/fhir/StructureDefinition/ordinalValue", "http://hl7.org/fhir/StructureDefinition/itemWeight"];

/** Observation and QuestionnaireResponse statuses whose values are results (DESIGN.md). */
export const RESULT_STATUSES = ["final", "amended", "corrected"];
export const QR_RESULT_STATUSES = ["completed", "amended"];

/** EpisodeOfCare statuses of a stay that never took place (skipped). */
export const EPISODE_SKIPPED_STATUSES = ["planned", "waitlist", "cancelled", "entered-in-error"];

export const US_CORE_RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
export const US_CORE_ETHNICITY = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";

/** OMB race categories (CDC Race & Ethnicity code set, urn:oid:2.16.840.1.113883.6.238) → the canonical race_ethnicity value. */
export const OMB_RACE: Readonly<Record<string, string>> = {
  "1002-5": "american_indian_alaska_native",
  "2028-9": "asian",
  "2054-5": "black",
  "2076-8": "native_hawaiian_pacific_islander",
  "2106-3": "white",
};
/** OMB ethnicity "Hispanic or Latino". */
export const OMB_HISPANIC = "2135-2";
