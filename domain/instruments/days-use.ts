// DAYS_USE, days of any substance use in the past 30: a count, not a questionnaire.
import type { Instrument } from "./instrument.ts";

export const DAYS_USE: Instrument = {
  code: "DAYS_USE",
  name: "Days of any substance use, past 30",
  items: null, // a total only
  total: { min: 0, max: 30 },
  better: "lower",
  scoring: null,
  bands: [
    { label: "abstinent", min: 0, max: 0 },
    { label: "some use", min: 1, max: 30 },
  ],
  cutoff: null,
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null,
  source: "Days counted as in the Timeline Followback (Sobell LC, Sobell MB. In: Litten RZ, Allen JP, eds. Measuring Alcohol Consumption. Humana Press 1992:41–72); no published norms used",
};
