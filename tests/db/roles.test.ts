// Least-privilege roles (db/roles.ts) on both engines: applied to a database with two sites,
// each role can do exactly what it is for — checked by switching to it (SET ROLE) in one
// session and trying what it may and may not do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../db/engine.ts";
import { rolesSql, siteRole } from "../../db/roles.ts";
import type { Database } from "../../db/schema.ts";
import { ENGINES, openFreshEngine, type TestEngine } from "../engines.ts";
import { ingestFile } from "../../pipelines/ingest-file.ts";
import { messy } from "../ingest/support.ts";
import { cli } from "../support/cli.ts";
import { seedRows } from "../support/seed.ts";

/** Runs `work` as `role` in one session, then resets the role. */
async function as<T>(db: Kysely<Database>, role: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(`set role ${role}`).execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`reset role`.execute(conn);
    }
  });
}
const count = async (db: Kysely<Database>, table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);

for (const kind of ENGINES) {
  describe(`roles on ${kind}`, () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await openFreshEngine(kind);
      await seedRows(
        engine.db,
        [{ episode_id: "A1", site_id: "S01" }, { episode_id: "A2", site_id: "S01" }, { episode_id: "B1", site_id: "S02" }],
        [{ episode_id: "A1", assessed_on: "2026-01-10" }, { episode_id: "B1", assessed_on: "2026-01-10" }],
      );
      const { ingest_id } = await engine.db.selectFrom("ingest_ledger").select("ingest_id").executeTakeFirstOrThrow();
      await engine.db.insertInto("quarantine").values({ ingest_id, file_name: "x.csv", line: 3, column_name: "total_score", reason: "bad_number", raw_row: "secret raw row" }).execute();
      await sql.raw(rolesSql({ sites: ["S01", "S02"] })).execute(engine.db);
      await sql.raw(rolesSql({ sites: ["S01", "S02"] })).execute(engine.db); // applying twice is harmless
    });
    afterAll(() => engine.close());

    it("continuum_report reads the data and where input was refused, never the raw rows, and writes nothing", async () => {
      await as(engine.db, "continuum_report", async (db) => {
        expect(await count(db, "episodes")).toBe(3);
        expect(await count(db, "quarantine_index")).toBe(1);
        await expect(count(db, "quarantine")).rejects.toThrow(/permission denied/);
        await expect(count(db, "ingest_changes")).rejects.toThrow(/permission denied/);
        await expect(db.insertInto("sites").values({ site_id: "S09", name: null }).execute()).rejects.toThrow(/permission denied/);
        await expect(db.deleteFrom("episodes").execute()).rejects.toThrow(/permission denied/);
      });
    });

    it("continuum_ingest writes the core tables and reads quarantine, but cannot delete", async () => {
      await as(engine.db, "continuum_ingest", async (db) => {
        await db.insertInto("sites").values({ site_id: "S03", name: null }).execute();
        expect(await count(db, "quarantine")).toBe(1);
        await expect(db.deleteFrom("assessments").execute()).rejects.toThrow(/permission denied/);
      });
    });

    it("a site's role sees only its own site's rows", async () => {
      await as(engine.db, siteRole("S01"), async (db) => {
        expect((await db.selectFrom("episodes").select("episode_id").orderBy("episode_id").execute()).map((r) => r.episode_id)).toEqual(["A1", "A2"]);
        expect(await count(db, "assessments")).toBe(1);
        expect(await count(db, "sites")).toBe(1);
        await expect(count(db, "quarantine_index")).rejects.toThrow(/permission denied/);
      });
      await as(engine.db, siteRole("S02"), async (db) => expect(await count(db, "episodes")).toBe(1));
    });

    // Last: it loads a file. On a server only — the embedded database has one user.
    if (kind === "postgres") it("login users granted each role run the real commands: ingest loads, report reads, neither oversteps", async () => {
      // Roles are cluster-wide: unique login names, dropped afterwards.
      const suffix = Math.random().toString(36).slice(2, 8);
      const users = { ingest: `ci_ingest_${suffix}`, report: `ci_report_${suffix}` };
      await sql.raw(`create role ${users.ingest} login in role continuum_ingest; create role ${users.report} login in role continuum_report;`).execute(engine.db);
      const urlAs = (user: string) => Object.assign(new URL(engine.options.url!), { username: user }).toString();
      try {
        const loaded = await cli(["ingest", messy("episodes-clean.csv"), "--json", "--db", urlAs(users.ingest)]);
        expect(loaded.code, loaded.stderr).toBe(0);
        expect(JSON.parse(loaded.stdout).files[0]).toMatchObject({ status: "loaded", inserted: 4 });
        const read = await cli(["analyze", "--json", "--db", urlAs(users.report)]);
        expect(read.code, read.stderr).toBe(0);
        const refused = await cli(["ingest", messy("episodes-tab.tsv"), "--db", urlAs(users.report)]);
        expect(refused.code).toBe(4);
        expect(refused.stderr).toMatch(/^continuum: .*permission denied.* \(permission_denied\)\n$/);
      } finally {
        await sql.raw(`drop owned by ${users.ingest}, ${users.report}; drop role ${users.ingest}; drop role ${users.report};`).execute(engine.db);
      }
    });

    // On a server only: PostgreSQL 15 may let a role that owns nothing set session_replication_role.
    if (kind === "postgres") it("an ingest role allowed to turn row triggers off, but not owning the tables, loads a first file the merge's way", async () => {
      const user = `ci_replica_${Math.random().toString(36).slice(2, 8)}`;
      await sql.raw(`create role ${user} login in role continuum_ingest; grant set on parameter session_replication_role to ${user};`).execute(engine.db);
      const other = await openFreshEngine(kind);
      const loader = await openEngine({ url: Object.assign(new URL(other.options.url!), { username: user }).toString() });
      try {
        await sql.raw(rolesSql({ sites: [] })).execute(other.db);
        const firstLoads: boolean[] = [];
        await ingestFile(loader, messy("episodes-clean.csv"));
        const outcome = await ingestFile(loader, messy("assessments-clean.csv"), { onStaged: (_, firstLoad) => firstLoads.push(firstLoad) });
        expect(firstLoads).toEqual([false]);
        expect(outcome.inserted).toBeGreaterThan(0);
        expect(await count(other.db, "assessments")).toBe(outcome.inserted);
      } finally {
        await loader.close();
        await other.close();
        await sql.raw(`drop owned by ${user}; drop role ${user};`).execute(engine.db);
      }
    });
  });
}

describe("continuum roles", () => {
  it("prints the roles' SQL, and refuses --apply on the embedded database (exit 2)", async () => {
    const home = mkdtempSync(`${tmpdir()}/continuum-roles-`);
    try {
      const printed = await cli(["roles"], { CONTINUUM_HOME: home });
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain("create role continuum_ingest nologin");
      expect(printed.stdout).toContain("grant select on sites, episodes, assessments, ingest_ledger, quarantine_index, timepoint_scores, comparison_pairs, episode_pathways to continuum_report;");
      const applied = await cli(["roles", "--apply"], { CONTINUUM_HOME: home });
      expect(applied.code).toBe(2);
      expect(applied.stderr).toMatch(/^continuum: roles --apply needs a server .*\(usage\)\n$/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
