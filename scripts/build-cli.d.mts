export function buildCli(outdir?: string): Promise<string>;
