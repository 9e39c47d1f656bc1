// The data cut: the last date the loaded data can speak for — the latest admission,
// discharge or assessment date. Follow-up eligibility and open-episode censoring use it.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

export async function dataCut(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ cut: string | null }>`
    select greatest(
      (select max(admitted_on) from episodes),
      (select max(discharged_on) from episodes),
      (select max(assessed_on) from assessments)
    ) as cut`.execute(db);
  return rows[0]?.cut ?? null;
}
