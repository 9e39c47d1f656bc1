// PCL-5, the 20-item PTSD symptom checklist for DSM-5 (Blevins et al. 2015; Bovin et al. 2016).
import type { Instrument } from "./instrument.ts";

export const PCL5: Instrument = {
  code: "PCL5",
  name: "PTSD Checklist for DSM-5",
  // 20 items, 0 "not at all" … 4 "extremely"; total 0–80. Clusters B 1–5, C 6–7, D 8–14,
  // E 15–20 (National Center for PTSD scoring; not scored separately here).
  items: { count: 20, min: 0, max: 4 },
  total: { min: 0, max: 80 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Blevins et al. 2015: sum of the 20 items" },
  // No proration: the National Center for PTSD's scoring text we read gives none.
  // "There are currently no empirically derived severity ranges for the PCL-5" (NCPTSD, as
  // quoted by the Australian comorbidity guidelines): two bands split at the provisional cutoff.
  bands: [
    { label: "below provisional PTSD", min: 0, max: 32 },
    { label: "provisional PTSD", min: 33, max: 80 },
  ],
  cutoff: { value: 33, clinicalAtOrAbove: true, source: "Bovin et al. 2016, Psychol Assess 28:1379: 31–33 (upper end used)" },
  // α = .94, retest r = .82 (Blevins 2015, read in the abstract; trauma-exposed students —
  // veterans α = .96, Bovin 2016). No clinical-sample SD read: SD_ref reproduces the 10-point
  // reliable change of the National Center for PTSD's guidance (secondary):
  // 10 / (1.96 · √2 · √(1 − .94)) = 14.73.
  reliableChange: { reliability: 0.94, sdRef: 14.73, source: "α Blevins 2015; SD_ref derived from NCPTSD's 10-point reliable change (secondary)" },
  response: null,
  remissionBelow: null,
  loinc: "101698-9", // secondary (INSTRUMENTS.md); its check digit is valid
  source: "Blevins CA et al. J Trauma Stress 2015;28:489–498; Bovin MJ et al. Psychol Assess 2016;28:1379–1391",
};
