// Whether `patient_id` links any two episodes. Pathways (transitions, step-down, continuing
// care, readmission) are read between a patient's consecutive episodes; when every patient
// has one episode — an export whose patient key is really an episode key, or a single-episode
// extract — every pathway rate would be a false 0 %, so the analyses say instead that the data
// cannot show transitions (DESIGN.md "Care pathways"), and `check` reports it.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

/** The finding's code, and what the pathway outputs say in its place. */
export const UNLINKED_CODE = "no_linked_episodes";
export const UNLINKED_MESSAGE =
  "These data cannot show transitions: no patient has more than one episode (patient_id links no two episodes), so step-down, step-up, continuing care and readmission cannot be counted.";

/** True when some patient has two or more episodes (or there are no episodes at all). */
export async function patientsLinkEpisodes(db: Kysely<Database>): Promise<boolean> {
  const row = await sql<{ linked: boolean; any: boolean }>`select
      exists (select 1 from episodes group by patient_id having count(*) > 1) as linked,
      exists (select 1 from episodes) as any`.execute(db);
  const { linked, any } = row.rows[0];
  return linked || !any;
}
