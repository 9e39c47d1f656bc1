// Queries issued side by side in one snapshot (as the quarterly report builds its scopes) all
// answer, and on a server they reach the one checked-out client one at a time: pg would queue
// them itself but prints a deprecation warning to the user's terminal for each overlap.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";

for (const kind of ENGINES) {
  describe(`snapshot queries on ${kind}`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openFreshEngine(kind);
    });
    afterEach(() => engine.close());

    it("answers queries issued side by side without pg's overlapping-query warning", async () => {
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on("warning", onWarning);
      const snapshot = await engine.snapshot();
      try {
        const answers = await Promise.all([1, 2, 3, 4].map((n) => sql<{ n: number }>`select ${n}::int as n from pg_sleep(0.02)`.execute(snapshot.db)));
        expect(answers.map((a) => a.rows[0].n)).toEqual([1, 2, 3, 4]);
      } finally {
        await snapshot.end();
      }
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      process.off("warning", onWarning);
      expect(warnings.filter((m) => m.includes("already executing a query"))).toEqual([]);
    });
  });
}
