// A progress line on stderr for long loads (only on a terminal, only past 50,000 rows): rows
// staged of the total counted in the first pass, rows per second and the time left, redrawn
// in place.
import type { CliContext } from "./context.ts";

export function progressReporter(ctx: CliContext, label: string) {
  const started = performance.now();
  let shown = false;
  return {
    update: (rows: number, total: number) => {
      if (!ctx.interactive || rows < 50_000) return;
      const seconds = Math.max((performance.now() - started) / 1000, 0.001);
      const rate = rows / seconds;
      const eta = rate > 0 ? Math.max(0, (total - rows) / rate) : 0;
      const share = total > 0 ? Math.min(100, (100 * rows) / total) : 100;
      ctx.stderr.write(`\r${label}: ${share.toFixed(0)}% ${rows.toLocaleString("en-US")}/${total.toLocaleString("en-US")} rows, ${Math.round(rate).toLocaleString("en-US")} rows/s, ETA ${Math.ceil(eta)} s   `);
      shown = true;
    },
    done: () => {
      if (shown) ctx.stderr.write("\n");
    },
  };
}
