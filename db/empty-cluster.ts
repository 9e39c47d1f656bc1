// The empty cluster an in-memory embedded database starts from, as PGlite's data-folder
// tarball. Creating one runs initdb in a child process: about 5 s and a child that peaks near
// 800 MB (its WebAssembly heaps never shrink), where loading the image takes 0.65 s and about
// 275 MB (Node 20, PGlite 0.5.16, 2-core EPYC). The notebooks' simulated networks and
// replications open in-memory databases in the process that renders them, and every test
// process opens many, so the image is made once per machine: kept in the user's cache folder
// (`$XDG_CACHE_HOME/continuum`, else `~/.cache/continuum`), named by the PGlite version and
// the start parameters, and made again whenever it is missing, unreadable or cannot be loaded.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** Where cluster images are kept between processes. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), ".cache"), "continuum");
}

export interface ClusterImage {
  image: Blob;
  /** Where this process got it: read from the cache folder, or made by initdb just now. */
  source: "cache" | "initdb";
  /** Forgets a cached image that would not load, so that the next request makes a new one. */
  discard(): void;
}

const MAKE_CLUSTER = `
const { writeFileSync } = require("node:fs");
import("@electric-sql/pglite").then(async ({ PGlite }) => {
  const [file, startParams] = [process.argv[1], JSON.parse(process.argv[2])];
  const pglite = await PGlite.create({ startParams });
  writeFileSync(file, new Uint8Array(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await pglite.close();
});`;

/** The installed PGlite's version: an image is only reused by the PGlite that made it. */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  return JSON.parse(readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")).version;
}

/**
 * Returns the image for `startParams`, from this process's memory, else the cache folder, else
 * made by initdb (and then written to the cache folder, by a rename so that a reader never sees
 * half a file). A cache folder that cannot be written only means the next process runs initdb
 * again.
 */
export function clusterImages(cacheDir: string = defaultCacheDir()) {
  const made = new Map<string, Promise<ClusterImage>>();
  return (startParams: readonly string[]): Promise<ClusterImage> => {
    const key = createHash("sha256").update(JSON.stringify([pgliteVersion(), startParams])).digest("hex").slice(0, 16);
    const file = path.join(cacheDir, `pglite-cluster-${key}.tar`);
    const known = made.get(key);
    if (known) return known;
    // Forgotten only if still the one remembered: a second database that failed on the same
    // damaged image must not forget the image the first one is already making again.
    const forget = () => made.get(key) === promise && made.delete(key);
    const promise: Promise<ClusterImage> = cachedOrMade(file, startParams).then((image) => ({
      ...image,
      discard: () => {
        if (forget()) rmSync(file, { force: true });
      },
    }));
    // A failed creation is not remembered: the next database tries again.
    promise.catch(forget);
    made.set(key, promise);
    return promise;
  };
}

async function cachedOrMade(file: string, startParams: readonly string[]): Promise<Omit<ClusterImage, "discard">> {
  try {
    return { image: new Blob([readFileSync(file)]), source: "cache" };
  } catch {
    // Not cached yet (or unreadable): made below.
  }
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-cluster-"));
  try {
    const made = path.join(dir, "cluster.tar");
    // Run from this folder so the child resolves the same PGlite (from db/ and from dist/ alike).
    await promisify(execFile)(process.execPath, ["-e", MAKE_CLUSTER, made, JSON.stringify(startParams)], { cwd: import.meta.dirname });
    const bytes = readFileSync(made);
    keep(file, bytes);
    return { image: new Blob([bytes]), source: "initdb" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function keep(file: string, bytes: Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(partial, bytes, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
