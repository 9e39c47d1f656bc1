// A small typed relation written inline (one SELECT of literals per row, UNION ALL): how a
// query joins against configuration — timepoint windows, per-instrument change rules —
// without a table, identically on PGlite and a server. Values are bound parameters.
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "./schema.ts";

export type SqlType = "text" | "int" | "float8" | "bool";

export function inlineRelation<Row extends Record<string, string | number | boolean | null>>(
  db: Kysely<Database>,
  columns: { [K in keyof Row & string]: SqlType },
  rows: readonly Row[],
) {
  if (rows.length === 0) throw new Error("inlineRelation needs at least one row");
  const names = Object.keys(columns) as (keyof Row & string)[];
  // Kysely cannot infer a row type from a list of dynamic aliases; the cast states it once.
  const selects = rows.map(
    (row) =>
      db.selectNoFrom(names.map((name) => sql`cast(${row[name]} as ${sql.raw(columns[name])})`.as(name))) as unknown as SelectQueryBuilder<
        Database,
        never,
        Row
      >,
  );
  return selects.slice(1).reduce((acc, q) => acc.unionAll(q), selects[0]);
}
