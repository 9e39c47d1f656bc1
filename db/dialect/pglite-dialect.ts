// Kysely dialect for PGlite (Postgres compiled to WASM): Postgres' adapter, compiler and
// introspector with the mutex-guarded driver of pglite-driver.ts.
import type { PGlite } from "@electric-sql/pglite";
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
} from "kysely";
import type { Mutex } from "./mutex.ts";
import { PGliteDriver } from "./pglite-driver.ts";

export interface PGliteDialectConfig {
  pglite: PGlite;
  /** Shared with raw work on the same instance (COPY in a transaction) so both queue. */
  mutex: Mutex;
}

export class PGliteDialect implements Dialect {
  constructor(readonly config: PGliteDialectConfig) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    const { pglite, mutex } = this.config;
    return new PGliteDriver(pglite, mutex, async () => {
      if (!pglite.closed) await pglite.close();
    });
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
