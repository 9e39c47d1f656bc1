// The empty cluster image is made by initdb once per machine and kept in the user's cache
// folder (db/empty-cluster.ts): a later process reads it instead of running initdb, and a
// damaged file is discarded and made again, so an in-memory database still opens.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { clusterImages, defaultCacheDir } from "../../db/empty-cluster.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];
const images = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tar"));

/** Opens an in-memory database in a new process whose cache folder is `cacheHome`, and counts its tables. */
async function openInChild(cacheHome: string): Promise<string> {
  const script = `import { openEngine } from "./db/engine.ts";
    const engine = await openEngine({ dataDir: "memory://" });
    const { rows } = await engine.db.executeQuery({ sql: "select count(*)::int as n from pg_tables where schemaname = 'public'", parameters: [], query: { kind: "RawNode" } });
    console.log(JSON.stringify(rows[0]));
    await engine.close();`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
  return stdout.trim();
}

describe("the empty cluster image", () => {
  it("lives under XDG_CACHE_HOME, else ~/.cache", () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" })).toBe(path.join("/x/cache", "continuum"));
    expect(defaultCacheDir({})).toMatch(/\.cache[/\\]continuum$/);
  });

  it("is made once, then read from the cache folder by the next process, and made again once discarded", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "continuum-cache-"));
    const first = await clusterImages(dir)(PARAMS);
    expect(first.source).toBe("initdb");
    expect(images(dir)).toHaveLength(1);
    // Another process (a new set of images on the same folder) reads the same bytes.
    const second = await clusterImages(dir)(PARAMS);
    expect(second.source).toBe("cache");
    expect(Buffer.from(await second.image.arrayBuffer()).equals(Buffer.from(await first.image.arrayBuffer()))).toBe(true);
    // Other start parameters are another cluster.
    expect((await clusterImages(dir)([...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"])).source).toBe("initdb");
    expect(images(dir)).toHaveLength(2);
    second.discard();
    expect(images(dir)).toHaveLength(1);
    expect((await clusterImages(dir)(PARAMS)).source).toBe("initdb");
  }, 120_000);

  it("opens an in-memory database when the cached file is damaged, and replaces the file", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "continuum-cache-home-"));
    expect(await openInChild(home)).toBe('{"n":0}');
    const dir = path.join(home, "continuum");
    const [name] = images(dir);
    const isTarball = (bytes: Buffer) => bytes.subarray(257, 262).toString() === "ustar";
    expect(isTarball(readFileSync(path.join(dir, name)))).toBe(true);
    writeFileSync(path.join(dir, name), "not a tarball");
    expect(await openInChild(home)).toBe('{"n":0}');
    // A new cluster in its place (initdb gives each its own system identifier, so not the same bytes).
    expect(images(dir)).toEqual([name]);
    expect(isTarball(readFileSync(path.join(dir, name)))).toBe(true);
  }, 120_000);
});
