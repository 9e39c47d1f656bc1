// The precision of the research export's numbers: seven significant digits — stable bytes
// across runs and engines, and a small p stays a small p (not 0). Empty for no number.
export const r7 = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(7)));
