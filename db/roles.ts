// Least-privilege roles for a server (DESIGN.md "Who uses it"): the SQL that
// `continuum roles` prints and, with --apply, runs. Roles are NOLOGIN groups; a DBA grants
// them to login users (`grant continuum_report to alice`).
//   continuum_ingest  loads exports: reads and writes the core tables, the ledger, the change
//                     log and quarantine (and makes the temporary staging tables every session may).
//   continuum_report  reads sites, episodes, assessments, the derived timepoint_scores, comparison_pairs and episode_pathways, the ledger and quarantine_index (where
//                     and why input was refused); never quarantine's raw rows nor the change log
//                     (old values).
//   continuum_site_<id> (with row-level security) reads like continuum_report, only its site's
//                     sites / episodes / assessments / derived-table rows.
// Idempotent: roles are created only when missing, policies dropped and recreated.

export const CORE_TABLES = ["sites", "episodes", "assessments", "ingest_ledger", "ingest_changes", "quarantine"] as const;
const REPORT_TABLES = ["sites", "episodes", "assessments", "ingest_ledger", "quarantine_index", "timepoint_scores", "comparison_pairs", "episode_pathways"] as const;
/** The tables row-level security restricts, with the condition that keeps a site's rows. */
const SITE_ROWS: Record<string, (site: string) => string> = {
  sites: (s) => `site_id = ${literal(s)}`,
  episodes: (s) => `site_id = ${literal(s)}`,
  assessments: (s) => `episode_id in (select episode_id from episodes where site_id = ${literal(s)})`,
  timepoint_scores: (s) => `episode_id in (select episode_id from episodes where site_id = ${literal(s)})`,
  comparison_pairs: (s) => `episode_id in (select episode_id from episodes where site_id = ${literal(s)})`,
  // A site sees its episodes' pathways, with the next episode wherever it was (a transition of
  // care to another site is the site's outcome too); never the other site's own rows.
  episode_pathways: (s) => `episode_id in (select episode_id from episodes where site_id = ${literal(s)})`,
};

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A role name for a site id: lower-case letters, digits and underscores only. */
export const siteRole = (site: string) => `continuum_site_${site.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;

const createRole = (role: string) => `do $$ begin if not exists (select from pg_roles where rolname = ${literal(role)}) then create role ${role} nologin; end if; end $$;`;

export function rolesSql({ sites = [] }: { sites?: readonly string[] } = {}): string {
  const lines = [
    "-- continuum roles: least privilege on a server (continuum roles --apply runs this)",
    createRole("continuum_ingest"),
    createRole("continuum_report"),
    "grant usage on schema public to continuum_ingest, continuum_report;",
    `grant select, insert, update on ${CORE_TABLES.join(", ")} to continuum_ingest;`,
    "grant usage, select on all sequences in schema public to continuum_ingest;",
    // The derived tables are deleted and re-derived per touched episode by the ingest.
    "grant select, insert, delete on timepoint_scores, comparison_pairs, episode_pathways to continuum_ingest;",
    `grant select on ${REPORT_TABLES.join(", ")} to continuum_report;`,
    `revoke all on ingest_changes, quarantine from continuum_report;`,
  ];
  if (sites.length) {
    lines.push("-- row-level security: each site's role sees its own rows; the two roles above see all");
    for (const site of sites) {
      const role = siteRole(site);
      lines.push(createRole(role), `grant usage on schema public to ${role};`, `grant select on ${Object.keys(SITE_ROWS).join(", ")} to ${role};`);
    }
    for (const [table, condition] of Object.entries(SITE_ROWS)) {
      lines.push(
        `alter table ${table} enable row level security;`,
        `drop policy if exists continuum_all on ${table};`,
        `create policy continuum_all on ${table} to continuum_ingest, continuum_report using (true) with check (true);`,
      );
      for (const site of sites) {
        const policy = `continuum_${siteRole(site)}`;
        lines.push(`drop policy if exists ${policy} on ${table};`, `create policy ${policy} on ${table} for select to ${siteRole(site)} using (${condition(site)});`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
