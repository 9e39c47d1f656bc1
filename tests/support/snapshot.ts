// SVG snapshots as Observable Plot keeps them (test/output/*.svg): numbers rounded to 3
// decimals and generated ids renumbered before comparing; a mismatch writes
// `<name>-changed.svg` beside the golden file (git-ignored) for a person to look at.
// UPDATE_SNAPSHOTS=1 rewrites the golden files; a missing golden file fails.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const OUTPUT = path.resolve(import.meta.dirname, "../reports/output");

export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/\d+\.\d{4,}/g, (n) => String(Math.round(Number(n) * 1000) / 1000))
    .replace(/plot-[0-9a-f]+(-\d+)?/g, (id) => {
      if (!ids.has(id)) ids.set(id, `plot-${ids.size}`);
      return ids.get(id)!;
    })
    .replace(/></g, ">\n<");
}

/** Returns null when the SVG matches its golden file, else a message. */
export function compareSvgSnapshot(name: string, svg: string): string | null {
  const golden = path.join(OUTPUT, `${name}.svg`);
  const changed = path.join(OUTPUT, `${name}-changed.svg`);
  const actual = normalizeSvg(svg);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    writeFileSync(golden, actual);
    return null;
  }
  if (!existsSync(golden)) return `no golden file ${golden} (run with UPDATE_SNAPSHOTS=1 and review it)`;
  if (readFileSync(golden, "utf8") === actual) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, actual);
  return `${name}.svg differs from its golden file; see ${changed}`;
}
