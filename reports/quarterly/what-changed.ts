// The "what changed" list of the director's report: sentences generated from the published
// numbers only — tiles that moved more than a stated amount since the previous quarter,
// special-cause signals of the control charts in the report's quarter, and effects whose
// whole CI lies outside the range published for comparable programs. No free text: every
// sentence is one of the templates below filled with already-suppressed figures.
import type { SpcSignal } from "../../stats/control-limits.ts";
import type { Tile } from "./tiles.ts";
import type { ControlSeries } from "./trend.ts";

/** A share tile is "notable" when it moved by at least this many percentage points … */
export const NOTABLE_SHARE_POINTS = 5;
/** … a count or a length of stay when it moved by at least this fraction of its previous value. */
export const NOTABLE_RELATIVE_CHANGE = 0.1;

export interface BenchmarkFinding {
  instrument: string;
  level_of_care: string;
  verdict: "above" | "below";
  estimate: number;
  lower: number;
  upper: number;
}

const SIGNAL_TEXT: Record<SpcSignal, string> = {
  outside_limits: "is outside its control limits (special-cause variation, worth a look)",
  shift: "is part of a run of 8 or more quarters on one side of the centre line (a sustained shift)",
};

function tileSentence(t: Tile, previousQuarter: string): string | null {
  if (t.change === null || t.current === null || t.prior === null || t.current === t.prior) return null;
  const notable = t.kind === "share" ? Math.abs(t.current - t.prior) * 100 >= NOTABLE_SHARE_POINTS : t.prior > 0 && Math.abs(t.current - t.prior) / t.prior >= NOTABLE_RELATIVE_CHANGE;
  if (!notable) return null;
  const verb = t.current > t.prior ? "rose" : "fell";
  const judgement = t.better === null ? "" : (t.better === "higher") === t.current > t.prior ? " — an improvement" : " — a deterioration";
  return `${t.label} ${verb} from ${t.previous} in ${previousQuarter} to ${t.value} (${t.change})${judgement}.`;
}

export function whatChanged({
  quarter,
  previousQuarter,
  tiles,
  charts,
  benchmarks,
}: {
  quarter: string;
  previousQuarter: string;
  tiles: readonly Tile[];
  charts: readonly { title: string; series: ControlSeries }[];
  benchmarks: readonly BenchmarkFinding[];
}): string[] {
  const lines = tiles.map((t) => tileSentence(t, previousQuarter)).filter((s): s is string => s !== null);
  for (const { title, series } of charts) {
    const here = series.signals.find((s) => s.quarter === quarter);
    for (const signal of here?.signals ?? []) lines.push(`${title} in ${quarter} ${SIGNAL_TEXT[signal]}.`);
  }
  for (const b of benchmarks) {
    lines.push(
      `${b.instrument}, ${b.level_of_care}: the effect (d = ${b.estimate.toFixed(2)}) is ${b.verdict} ${b.lower === b.upper ? `the value published for comparable programs (${b.lower.toFixed(2)})` : `the range published for comparable programs (${b.lower.toFixed(2)}–${b.upper.toFixed(2)})`}, its whole 95% CI outside it.`,
    );
  }
  if (!lines.length) {
    lines.push(
      `No headline figure moved by ${NOTABLE_SHARE_POINTS} points (shares) or ${100 * NOTABLE_RELATIVE_CHANGE} % (counts, days) since ${previousQuarter}, no control chart signals special-cause variation in ${quarter}, and every effect is within or overlaps its published range.`,
    );
  }
  return lines;
}
