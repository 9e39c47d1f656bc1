// Marks shared by the charts that stack one panel per instrument: the instrument's name above
// its panel, starting in the left margin (a title beside the panel collided with the group
// labels), and a one-line note above the first panel on the right. Charts give the fy scale
// FACET_GAP padding so each title has its own line.
import * as Plot from "@observablehq/plot";

export const facetTitles = (instruments: readonly string[]) =>
  Plot.text(instruments, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: "top-left", textAnchor: "start", lineAnchor: "bottom", dx: -105, dy: -8, fontWeight: "bold" });

/** Padding of the fy (panel) scale: room for each panel's title. */
export const FACET_GAP = 0.3;

export const firstPanelNote = (instruments: readonly string[], note: string, options: Plot.TextOptions = {}) =>
  Plot.text([instruments[0]], { fy: (d: string) => d, text: () => note, frameAnchor: "top-right", textAnchor: "end", lineAnchor: "bottom", dy: -8, ...options });
