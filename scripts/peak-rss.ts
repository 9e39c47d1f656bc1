// The peak resident memory of this process, in MB, for the benchmarks' memory targets.
// On Linux it is read from /proc/self/status (VmHWM, the high-water mark of this process's own
// address space). getrusage's ru_maxrss is not used there: a child inherits its parent's
// high-water mark across fork and exec, so a bench step spawned by a parent holding 600 MB
// reported 604 MB while using 43 MB.
import { readFileSync } from "node:fs";

export function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}
