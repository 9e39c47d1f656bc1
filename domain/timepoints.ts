// Timepoint windows (DESIGN.md "Domain model": timepoints are derived from dates, not
// trusted from labels). Defaults are DESIGN's; the 1- and 3-month follow-ups are extra
// windows a program may turn on (our choice of widths: ±10 d at 30 d and ±21 d at 91 d,
// narrower than the 6-month ±45 d so adjacent windows stay apart).

export interface TimepointWindow {
  timepoint: string;
  /** The date the window is centred on: admission or discharge, plus `offsetDays`. */
  anchor: "admission" | "discharge";
  offsetDays: number;
  /** Days allowed before and after the anchor date (inclusive). */
  before: number;
  after: number;
}

export const DEFAULT_WINDOWS: readonly TimepointWindow[] = [
  { timepoint: "intake", anchor: "admission", offsetDays: 0, before: 14, after: 7 },
  { timepoint: "discharge", anchor: "discharge", offsetDays: 0, before: 7, after: 7 },
  { timepoint: "followup_6m", anchor: "discharge", offsetDays: 182, before: 45, after: 45 },
];

export const EXTRA_FOLLOWUP_WINDOWS: readonly TimepointWindow[] = [
  { timepoint: "followup_1m", anchor: "discharge", offsetDays: 30, before: 10, after: 10 },
  { timepoint: "followup_3m", anchor: "discharge", offsetDays: 91, before: 21, after: 21 },
];

/** The comparisons of DESIGN.md's effect-size table: pre timepoint → post timepoint. */
export const COMPARISONS = {
  intake_discharge: { pre: "intake", post: "discharge" },
  intake_followup_6m: { pre: "intake", post: "followup_6m" },
  discharge_followup_6m: { pre: "discharge", post: "followup_6m" },
} as const;
export type Comparison = keyof typeof COMPARISONS;

/** Windows in the chronological order of their anchors (admission first); ties keep input order. */
export function orderedWindows(windows: readonly TimepointWindow[]): TimepointWindow[] {
  const key = (w: TimepointWindow) => (w.anchor === "admission" ? 0 : 1) * 1e6 + w.offsetDays;
  return [...windows].map((w, i) => ({ w, i })).sort((a, b) => key(a.w) - key(b.w) || a.i - b.i).map(({ w }) => w);
}
