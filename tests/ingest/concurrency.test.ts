// Two ingests at once never double-load: the same file twice and two different files, run
// concurrently (two connections on a server; the one embedded instance queues them).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { countRows, messy, tableContent } from "./support.ts";

for (const kind of ENGINES) {
  describe(`concurrent ingests on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("loads the same file given twice at once exactly once", async () => {
      const second = engine.options.url ? await openEngine({ url: engine.options.url }) : engine;
      try {
        const outcomes = await Promise.all([ingestFile(engine, messy("episodes-clean.csv")), ingestFile(second, messy("episodes-clean.csv")), ingestFile(engine, messy("episodes-semicolon.csv"))]);
        const statuses = outcomes.slice(0, 2).map((o) => o.status).sort();
        expect(statuses).toEqual(["already_ingested", "loaded"]);
        expect(outcomes.reduce((s, o) => s + o.inserted, 0)).toBe(4);
        const counts = await countRows(engine);
        expect(counts).toMatchObject({ episodes: 4, ledger: 2 });
      } finally {
        if (second !== engine) await second.close();
      }
    });

    it("leaves the same tables as a serial load", async () => {
      await Promise.all([ingestFile(engine, messy("episodes-clean.csv")), ingestFile(engine, messy("episodes-bad.csv"))]);
      const serial = await openFreshEngine(kind);
      try {
        await ingestFile(serial, messy("episodes-clean.csv"));
        await ingestFile(serial, messy("episodes-bad.csv"));
        expect(await tableContent(engine)).toEqual(await tableContent(serial));
      } finally {
        await serial.close();
      }
    });
  });
}
