// Builds the CLI into one ES-module bundle (esbuild; code-split so report and notebook code
// still load on use) that bin/continuum.js starts instead of compiling the TypeScript sources
// through tsx: `continuum --help` in 0.6 s instead of 1.7 s on the 2-core CI machine.
// The packages every command loads are bundled too (BUNDLED), the others stay imports. `npm ci`
// runs it (the `prepare` script); the fault suites build their own copy with it. The bundle sits
// one folder below the repository root, as cli/ does, so the code's root-relative paths (report
// manifests) still resolve.
//   node scripts/build-cli.mjs [OUTDIR]      (default: dist)
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The packages every command loads, bundled: Node resolves and compiles each module file of a
 * dependency on its own, and these are many small files (Kysely's ESM build some 280 modules,
 * 155 ms; each @stdlib function pulls in dozens). Bundled, `continuum --help` starts in
 * 0.21–0.24 s instead of 0.42–0.48 s, and `analyze --json` on a server is 0.3 s faster (2-core
 * VM, 2026-11-30). PGlite (its WebAssembly and data files), the chart and PDF packages and
 * tsx stay imports.
 */
const BUNDLED = (name) => ["kysely", "pg", "csv-parse", "ml-matrix"].includes(name) || name.startsWith("@stdlib/");

/** Every dependency but the bundled ones, as esbuild `external` patterns (subpaths too). */
function externalPackages() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !BUNDLED(name));
  return names.flatMap((name) => [name, `${name}/*`]);
}

/** Builds cli/main.ts into `outdir`; returns the bundle's entry file. */
export async function buildCli(outdir = path.join(ROOT, "dist")) {
  const { build } = await import("esbuild");
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(ROOT, "cli/main.ts")],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: externalPackages(),
    // The bundled CommonJS packages (pg, @stdlib) require Node's built-ins, which an ES module
    // can only do through a require of its own.
    banner: { js: "import { createRequire as __continuumRequire } from 'node:module'; const require = __continuumRequire(import.meta.url);" },
    logLevel: "warning",
  });
  return path.join(outdir, "main.js");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildCli(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  } catch (error) {
    // Without esbuild (an install without dev dependencies) the CLI still runs, through tsx.
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    console.warn("build-cli: esbuild is not installed; continuum will load its TypeScript sources through tsx");
  }
}
