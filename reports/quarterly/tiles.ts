// The headline tiles of the director's report — volumes, completion, length of stay,
// measurement compliance, reliable improvement, would-recommend — each with the same
// figure for the previous quarter and the change, every number already through
// reports/suppression.ts (a tile whose figure is suppressed shows `<11` or "—").
import type { QuarterlyVolumesRow } from "../../queries/marts/quarterly-volumes.ts";
import { publishCount, publishShare, publishStatistic, shareText } from "../suppression.ts";
import type { Cell } from "./across-sites.ts";

export interface Tile {
  id: string;
  label: string;
  /** What the figure counts or measures, in plain words. */
  note: string;
  value: string;
  /** The episodes the figure rests on, e.g. "n = 240" (published), or null for counts. */
  basis: string | null;
  previous: string;
  /** e.g. "+12" or "+3.1 pts"; null when either quarter's figure is not published. */
  change: string | null;
  /** The published figures (null = suppressed), for "what changed" and data.json. */
  current: number | null;
  prior: number | null;
  kind: "count" | "share" | "days";
  /** Which direction is good news; null when neither is (volumes). */
  better: "higher" | "lower" | null;
}

/** A quarter's figures needed by the tiles (volumes plus reliable-improvement counts). */
export interface QuarterFigures {
  quarter: string;
  volumes: QuarterlyVolumesRow | undefined;
  /** Per instrument: paired episodes and how many improved reliably. */
  reliable: Record<string, { n: number; improved: number } | undefined>;
}

const signed = (x: number, digits: number) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(digits)}`;

type Figure = { value: number | null; text: string; basis?: string };

function makeTile(base: Pick<Tile, "id" | "label" | "note" | "kind" | "better">, current: Figure, prior: Figure): Tile {
  const change =
    current.value === null || prior.value === null
      ? null
      : base.kind === "share"
        ? `${signed(100 * (current.value - prior.value), 1)} pts`
        : signed(current.value - prior.value, base.kind === "days" ? 1 : 0);
  return { ...base, value: current.text, basis: current.basis ?? null, previous: prior.text, change, current: current.value, prior: prior.value };
}

/** Tiles whose figure rests on the quarter's discharges: hidden together with the discharge count. */
const DISCHARGE_FAMILY = ["discharges", "completion", "length_of_stay", "measurement"];

/**
 * The raw figures behind one quarter's tiles as cells (reports/quarterly/across-sites.ts):
 * key `<tile id>:<quarter>`, the tile's denominator as total, hidden when the tile's own
 * rules hide it (a small count, or a share that would give one back).
 */
export function tileCells(f: QuarterFigures, threshold: number): Cell[] {
  const quarter = f.quarter;
  const small = (k: number) => k > 0 && k < threshold;
  const shareHidden = (events: number, total: number) => total > 0 && publishShare(events, total, threshold) === null;
  const v = f.volumes;
  const cell = (id: string, total: number, hidden: boolean): Cell => ({ key: `${id}:${quarter}`, total, hidden });
  const reliable = (instrument: string) => f.reliable[instrument] ?? { n: 0, improved: 0 };
  return [
    cell("admissions", v?.admissions ?? 0, small(v?.admissions ?? 0)),
    cell("discharges", v?.discharges ?? 0, small(v?.discharges ?? 0)),
    cell("completion", v?.discharges ?? 0, shareHidden(v?.completed ?? 0, v?.discharges ?? 0)),
    cell("measurement", v?.discharges ?? 0, shareHidden(v?.measured ?? 0, v?.discharges ?? 0)),
    cell("phq9_improved", reliable("PHQ9").n, shareHidden(reliable("PHQ9").improved, reliable("PHQ9").n)),
    cell("gad7_improved", reliable("GAD7").n, shareHidden(reliable("GAD7").improved, reliable("GAD7").n)),
    cell("would_recommend", v?.recommend_answered ?? 0, shareHidden(v?.recommend_yes ?? 0, v?.recommend_answered ?? 0)),
  ];
}

/** Whether a tile's figure for a quarter must be hidden to protect another site's small count. */
export const tileHidden = (hide: ReadonlySet<string>, id: string, quarter: string): boolean =>
  hide.has(`${id}:${quarter}`) || (DISCHARGE_FAMILY.includes(id) && hide.has(`discharges:${quarter}`));

const HIDDEN: Figure = { value: null, text: "—", basis: "not shown: it would reveal a small count at another site" };

export function buildTiles(
  now: QuarterFigures,
  before: QuarterFigures,
  threshold: number,
  hide: ReadonlySet<string> = new Set(),
): Tile[] {
  const count = (f: QuarterFigures, key: "admissions" | "discharges") => publishCount(f.volumes?.[key] ?? 0, threshold);
  const basis = (total: number) => `n = ${publishCount(total, threshold).text}`;
  const share = (events: number, total: number): Figure => {
    const value = publishShare(events, total, threshold);
    return { value, text: shareText(events, total, threshold), basis: basis(total) };
  };
  const volumeShare = (f: QuarterFigures, events: "completed" | "measured") => share(f.volumes?.[events] ?? 0, f.volumes?.discharges ?? 0);
  const los = (f: QuarterFigures): Figure => {
    const value = publishStatistic(f.volumes?.median_los_days ?? null, f.volumes?.discharges ?? 0, threshold);
    return { value, text: value === null ? "—" : `${value.toFixed(0)} days`, basis: basis(f.volumes?.discharges ?? 0) };
  };
  const improved = (f: QuarterFigures, instrument: string) => share(f.reliable[instrument]?.improved ?? 0, f.reliable[instrument]?.n ?? 0);
  const recommend = (f: QuarterFigures) => share(f.volumes?.recommend_yes ?? 0, f.volumes?.recommend_answered ?? 0);

  // `basis:<id>:<quarter>` hides only the n under a share (the share itself gives no count back without it).
  const shown = (id: string, quarter: string, f: Figure): Figure =>
    tileHidden(hide, id, quarter) ? HIDDEN : hide.has(`basis:${id}:${quarter}`) ? { ...f, basis: "n not shown: it would reveal a small level of care" } : f;
  const tile = (base: Pick<Tile, "id" | "label" | "note" | "kind" | "better">, current: Figure, prior: Figure) =>
    makeTile(base, shown(base.id, now.quarter, current), shown(base.id, before.quarter, prior));
  return [
    tile({ id: "admissions", label: "Admissions", note: "episodes admitted this quarter", kind: "count", better: null }, count(now, "admissions"), count(before, "admissions")),
    tile({ id: "discharges", label: "Discharges", note: "episodes discharged this quarter", kind: "count", better: null }, count(now, "discharges"), count(before, "discharges")),
    tile({ id: "completion", label: "Completed treatment", note: "share of discharges that completed the program", kind: "share", better: "higher" }, volumeShare(now, "completed"), volumeShare(before, "completed")),
    tile({ id: "length_of_stay", label: "Median length of stay", note: "admission to discharge, discharges this quarter", kind: "days", better: null }, los(now), los(before)),
    tile({ id: "measurement", label: "Measured at intake and discharge", note: "share of discharges with both scores on one instrument", kind: "share", better: "higher" }, volumeShare(now, "measured"), volumeShare(before, "measured")),
    tile({ id: "phq9_improved", label: "Depression reliably improved", note: "PHQ-9, share of measured discharges (reliable change index)", kind: "share", better: "higher" }, improved(now, "PHQ9"), improved(before, "PHQ9")),
    tile({ id: "gad7_improved", label: "Anxiety reliably improved", note: "GAD-7, share of measured discharges (reliable change index)", kind: "share", better: "higher" }, improved(now, "GAD7"), improved(before, "GAD7")),
    tile({ id: "would_recommend", label: "Would recommend", note: "share of discharges who answered the question", kind: "share", better: "higher" }, recommend(now), recommend(before)),
  ];
}
