// Loaded with `node --import` into a CLI process: on exit, prints its peak resident set size
// (`rss-kb:<n>`) as the last line of stderr, so a test can bound the memory of one command.
// Read from VmHWM (Linux): getrusage's ru_maxrss carries the spawning test worker's own
// high-water mark into the child, which hid the command's (see scripts/peak-rss.ts).
import { readFileSync, writeSync } from "node:fs";

function peakKb() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

process.on("exit", () => writeSync(2, `rss-kb:${peakKb()}\n`));
