// Builds the CLI into one ES-module bundle (esbuild; code-split so report and notebook code
// still load on use; dependencies left as imports, but Kysely) that bin/continuum.js starts instead of
// compiling the TypeScript sources through tsx: `continuum --help` in 0.6 s instead of 1.7 s
// on the 2-core CI machine (issue 20). `npm ci` runs it (the `prepare` script); the fault
// suites build their own copy with it. The bundle sits one folder below the repository root,
// as cli/ does, so the code's root-relative paths (report manifests) still resolve.
//   node scripts/build-cli.mjs [OUTDIR]      (default: dist)
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Every dependency but the ones worth bundling, as esbuild `external` patterns (subpaths too). */
function externalPackages() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => name !== "kysely");
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
    // Dependencies stay imports, except Kysely: its ESM build is some 280 modules, whose loading
    // alone took 155 ms of every command's start-up; bundled, it is parsed with the rest.
    external: externalPackages(),
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
