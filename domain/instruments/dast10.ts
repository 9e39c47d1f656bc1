// DAST-10, the ten yes/no questions of the Drug Abuse Screening Test (Skinner 1982).
import type { Instrument } from "./instrument.ts";

export const DAST10: Instrument = {
  code: "DAST10",
  name: "Drug Abuse Screening Test-10",
  // Item columns hold the answer as given: 1 = yes, 0 = no — what forms and exports record.
  // One point per "yes", except item 3 ("Are you always able to stop using drugs when you
  // want to?"), where "no" scores the point: item 3 is reversed by the scoring rule.
  items: { count: 10, min: 0, max: 1 },
  total: { min: 0, max: 10 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [3], source: "Skinner 1982 scoring key: 1 point per yes, item 3 scored for no" },
  // No proration in the published scoring.
  // Skinner's interpretation guide (secondary): 0 none, 1–2 low, 3–5 moderate, 6–8 substantial, 9–10 severe.
  bands: [
    { label: "none", min: 0, max: 0 },
    { label: "low", min: 1, max: 2 },
    { label: "moderate", min: 3, max: 5 },
    { label: "substantial", min: 6, max: 8 },
    { label: "severe", min: 9, max: 10 },
  ],
  cutoff: { value: 3, clinicalAtOrAbove: true, source: "Skinner 1982 guide: ≥ 3 moderate or worse, further assessment (secondary)" },
  // α .89–.92 in validations (INSTRUMENTS.md), α .92 in Turkish clinical samples (Dusunen
  // Adam 2013;26:351, read), but no clinical-sample SD: no reliable-change parameters.
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: "82667-7", // verified (INSTRUMENTS.md)
  source: "Skinner HA. The Drug Abuse Screening Test. Addict Behav 1982;7:363–371",
};
