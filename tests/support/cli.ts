// Runs the CLI in-process with captured stdout/stderr (effects injected, as Observable
// Framework does), so tests read exactly what a user would see.
import type { CliContext } from "../../cli/context.ts";
import { runCli } from "../../cli/run.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const ctx: CliContext = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env: { ...env },
    interactive: false,
  };
  const code = await runCli(argv, ctx);
  return { code, stdout, stderr };
}
