// Profiles (DESIGN.md "Input formats"): a JSON file that maps another export's column names
// and codes onto the canonical ones, e.g.
//   { "kind": "episodes",
//     "columns": { "client_key": "episode_id", "program": "level_of_care" },
//     "codes": { "level_of_care": { "Intensive Outpatient": "IOP", "Partial Hosp": "PHP" } } }
// Renames apply to the header before any check; code maps apply to staged text in SQL.
// A REDCap export may carry "redcap": { …fields of RedcapProfile… } to change the defaults.
import { readFileSync } from "node:fs";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { CliError, EXIT } from "../domain/errors.ts";
import { INPUT_KINDS, type InputKind } from "../domain/vocabulary.ts";
import { DEFAULT_REDCAP_PROFILE, type RedcapProfile } from "./redcap.ts";

export interface Profile {
  name: string;
  kind?: InputKind;
  columns: Record<string, string>;
  codes: Record<string, Record<string, string>>;
  redcap?: RedcapProfile;
}

const isStringMap = (v: unknown): v is Record<string, string> => typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string");

export function readProfile(file: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file}: not a readable JSON profile (${(error as Error).message.split("\n")[0]})`, "bad_profile", EXIT.usage);
  }
  const p = raw as Record<string, unknown>;
  const bad = (why: string) => new CliError(`${file}: ${why}`, "bad_profile", EXIT.usage);
  if (typeof p !== "object" || p === null) throw bad("a profile is a JSON object");
  if (p.kind !== undefined && !(INPUT_KINDS as readonly string[]).includes(p.kind as string)) throw bad(`"kind" must be one of ${INPUT_KINDS.join(", ")}`);
  if (p.columns !== undefined && !isStringMap(p.columns)) throw bad('"columns" maps source column names to canonical names');
  if (p.codes !== undefined && !(typeof p.codes === "object" && p.codes !== null && Object.values(p.codes).every(isStringMap))) throw bad('"codes" maps a canonical column to { source code: canonical code }');
  const columns = Object.fromEntries(Object.entries((p.columns as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  return {
    name: file,
    kind: p.kind as InputKind | undefined,
    columns,
    codes: (p.codes as Record<string, Record<string, string>>) ?? {},
    redcap: p.redcap ? { ...DEFAULT_REDCAP_PROFILE, ...(p.redcap as Partial<RedcapProfile>) } : undefined,
  };
}

export const renameColumns = (columns: readonly string[], profile: Profile | undefined): string[] => columns.map((c) => profile?.columns[c] ?? c);

/** Rewrites mapped codes in the staged text, one UPDATE per mapped column. */
export async function applyCodeMaps(db: Kysely<Database>, table: string, columns: readonly string[], profile: Profile | undefined): Promise<void> {
  for (const [column, map] of Object.entries(profile?.codes ?? {})) {
    if (!columns.includes(column) || Object.keys(map).length === 0) continue;
    const cases = sql.join(Object.entries(map).map(([from, to]) => sql`when ${from} then ${to}`), sql` `);
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = case btrim(${sql.ref(column)}) ${cases} else ${sql.ref(column)} end`.execute(db);
  }
}
