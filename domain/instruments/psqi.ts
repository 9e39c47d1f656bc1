// PSQI, the Pittsburgh Sleep Quality Index: its global score from seven component scores (Buysse et al. 1989).
import type { Instrument } from "./instrument.ts";

export const PSQI: Instrument = {
  code: "PSQI",
  name: "Pittsburgh Sleep Quality Index (global)",
  // The 19 self-rated questions make 7 component scores of 0–3 each (Buysse 1989's scoring
  // key); our item columns hold those 7 component scores, not the 19 answers.
  items: { count: 7, min: 0, max: 3 },
  total: { min: 0, max: 21 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Buysse et al. 1989: global score = sum of the seven component scores" },
  // No proration: a component with a missing answer is missing, and the global score needs
  // all seven (secondary, INSTRUMENTS.md).
  bands: [
    { label: "good sleep", min: 0, max: 5 },
    { label: "poor sleep", min: 6, max: 21 },
  ],
  cutoff: { value: 6, clinicalAtOrAbove: true, source: "Buysse et al. 1989: global > 5 = poor sleep" },
  // Reliability and a clinical SD were not read at a source (INSTRUMENTS.md: not found).
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null, // none found
  source: "Buysse DJ, Reynolds CF, Monk TH, Berman SR, Kupfer DJ. Psychiatry Res 1989;28:193–213",
};
