// The peak resident memory of this process, for the memory targets: the benchmarks import it,
// and tests/faults/support/report-rss.mjs preloads it into CLI processes (plain JavaScript, so
// it loads before tsx). On Linux it reads /proc/self/status (VmHWM, the high-water mark of
// this process's own address space). getrusage's ru_maxrss is not used there: a child inherits
// its parent's high-water mark across fork and exec, so a bench step spawned by a parent
// holding 600 MB reported 604 MB while using 43 MB.
import { readFileSync } from "node:fs";

/** Peak RSS in kB. */
export function peakRssKb() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}
