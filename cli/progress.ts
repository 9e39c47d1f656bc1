// A progress line on stderr for long loads (only on a terminal, only past 50,000 rows):
// rows read and rows per second, redrawn in place.
import type { CliContext } from "./context.ts";

export function progressReporter(ctx: CliContext, label: string) {
  const started = performance.now();
  let shown = false;
  return {
    update: (rows: number) => {
      if (!ctx.interactive || rows < 50_000) return;
      const seconds = (performance.now() - started) / 1000;
      ctx.stderr.write(`\r${label}: ${rows.toLocaleString("en-US")} rows, ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString("en-US")} rows/s   `);
      shown = true;
    },
    done: () => {
      if (shown) ctx.stderr.write("\n");
    },
  };
}
