// The t interval of a mean from its summary (mean, SD, n): x̄ ± t(1 − α/2, n − 1) · s / √n —
// the error bars of the report's pre → post and durability charts.
import { qt } from "./distributions.ts";

export function meanInterval(mean: number, sd: number, n: number, level = 0.95): [number, number] | null {
  if (n < 2 || !Number.isFinite(sd)) return null;
  const half = qt(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return [mean - half, mean + half];
}
