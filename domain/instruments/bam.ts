// BAM, the Brief Addiction Monitor (Cacciola et al. 2013): its "Use" subscale is what we score.
import type { Instrument } from "./instrument.ts";

export const BAM: Instrument = {
  code: "BAM",
  name: "Brief Addiction Monitor — Use subscale (items 4–6)",
  // The BAM has 17 items and no total score; its Use subscale is the sum of item 4 (days of
  // any alcohol), item 5 (days of heavy drinking) and item 6 (days of any drug use), each
  // coded 0–4 for 0, 1–3, 4–8, 9–15, 16–30 days in the past 30 (BAM-R manual, DePhilippis
  // et al. 2014; VA scoring; secondary — see bamUseItemFromDays in domain/scoring.ts).
  // Our item_1…item_3 hold BAM items 4, 5, 6 in that order, already coded 0–4.
  items: { count: 3, min: 0, max: 4 },
  total: { min: 0, max: 12 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "BAM scoring: Use = items 4 + 5 + 6 (VA scoring, secondary)" },
  bands: [
    { label: "no use", min: 0, max: 0 },
    { label: "any use", min: 1, max: 12 },
  ],
  // Use ≥ 1 is the clinically significant range in the BAM scoring summaries (secondary).
  cutoff: { value: 1, clinicalAtOrAbove: true, source: "BAM scoring summary: Use ≥ 1 clinically significant (secondary)" },
  // Cacciola 2013 reports α ≈ .70 for its empirically derived factors, not for the Use
  // subscale, and no clinical SD of it: no reliable-change parameters.
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null, // none found
  source: "Cacciola JS et al. J Subst Abuse Treat 2013;44:256–263; DePhilippis D et al. BAM manual, Philadelphia VAMC CESATE 2014",
};
