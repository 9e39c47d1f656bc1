// mart_longitudinal_patterns — grain: one row per scope (a report's site, when asked) × group ×
// pattern, the set of timepoints an episode was measured at, for one instrument: the episodes'
// count, the sum of their scores at each timepoint, Σ y² and Σ (Σ y)² — the sufficient
// statistics of the intention-to-treat mixed model (stats/mixed-model.ts ScorePattern), so a fit
// reads a few dozen rows whatever the number of scores. The episodes are those of
// mart_longitudinal_scores (longitudinal-scores.ts): latest window closed by the data cut.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DEFAULT_WINDOWS, orderedWindows } from "../../domain/timepoints.ts";
import type { ScorePattern } from "../../stats/mixed-model.ts";
import { type LongitudinalOptions, longitudinalScoreQuery } from "./longitudinal-scores.ts";

export interface LongitudinalPattern extends ScorePattern {
  /** The episodes' value of the `scope` key, when one was asked for. */
  scope?: string | null;
}

export async function longitudinalPatterns(
  db: Kysely<Database>,
  options: LongitudinalOptions,
): Promise<LongitudinalPattern[]> {
  const timepoints = orderedWindows(options.windows ?? DEFAULT_WINDOWS).map((w) => w.timepoint);
  const scores = longitudinalScoreQuery(db, options);
  const scope = options.scope !== undefined ? sql`s.scope` : sql`null::text`;
  // Per episode, then per pattern; every sum is of whole-number scores, so exact in any order.
  const { rows } = await sql<Record<string, unknown>>`
    select scope, "group", pattern, count(*) as episodes,
      ${sql.join(timepoints.map((t, i) => sql`coalesce(sum(${sql.id(`y${i}`)}), 0) as ${sql.id(`sum${i}`)}`))},
      sum(yy) as sum_squares, sum(sy * sy) as squared_totals
    from (
      select s.episode_id, ${scope} as scope, s."group",
        string_agg(s.timepoint, ',' order by s.timepoint) as pattern,
        ${sql.join(timepoints.map((t, i) => sql`sum(s.score) filter (where s.timepoint = ${t}) as ${sql.id(`y${i}`)}`))},
        sum(s.score) as sy, sum(s.score * s.score) as yy
      from (${scores}) as s
      where s."group" is not null
      group by s.episode_id, ${scope}, s."group"
    ) as e
    group by scope, "group", pattern
    order by scope nulls first, "group", pattern`.execute(db);
  return rows.map((r) => {
    const observed = String(r.pattern).split(",");
    return {
      ...(options.scope !== undefined ? { scope: (r.scope as string | null) ?? null } : {}),
      group: String(r.group),
      timepoints: observed,
      episodes: Number(r.episodes),
      sums: Object.fromEntries(observed.map((t) => [t, Number(r[`sum${timepoints.indexOf(t)}`])])),
      sumSquares: Number(r.sum_squares),
      squaredTotals: Number(r.squared_totals),
    };
  });
}
