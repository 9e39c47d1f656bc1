// Loaded with `node --import` into a CLI process: on exit, prints its peak resident set size
// (`rss-kb:<n>`) as the last line of stderr, so a test can bound the memory of one command.
import { writeSync } from "node:fs";
import { peakRssKb } from "../../../scripts/peak-rss.mjs";

process.on("exit", () => writeSync(2, `rss-kb:${peakRssKb()}\n`));
