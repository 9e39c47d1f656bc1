// A notebook's source in the "percent" cell format (Jupytext, VS Code, Spyder): a line
// `// %% [markdown]` starts a prose cell whose lines are `// ` comments, a line `// %%` starts
// a code cell. Split here into cells for display, and instrumented for the run: each code
// cell first calls `__notebookCell(k)`, so outputs are recorded against the cell they belong to.

export type SourceCell = { kind: "markdown"; text: string } | { kind: "code"; text: string };

export function splitCells(source: string): SourceCell[] {
  const cells: SourceCell[] = [];
  let current: { kind: "markdown" | "code"; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    // Empty cells are kept so cell k here is code cell k of instrument().
    cells.push({ kind: current.kind, text: current.lines.join("\n").replace(/^\n+|\s+$/g, "") });
  };
  for (const line of source.split("\n")) {
    const marker = /^\/\/ %%(.*)$/.exec(line);
    if (marker) {
      flush();
      current = { kind: marker[1].includes("[markdown]") ? "markdown" : "code", lines: [] };
    } else if (current) current.lines.push(current.kind === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
  }
  flush();
  return cells;
}

/** The source with `__notebookCell(k);` at the start of code cell k (0-based over all cells). */
export function instrument(source: string): string {
  let k = -1;
  return source
    .split("\n")
    .map((line) => {
      const marker = /^\/\/ %%(.*)$/.exec(line);
      if (!marker) return line;
      k++;
      return marker[1].includes("[markdown]") ? line : `${line}\n(globalThis as { __notebookCell?: (k: number) => void }).__notebookCell?.(${k});`;
    })
    .join("\n");
}
