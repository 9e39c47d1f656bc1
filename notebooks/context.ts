// What a running notebook sees: the database, the data cut, the suppression threshold, and
// `show` — the only way a notebook publishes anything. Every table passes the small-cell
// check before it is accepted (a count of 1 … threshold−1 in a count column stops the run:
// the notebook must publish through reports/suppression.ts), and every output is recorded
// against the cell that produced it.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { unsuppressedCells } from "../reports/suppression.ts";

export type Cell = string | number | null;

export type Output =
  | { kind: "table"; id: string; caption: string; columns: string[]; rows: Cell[][] }
  | { kind: "figure"; id: string; caption: string; svg: string }
  | { kind: "value"; id: string; label: string; value: Cell };

export interface NotebookContext {
  db: Kysely<Database>;
  dataCut: string;
  threshold: number;
  show: {
    /** A table of published cells (counts already through reports/suppression.ts). */
    table(id: string, caption: string, rows: readonly Record<string, Cell>[]): void;
    figure(id: string, caption: string, svg: string): void;
    value(id: string, label: string, value: Cell): void;
  };
}

export class UnsuppressedOutput extends Error {}

/** The recorder behind one notebook run: outputs per cell, in order. */
export class NotebookRecorder {
  readonly outputs = new Map<number, Output[]>();
  cell = 0;

  constructor(readonly threshold: number) {}

  context(db: Kysely<Database>, dataCut: string): NotebookContext {
    const push = (o: Output) => this.outputs.set(this.cell, [...(this.outputs.get(this.cell) ?? []), o]);
    return {
      db,
      dataCut,
      threshold: this.threshold,
      show: {
        table: (id, caption, rows) => {
          const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
          const cells = rows.map((r) => columns.map((c) => r[c] ?? null));
          const bad = unsuppressedCells(columns, cells, this.threshold);
          if (bad.length) throw new UnsuppressedOutput(`table ${id} shows a count below ${this.threshold} in column ${bad[0]}`);
          push({ kind: "table", id, caption, columns, rows: cells });
        },
        figure: (id, caption, svg) => {
          const labelled = [...svg.matchAll(/\bn\s*=\s*(\d+)\b/g)].map((m) => Number(m[1]));
          if (labelled.some((n) => n > 0 && n < this.threshold)) throw new UnsuppressedOutput(`figure ${id} labels a group with fewer than ${this.threshold} episodes`);
          push({ kind: "figure", id, caption, svg });
        },
        value: (id, label, value) => push({ kind: "value", id, label, value }),
      },
    };
  }
}

/** The context of the notebook being run (set by notebooks/runner.ts around the import). */
let current: NotebookContext | null = null;
export const setCurrentNotebook = (ctx: NotebookContext | null) => {
  current = ctx;
};
export function currentNotebook(): NotebookContext {
  if (!current) throw new Error("a notebook runs through `continuum notebook run`, not on its own");
  return current;
}
