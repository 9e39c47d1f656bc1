// Where a report or notebook run writes (`--out DIR`), and how. The folder may be
// anywhere the user says, `..` included — it is their path — but:
//  - an existing folder is only replaced when it is empty or a previous continuum output (it
//    holds manifest.json), so `--out ~` or `--out /etc` can never overwrite someone's files;
//  - the set is written into a sibling `DIR.partial-<pid>` and renamed into place only once
//    complete, so a failure midway never leaves half a report under DIR (the old one stays);
//  - names that come from data cannot leave the folder (reports/report-folder.ts).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "./errors.ts";

/** Refuses an `--out` that is a file or a folder of someone else's files (usage errors). */
export function checkOutputFolder(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new CliError(`--out ${out} is a file, not a folder`, "out_not_folder", EXIT.usage);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes("manifest.json")) {
    throw new CliError(`--out ${out} holds files that are not a continuum report; choose a new or empty folder`, "out_not_empty", EXIT.usage);
  }
}

/** Runs `write` into a temporary sibling folder and moves the finished set to `out`. */
export async function writeOutputFolder<T extends { dir: string }>(out: string, write: (dir: string) => Promise<T>): Promise<T> {
  checkOutputFolder(out);
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.dirname(out), { recursive: true });
  try {
    const result = await write(partial);
    const previous = `${out}.previous-${process.pid}`;
    if (existsSync(out)) renameSync(out, previous);
    renameSync(partial, out);
    rmSync(previous, { recursive: true, force: true });
    return { ...result, dir: out };
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}
