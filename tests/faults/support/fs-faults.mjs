// Fault injection for the embedded database's folder: loaded with `node --import`
// into a CLI process, it makes Node's fs — which PGlite's NODEFS uses for every file of the
// data folder — fail as a full disk or a folder without write permission would. Running as
// root (CI), chmod cannot deny anything, so the fault is injected where the OS would raise it.
//   CONTINUUM_FAULT_DIR=<folder>  CONTINUUM_FAULT=enospc:<bytes allowed> | eacces
import fs from "node:fs";
import path from "node:path";
import { syncBuiltinESMExports } from "node:module";

const dir = path.resolve(process.env.CONTINUUM_FAULT_DIR ?? "/nonexistent");
const [mode, arg] = (process.env.CONTINUUM_FAULT ?? "").split(":");
let budget = Number(arg ?? 0);
const inside = (p) => typeof p === "string" && (path.resolve(p) === dir || path.resolve(p).startsWith(`${dir}/`));
const watched = new Set();
const fail = (code, syscall) => Object.assign(new Error(`${code}: injected fault, ${syscall}`), { code, errno: code === "ENOSPC" ? -28 : -13, syscall });
/** Whether an fs flags string ("w", "a+", "r+" …) opens for writing. */
const writesWith = (flags) => ["w", "a", "+"].some((c) => flags.includes(c));

const { openSync, writeSync, closeSync, mkdirSync } = fs;
fs.openSync = function (p, flags, ...rest) {
  const writing = typeof flags === "number" ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0 : writesWith(flags ?? "r");
  if (mode === "eacces" && inside(p) && writing) throw fail("EACCES", "open");
  const fd = openSync.call(this, p, flags, ...rest);
  if (inside(p)) watched.add(fd);
  return fd;
};
fs.writeSync = function (fd, buffer, ...rest) {
  if (mode === "enospc" && watched.has(fd)) {
    const length = typeof buffer === "string" ? Buffer.byteLength(buffer) : typeof rest[1] === "number" ? rest[1] : buffer.byteLength;
    if (length > budget) throw fail("ENOSPC", "write");
    budget -= length;
  }
  return writeSync.call(this, fd, buffer, ...rest);
};
fs.closeSync = function (fd) {
  watched.delete(fd);
  return closeSync.call(this, fd);
};
fs.mkdirSync = function (p, ...rest) {
  if (mode === "eacces" && inside(p) && !fs.existsSync(p)) throw fail("EACCES", "mkdir");
  return mkdirSync.call(this, p, ...rest);
};
syncBuiltinESMExports();
