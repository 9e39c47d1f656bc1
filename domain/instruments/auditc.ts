// AUDIT-C, the three alcohol-consumption items of the AUDIT (Bush et al. 1998).
import type { Instrument } from "./instrument.ts";

export const AUDITC: Instrument = {
  code: "AUDITC",
  name: "AUDIT-C",
  // 3 items, 0–4; total 0–12.
  items: { count: 3, min: 0, max: 4 },
  total: { min: 0, max: 12 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Bush et al. 1998: sum of the three items" },
  // No proration: three items, each a different question.
  bands: [
    { label: "negative", min: 0, max: 3 },
    { label: "positive", min: 4, max: 12 },
  ],
  // ≥ 4 for men (Bush 1998), ≥ 3 for women (Bradley et al. 2007, secondary). Episodes carry
  // gender as free text, so the men's threshold 4 is used for everyone, and said so here.
  cutoff: { value: 4, clinicalAtOrAbove: true, source: "Bush et al. 1998, Arch Intern Med 158:1789 (secondary): ≥ 4 men, ≥ 3 women; 4 used for all" },
  reliableChange: null, // no reliability / clinical SD read
  response: null,
  remissionBelow: null,
  loinc: "75626-2", // verified (INSTRUMENTS.md)
  // LOINC 72109-2 "Alcohol Use Disorder Identification Test - Consumption [AUDIT-C]" panel (as
  // Synthea's substance_use_screening module names it): question 1 is 68518-0 (US Core's
  // example uses 68517-2, a question of the full AUDIT), then 68519-8 and 68520-6.
  loincForm: { panel: "72109-2", items: ["68518-0", "68519-8", "68520-6"], source: "LOINC 72109-2 panel" },
  source: "Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. Arch Intern Med 1998;158:1789–1795",
};
