// Marks shared by the charts that stack one panel per instrument: the instrument's name in
// the left margin of its panel, and a one-line note above the first panel.
import * as Plot from "@observablehq/plot";

export const facetTitles = (instruments: readonly string[]) =>
  Plot.text(instruments, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: "left", dx: -105, fontWeight: "bold" });

export const firstPanelNote = (instruments: readonly string[], note: string, options: Plot.TextOptions = {}) =>
  Plot.text([instruments[0]], { fy: (d: string) => d, text: () => note, frameAnchor: "top-left", dy: -18, ...options });
