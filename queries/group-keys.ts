// The keys a cohort may be grouped or filtered by (DESIGN.md "Command line": `--by`), and the
// two halves every grouped mart shares: selecting a key as `by_<key>`, and reading it back.
import { sql } from "kysely";

export const GROUP_KEYS = ["level_of_care", "site_id", "track", "modality", "age_band", "gender", "race_ethnicity", "payer"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];
/** What a pairs mart may also group by, for a report's trend: the pair's cohort quarter. */
export type PairGroupKey = GroupKey | "period_quarter";
/** A result row's group: the values of the keys it was grouped by (trend keys included). */
export type Group = Partial<Record<PairGroupKey | "discharge_quarter", string | null>>;

/** `alias.key AS by_key` for each grouping key. */
export const selectGroupKeys = (alias: string, by: readonly string[]) => by.map((key) => sql<string | null>`${sql.ref(`${alias}.${key}`)}`.as(`by_${key}`));

/** The group of a result row, from its `by_<key>` columns. */
export const groupOf = <K extends string = GroupKey>(row: object, by: readonly K[]): Partial<Record<K, string | null>> =>
  Object.fromEntries(by.map((key) => [key, (row as Record<string, unknown>)[`by_${key}`] as string | null])) as Partial<Record<K, string | null>>;
