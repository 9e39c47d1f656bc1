// Rows of a query in batches, through a server-side cursor, so that a caller writing a large
// result (the research export's row-level dataset) holds one batch in memory, never the whole
// result. The same on PGlite, a server and Citus.
//
// The cursor is declared WITH HOLD so that it works with or without an open transaction
// (PostgreSQL manual, DECLARE): inside the readers' snapshot transaction it reads that
// snapshot; outside one, the result is kept by the server (spilling to disk past work_mem)
// until it is closed. One connection is pinned for the cursor's life.
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";

let cursors = 0;

export async function forEachBatch<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  batchSize: number,
  onBatch: (rows: Row[]) => void | Promise<void>,
): Promise<void> {
  const name = sql.raw(`continuum_cursor_${++cursors}`);
  await db.connection().execute(async (connection) => {
    await sql`declare ${name} no scroll cursor with hold for ${query}`.execute(connection);
    let finished = false;
    try {
      for (;;) {
        const { rows } = await sql<Row>`fetch forward ${sql.raw(String(Math.trunc(batchSize)))} from ${name}`.execute(connection);
        if (!rows.length) break;
        await onBatch(rows);
      }
      finished = true;
    } finally {
      // After a failure the close may fail too (an aborted transaction): the first error wins.
      await sql`close ${name}`.execute(connection).catch((error) => {
        if (finished) throw error;
      });
    }
  });
}
