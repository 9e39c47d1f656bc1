// Margins for comparable-outcomes analyses (DESIGN.md "Comparable outcomes"), in points of
// the instrument, each with the source it comes from. A margin is declared, never defaulted:
// the CLI takes one from the user; the notebook and reports use only these, and for an
// instrument without an entry show the margin curve (the smallest margin at which equivalence
// would be shown) instead.
//
// Both values below are minimal clinically important differences for *individual* change, read
// in the papers' abstracts (full texts not read here). Used as a between-group margin they are
// generous — a difference in group means of a whole individual MCID is a lot — so every use
// shows the margin curve beside them.
import type { InstrumentCode } from "./instruments.ts";

export interface Margin {
  points: number;
  source: string;
}

export const EQUIVALENCE_MARGINS: Partial<Record<InstrumentCode, Margin>> = {
  // "its minimal clinically important difference for individual change, estimated as 2 standard
  // errors of measurement, was 5 points on the 0 to 27 point PHQ-9 scale" (abstract).
  PHQ9: { points: 5, source: "Löwe et al. 2004, Med Care 42:1194 — MCID for individual change (abstract read)" },
  // "MCID was estimated 4 points on the GAD-7 total score" (abstract; a chronic-depression trial).
  GAD7: { points: 4, source: "Toussaint et al. 2020, J Affect Disord 265:395 — MCID (abstract read)" },
};
