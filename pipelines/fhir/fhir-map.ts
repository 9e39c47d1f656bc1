// `--map MAP.json` (DESIGN.md "FHIR mapping"): a site's own codes for levels of care and
// instruments, beside the built-in tables (domain/fhir-codes.ts, the catalog's LOINC codes).
//   { "levelOfCare": [ { "system", "code", "level", "track"? } ],
//     "instruments": [ { "system", "code", "instrument" } ] }
// ISI, SWLS and the PSQI have no LOINC total code, so a site that scores them maps its own.
import { readFileSync } from "node:fs";
import { CliError, EXIT } from "../../domain/errors.ts";
import { type InstrumentCode, isInstrumentCode } from "../../domain/instruments.ts";
import { LEVELS_OF_CARE, type LevelOfCare, type Track, TRACKS } from "../../domain/vocabulary.ts";

export interface FhirMap {
  name: string;
  levelOfCare: { system: string; code: string; level: LevelOfCare; track?: Track }[];
  instruments: { system: string; code: string; instrument: InstrumentCode }[];
}

export const EMPTY_MAP: FhirMap = { name: "", levelOfCare: [], instruments: [] };

export function readFhirMap(file: string): FhirMap {
  const bad = (why: string) => new CliError(`${file}: not a FHIR map: ${why}`, "bad_map", EXIT.usage);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code ? new CliError(`${file}: cannot read the map (${code})`, "unreadable_file", EXIT.usage) : bad("not valid JSON");
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("expected a JSON object");
  const m = raw as Record<string, unknown>;
  const unknown = Object.keys(m).find((k) => k !== "levelOfCare" && k !== "instruments");
  if (unknown) throw bad(`unknown key "${unknown}"`);
  const list = (key: string) => {
    const v = m[key] ?? [];
    if (!Array.isArray(v)) throw bad(`"${key}" must be an array`);
    return v.map((e, i) => {
      if (!e || typeof e !== "object" || typeof e.system !== "string" || typeof e.code !== "string") throw bad(`${key}[${i}] needs "system" and "code" strings`);
      return e as Record<string, unknown> & { system: string; code: string };
    });
  };
  const levelOfCare = list("levelOfCare").map((e, i) => {
    if (!(LEVELS_OF_CARE as readonly unknown[]).includes(e.level)) throw bad(`levelOfCare[${i}].level must be one of ${LEVELS_OF_CARE.join(", ")}`);
    if (e.track !== undefined && !(TRACKS as readonly unknown[]).includes(e.track)) throw bad(`levelOfCare[${i}].track must be one of ${TRACKS.join(", ")}`);
    return { system: e.system, code: e.code, level: e.level as LevelOfCare, track: e.track as Track | undefined };
  });
  const instruments = list("instruments").map((e, i) => {
    if (typeof e.instrument !== "string" || !isInstrumentCode(e.instrument)) throw bad(`instruments[${i}].instrument must be a catalog instrument`);
    return { system: e.system, code: e.code, instrument: e.instrument };
  });
  return { name: file, levelOfCare, instruments };
}
