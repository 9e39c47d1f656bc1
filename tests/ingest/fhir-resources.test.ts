// The pure parts of the FHIR mapping, on vectors a person can check by hand: references, dates
// as written, birth-date spans, US Core race/ethnicity, level codes and the map file's checks.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_MAP, readFhirMap } from "../../pipelines/fhir/fhir-map.ts";
import { datePart, episodeOfCarePart, levelIndex, referencedId } from "../../pipelines/fhir/resources.ts";
import { birthSpan, raceEthnicity } from "../../pipelines/fhir/screen.ts";

describe("FHIR mapping, pure parts", () => {
  it("reads the id a reference points at", () => {
    expect(referencedId({ reference: "Patient/abc" })).toBe("abc");
    expect(referencedId({ reference: "urn:uuid:0bee1bc6-1a91" })).toBe("0bee1bc6-1a91");
    expect(referencedId({ reference: "https://ehr.example/fhir/Encounter/e1/_history/3" })).toBe("e1");
    expect(referencedId({ display: "no reference" })).toBeNull();
    expect(referencedId(undefined)).toBeNull();
  });

  it("keeps the date part as written, whatever the offset", () => {
    expect(datePart("2014-06-11T22:47:18+12:00")).toBe("2014-06-11");
    expect(datePart("2026-01-05T23:59:00-10:00")).toBe("2026-01-05");
    expect(datePart("2026-01-05")).toBe("2026-01-05");
    expect(datePart("2026-01")).toBe("2026-01"); // not a day: validation says bad_date
    fc.assert(fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), fc.constantFrom("Z", "+12:00", "-11:00"), (d, tz) => {
      const day = d.toISOString().slice(0, 10);
      expect(datePart(`${day}T${d.toISOString().slice(11, 19)}${tz}`)).toBe(day);
    }));
  });

  it("gives the span of days a birth date of any precision names", () => {
    expect(birthSpan("1978-05-12")).toEqual(["1978-05-12", "1978-05-12"]);
    expect(birthSpan("1980-02")).toEqual(["1980-02-01", "1980-02-29"]);
    expect(birthSpan("1990")).toEqual(["1990-01-01", "1990-12-31"]);
    expect(birthSpan("1981-02-29")).toEqual([null, null]);
    expect(birthSpan(undefined)).toEqual([null, null]);
  });

  it("reads US Core race and ethnicity", () => {
    const race = (...codes: string[]) => ({ url: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", extension: [...codes.map((code) => ({ url: "ombCategory", valueCoding: { code } })), { url: "text", valueString: "x" }] });
    const ethnicity = (code: string) => ({ url: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", extension: [{ url: "ombCategory", valueCoding: { code } }] });
    expect(raceEthnicity([race("2106-3")])).toBe("white");
    expect(raceEthnicity([race("2106-3", "2054-5")])).toBe("multiracial");
    expect(raceEthnicity([race("2028-9"), ethnicity("2135-2")])).toBe("hispanic");
    expect(raceEthnicity([race()])).toBe("other");
    expect(raceEthnicity([])).toBeNull();
  });

  it("takes the level from the first coding the table or the map names", () => {
    const levels = levelIndex({ ...EMPTY_MAP, levelOfCare: [{ system: "urn:site", code: "OP1", level: "OP", track: "MH" }] });
    const episode = (...coding: { system: string; code: string }[]) => episodeOfCarePart({ resourceType: "EpisodeOfCare", id: "E", status: "finished", type: [{ coding }], patient: { reference: "Patient/P" } }, levels);
    expect(episode({ system: "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", code: "H0015" })).toMatchObject({ level_of_care: "IOP", track: "SUD" });
    expect(episode({ system: "urn:other", code: "9" }, { system: "http://www.nubc.org/CodeSystem/RevenueCodes", code: "1002" })).toMatchObject({ level_of_care: "RES", track: "SUD" });
    expect(episode({ system: "urn:site", code: "OP1" })).toMatchObject({ level_of_care: "OP", track: "MH" });
    expect(episode({ system: "urn:other", code: "9" })).toMatchObject({ level_of_care: "9", track: null }); // → unknown_level_of_care
    expect(episodeOfCarePart({ resourceType: "EpisodeOfCare", status: "cancelled", patient: {} }, levels)).toEqual({ skip: "status" });
  });

  it("refuses a map that names no level or instrument of the catalog", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "continuum-map-"));
    const write = (text: string) => {
      const file = path.join(dir, `${Math.random()}.json`);
      writeFileSync(file, text);
      return file;
    };
    expect(readFhirMap(write('{ "instruments": [ { "system": "s", "code": "c", "instrument": "ISI" } ] }')).instruments).toEqual([{ system: "s", code: "c", instrument: "ISI" }]);
    expect(() => readFhirMap(write('{ "levelOfCare": [ { "system": "s", "code": "c", "level": "DAY" } ] }'))).toThrow(/levelOfCare\[0\]\.level/);
    expect(() => readFhirMap(write('{ "instruments": [ { "system": "s", "code": "c", "instrument": "BDI" } ] }'))).toThrow(/catalog instrument/);
    expect(() => readFhirMap(write('{ "levels": [] }'))).toThrow(/unknown key "levels"/);
  });
});
