// SWLS, the five-item Satisfaction With Life Scale (Diener et al. 1985): higher is better.
import type { Instrument } from "./instrument.ts";

export const SWLS: Instrument = {
  code: "SWLS",
  name: "Satisfaction With Life Scale",
  // 5 items, 1 "strongly disagree" … 7 "strongly agree"; total 5–35.
  items: { count: 5, min: 1, max: 7 },
  total: { min: 5, max: 35 },
  better: "higher",
  scoring: { rule: "sum", reversedItems: [], source: "Diener et al. 1985: sum of the five items" },
  // No proration in the published scoring.
  // Pavot & Diener 2008, J Posit Psychol 3:137: 20 is the neutral point.
  bands: [
    { label: "extremely dissatisfied", min: 5, max: 9 },
    { label: "dissatisfied", min: 10, max: 14 },
    { label: "slightly dissatisfied", min: 15, max: 19 },
    { label: "neutral", min: 20, max: 20 },
    { label: "slightly satisfied", min: 21, max: 25 },
    { label: "satisfied", min: 26, max: 30 },
    { label: "extremely satisfied", min: 31, max: 35 },
  ],
  cutoff: { value: 20, clinicalAtOrAbove: false, source: "Pavot & Diener 2008: below the neutral point 20 = dissatisfied" },
  // α = .87, 2-month retest .82 (Diener 1985). SD 6.43 is Diener 1985's student sample
  // (secondary): not a clinical sample — none was read — so RCIs on it are approximate.
  reliableChange: { reliability: 0.87, sdRef: 6.43, source: "Diener et al. 1985, J Pers Assess 49:71 (SD secondary; non-clinical sample)" },
  response: null,
  remissionBelow: null,
  loinc: null, // none found
  source: "Diener E, Emmons RA, Larsen RJ, Griffin S. J Pers Assess 1985;49:71–75",
};
