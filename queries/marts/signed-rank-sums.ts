// mart_signed_rank_sums — grain: one row per group (the --by keys) × instrument × comparison:
// what the Wilcoxon signed-rank test needs, following R's wilcox.test(paired = TRUE,
// exact = FALSE): zero differences dropped, |d| given average ranks for ties, V = Σ ranks of
// the positive differences, and the tie correction Σ(t³ − t). The ranks depend only on how many
// pairs share each d, so they come from the change histogram (paired-change-counts.ts) — one
// GROUP BY in the database, no sort or window over the pairs — and no pair leaves it.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Comparison, TimepointWindow } from "../../domain/timepoints.ts";
import { signedRankFromChanges } from "../../stats/rank-and-proportion.ts";
import type { Group, GroupKey } from "../group-keys.ts";
import { changeGroupKey, type CohortFilter } from "./effect-size-sums.ts";
import { type PairedChangeCount, pairedChangeCounts } from "./paired-change-counts.ts";

export interface SignedRankSumsRow {
  instrument: string;
  group: Group;
  /** Pairs with a non-zero difference. */
  n_nonzero: number;
  /** Σ of the average ranks of |pre − post| over pairs with pre − post > 0. */
  v: number;
  /** Σ (t³ − t) over groups of tied |differences|. */
  tie_sum: number;
}

type RankOptions<C> = { comparison: C; dataCut: string; by: readonly GroupKey[]; filter?: CohortFilter; windows?: readonly TimepointWindow[] };

/** One comparison's rank sums. */
export async function signedRankSums(db: Kysely<Database>, options: RankOptions<Comparison>): Promise<SignedRankSumsRow[]> {
  const histogram = await pairedChangeCounts(db, { ...options, thresholds: [] });
  return signedRanksFromChangeCounts(histogram).map(({ comparison: _comparison, ...row }) => row);
}

/** The rank sums of every group × instrument × comparison in a change histogram. */
export function signedRanksFromChangeCounts(histogram: readonly PairedChangeCount[]): (SignedRankSumsRow & { comparison: Comparison })[] {
  const groups = new Map<string, { head: PairedChangeCount; bars: { change: number; count: number }[] }>();
  for (const bar of histogram) {
    const key = changeGroupKey(bar);
    const entry = groups.get(key) ?? { head: bar, bars: [] };
    if (bar.change !== null) entry.bars.push({ change: bar.change, count: bar.n });
    groups.set(key, entry);
  }
  return [...groups.values()].flatMap(({ head, bars }) => {
    const { n, v, tieSum } = signedRankFromChanges(bars);
    return n === 0 ? [] : [{ comparison: head.comparison, instrument: head.instrument, group: head.group, n_nonzero: n, v, tie_sum: tieSum }];
  });
}
