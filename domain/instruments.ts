// The instrument catalog: one typed entry per instrument, each in domain/instruments/<code>.ts
// with the source of every constant. "secondary" marks a value read in a summary or a citing
// paper rather than at its source (../shared/INSTRUMENTS.md); null marks what no source we
// could read gives — the analysis then reports no reliable-change or recovery share for that
// instrument rather than guess.
import { AUDITC } from "./instruments/auditc.ts";
import { BAM } from "./instruments/bam.ts";
import { DAST10 } from "./instruments/dast10.ts";
import { DAYS_USE } from "./instruments/days-use.ts";
import { GAD7 } from "./instruments/gad7.ts";
import { INSTRUMENT_CODES, type Instrument, type InstrumentCode } from "./instruments/instrument.ts";
import { ISI } from "./instruments/isi.ts";
import { PCL5 } from "./instruments/pcl5.ts";
import { PHQ9 } from "./instruments/phq9.ts";
import { PSQI } from "./instruments/psqi.ts";
import { SWLS } from "./instruments/swls.ts";

export { INSTRUMENT_CODES };
export type { Instrument, InstrumentCode, Range, SeverityBand } from "./instruments/instrument.ts";

export const INSTRUMENTS: Readonly<Record<InstrumentCode, Instrument>> = { PHQ9, GAD7, PCL5, ISI, PSQI, SWLS, BAM, AUDITC, DAST10, DAYS_USE };

export const isInstrumentCode = (s: string): s is InstrumentCode => (INSTRUMENT_CODES as readonly string[]).includes(s);

const SHORT_NAMES: Partial<Record<InstrumentCode, string>> = { AUDITC: "AUDIT-C", DAYS_USE: "Days of use" };

/** How reports print an instrument's code: "PHQ-9", "AUDIT-C", "Days of use". */
export const instrumentShortName = (code: string): string => SHORT_NAMES[code as InstrumentCode] ?? code.replace(/^([A-Z]+)(\d+)$/, "$1-$2");
