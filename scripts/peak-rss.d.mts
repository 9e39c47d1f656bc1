/** Peak RSS of this process in kB (VmHWM on Linux). */
export function peakRssKb(): number;
