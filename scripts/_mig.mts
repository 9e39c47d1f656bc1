import { openEngine } from "../db/engine.ts";
import { migrateToLatest } from "../db/migrate.ts";
const e = await openEngine({ url: process.argv[2] });
console.log(await migrateToLatest(e.db));
await e.close();
