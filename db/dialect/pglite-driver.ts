// Kysely driver over one embedded PGlite instance: a single connection guarded by a FIFO
// mutex, held from acquire to release so a transaction sees no foreign statement.
// Modelled on kysely's own src/dialect/pglite/ (main branch, not in the 0.28 releases).
import type { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type { Mutex } from "./mutex.ts";

export class PGliteConnection implements DatabaseConnection {
  constructor(readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters, use the simple protocol (several statements allowed), as `pg`
    // does for a query without values: migrations then behave the same on both engines.
    const result =
      compiled.parameters.length === 0
        ? ((await this.pglite.exec(compiled.sql, { rowMode: "object" })).at(-1) ?? { rows: [], affectedRows: 0 })
        : await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: "object" });
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      // PGlite reports 0 affected rows for SELECT; Kysely expects undefined there.
      numAffectedRows:
        affected !== undefined && !/^\s*(select|with)\b/i.test(compiled.sql) ? BigInt(affected) : undefined,
    };
  }

  // PGlite has no cursors over the wire protocol here: stream the buffered result in chunks.
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiled);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

export class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(
    pglite: PGlite,
    readonly mutex: Mutex,
    readonly onDestroy: () => Promise<void>,
  ) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(conn);
    this.#releases.delete(conn);
    release?.();
  }

  async destroy(): Promise<void> {
    await this.onDestroy();
  }
}
