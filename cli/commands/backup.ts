// `continuum backup FILE` and `continuum restore FILE [--force]`: the database of
// --db / DATABASE_URL / the embedded folder to one file and back (db/backup.ts). A backup is
// restored into the engine that wrote it; moving between engines is `report research` data.
import { existsSync } from "node:fs";
import path from "node:path";
import { backupDatabase, backupKind, restoreEmbedded, restoreServer } from "../../db/backup.ts";
import { defaultDataDir } from "../../db/engine.ts";
import { type Command, stringOption } from "../command.ts";
import { connect } from "../context.ts";
import { CliError, EXIT, usageError } from "../errors.ts";

const ENGINE_NAME = { pglite: "the embedded database", postgres: "a Postgres server" } as const;

export const backup: Command = {
  name: "backup",
  summary: "write the whole database to FILE (embedded: a folder dump; server: pg_dump custom format)",
  usage: "continuum backup FILE [--db URL] [--json]",
  options: {},
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw usageError("name the one file to write the backup to");
    const file = path.resolve(positionals[0]);
    if (!existsSync(path.dirname(file))) throw usageError(`the folder ${path.dirname(file)} does not exist`);
    const url = stringOption(values, "db") ?? (ctx.env.DATABASE_URL || undefined);
    const engine = await connect(ctx, url);
    try {
      const result = await backupDatabase(engine, url, file);
      ctx.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `backup of ${engine.location} written to ${file} (${result.bytes} bytes, sha256 ${result.sha256})\n`);
      return EXIT.ok;
    } finally {
      await engine.close();
    }
  },
};

export const restore: Command = {
  name: "restore",
  summary: "replace the database with a backup written by continuum backup (--force over an embedded database that holds data)",
  usage: "continuum restore FILE [--force] [--db URL] [--json]",
  options: { force: { type: "boolean" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw usageError("name the one backup file to restore");
    const file = path.resolve(positionals[0]);
    const url = stringOption(values, "db") ?? (ctx.env.DATABASE_URL || undefined);
    const target = url ? "postgres" : "pglite";
    const kind = backupKind(file);
    if (kind !== target) {
      throw new CliError(`${file} is a backup of ${ENGINE_NAME[kind]} and cannot be restored into ${ENGINE_NAME[target]}`, "backup_engine_mismatch", EXIT.usage);
    }
    if (url) restoreServer(url, file);
    else {
      const onWait = (pid: number) => ctx.stderr.write(`waiting: process ${pid} has the embedded database open\n`);
      await restoreEmbedded(defaultDataDir(ctx.env), file, { force: Boolean(values.force), lock: { onWait } });
    }
    ctx.stdout.write(values.json ? `${JSON.stringify({ file, engine: target, restored: true })}\n` : `restored ${file} into ${ENGINE_NAME[target]}\n`);
    return EXIT.ok;
  },
};
