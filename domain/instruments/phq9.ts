// PHQ-9, the nine-item depression severity measure (Kroenke, Spitzer & Williams 2001).
import { HALF_OF_INTAKE, type Instrument } from "./instrument.ts";

export const PHQ9: Instrument = {
  code: "PHQ9",
  name: "Patient Health Questionnaire-9",
  // 9 items, 0 "not at all" … 3 "nearly every day"; total 0–27 (Kroenke et al. 2001).
  items: { count: 9, min: 0, max: 3 },
  total: { min: 0, max: 27 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Kroenke et al. 2001: sum of the nine items" },
  // "If 1 or 2 items are left unanswered … multiply the partial raw score by 9 and divide by
  // the number of items answered; round to the nearest whole number; 3 or more unanswered: do
  // not use the total" — American Psychiatric Association, DSM-5 Online Assessment Measures,
  // scoring instructions of its PHQ-9 severity measures (read in the PHQ-9 Modified for
  // Adolescents text; the adult measure's identical instruction is secondary).
  proration: { maxMissing: 2, source: "APA DSM-5 Online Assessment Measures, PHQ-9 severity measure scoring (adult text secondary)" },
  // Kroenke et al. 2001: 5, 10, 15, 20 = mild, moderate, moderately severe, severe.
  bands: [
    { label: "minimal", min: 0, max: 4 },
    { label: "mild", min: 5, max: 9 },
    { label: "moderate", min: 10, max: 14 },
    { label: "moderately severe", min: 15, max: 19 },
    { label: "severe", min: 20, max: 27 },
  ],
  cutoff: { value: 10, clinicalAtOrAbove: true, source: "Kroenke et al. 2001: ≥ 10, sensitivity and specificity 88 % for major depression" },
  // r_xx = .89: Kroenke 2001 (secondary); a psychiatric-hospital sample gives α = .892
  // (BMC Psychiatry 2020;20:474, read). No clinical-sample SD was read at a source, so SD_ref
  // is the one that reproduces the 6-point reliable change of the IAPT / NHS Talking Therapies
  // data handbook (2011; used by Gyani et al. 2013, Behav Res Ther 51:597):
  // 6 / (1.96 · √2 · √(1 − .89)) = 6.53 — a plausible clinical SD for intake PHQ-9 scores.
  reliableChange: { reliability: 0.89, sdRef: 6.53, source: "α Kroenke 2001 (secondary); SD_ref derived from the 6-point IAPT reliable change (Gyani et al. 2013)" },
  response: HALF_OF_INTAKE,
  remissionBelow: 5, // NQF 0710 / CMS159: remission = PHQ-9 < 5
  loinc: "44261-6", // verified (INSTRUMENTS.md)
  // LOINC 44249-1 "PHQ-9 quick depression assessment panel [Reported.PHQ]" and its nine
  // questions in form order, as read in US Core's example panel (HL7/US-Core
  // input/examples/Observation-PHQ9-panel-example-44249-1.json, hasMember in this order).
  loincForm: { panel: "44249-1", items: ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"], source: "LOINC 44249-1 panel" },
  source: "Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001;16:606–613",
};
