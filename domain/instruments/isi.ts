// ISI, the seven-item Insomnia Severity Index (Bastien, Vallières & Morin 2001; Morin et al. 2011).
import type { Instrument } from "./instrument.ts";

export const ISI: Instrument = {
  code: "ISI",
  name: "Insomnia Severity Index",
  // 7 items, 0–4; total 0–28.
  items: { count: 7, min: 0, max: 4 },
  total: { min: 0, max: 28 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Bastien et al. 2001: sum of the seven items" },
  // No proration in the published scoring.
  bands: [
    { label: "no clinically significant insomnia", min: 0, max: 7 },
    { label: "subthreshold", min: 8, max: 14 },
    { label: "moderate", min: 15, max: 21 },
    { label: "severe", min: 22, max: 28 },
  ],
  // Morin 2011 (abstract read): 10 optimal in the community sample (86.1 % sensitivity,
  // 87.7 % specificity). Primary care: 14 (Gagnon et al. 2013, J Am Board Fam Med 26:701).
  cutoff: { value: 10, clinicalAtOrAbove: true, source: "Morin et al. 2011, Sleep 34:601: ≥ 10 in the community sample" },
  // α = .91 in Morin 2011's clinical sample (read), but no clinical-sample SD was read, and
  // Morin's −8.4-point minimally important change is an anchor-based threshold, not an RCI:
  // no reliable-change parameters rather than a guessed SD.
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null, // none found
  source: "Morin CM, Belleville G, Bélanger L, Ivers H. Sleep 2011;34:601–608; Bastien CH et al. Sleep Med 2001;2:297–307",
};
