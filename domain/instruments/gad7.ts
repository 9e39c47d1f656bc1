// GAD-7, the seven-item generalized anxiety severity measure (Spitzer et al. 2006).
import { HALF_OF_INTAKE, type Instrument } from "./instrument.ts";

export const GAD7: Instrument = {
  code: "GAD7",
  name: "Generalized Anxiety Disorder-7",
  // 7 items, 0–3; total 0–21 (Spitzer et al. 2006).
  items: { count: 7, min: 0, max: 3 },
  total: { min: 0, max: 21 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Spitzer et al. 2006: sum of the seven items" },
  // No proration: no scoring instruction we read allows one for the GAD-7 (APA's DSM-5
  // anxiety severity measures are different scales), so a missing item means no total.
  // Spitzer et al. 2006: 5, 10, 15 = mild, moderate, severe.
  bands: [
    { label: "minimal", min: 0, max: 4 },
    { label: "mild", min: 5, max: 9 },
    { label: "moderate", min: 10, max: 14 },
    { label: "severe", min: 15, max: 21 },
  ],
  cutoff: { value: 10, clinicalAtOrAbove: true, source: "Spitzer et al. 2006: ≥ 10" },
  // α = .92 (Spitzer 2006, secondary; general population α = .89, Löwe 2008). No clinical-sample
  // SD read at a source: SD_ref reproduces the 4-point IAPT reliable change (Gyani et al. 2013):
  // 4 / (1.96 · √2 · √(1 − .92)) = 5.10.
  reliableChange: { reliability: 0.92, sdRef: 5.1, source: "α Spitzer 2006 (secondary); SD_ref derived from the 4-point IAPT reliable change (Gyani et al. 2013)" },
  // DESIGN.md applies the PHQ-9 response and remission rules to the GAD-7; no GAD-7-specific
  // standard (like NQF 0710 for the PHQ-9) was read.
  response: HALF_OF_INTAKE,
  remissionBelow: 5,
  loinc: "70274-6", // verified (INSTRUMENTS.md)
  // LOINC 69737-5 "Generalized anxiety disorder 7 item (GAD-7)" panel and its seven questions
  // in form order, as read in HL7's personal-health-record IG example
  // (QuestionnaireResponse-ScoredAssessment-GAD7.fsh); 68105-6 is not one of them.
  loincForm: { panel: "69737-5", items: ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"], source: "LOINC 69737-5 panel" },
  source: "Spitzer RL, Kroenke K, Williams JB, Löwe B. Arch Intern Med 2006;166:1092–1097",
};
