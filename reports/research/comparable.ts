// The research export's comparable-outcomes table (DESIGN.md "Comparable outcomes"): for
// each instrument with a cited margin (domain/margins.ts), each level of care against IOP, each
// modality against in-person care within each level of care, and each track against the
// mental-health track — the adjusted difference (ANCOVA and inverse-probability weighted) with
// TOST, non-inferiority at that margin, and the smallest margin that would show equivalence.
// Counts pass reports/suppression.ts, with complementary suppression across each comparison's
// groups (their counts add up to a total other tables publish); a statistic is left empty when
// the group or its reference has fewer than `threshold` episodes.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { EQUIVALENCE_MARGINS } from "../../domain/margins.ts";
import { LEVELS_OF_CARE } from "../../domain/vocabulary.ts";
import { compareAnalysis } from "../../queries/analyses/other-analyses.ts";
import type { GroupKey } from "../../queries/group-keys.ts";
import type { CsvCell } from "../csv.ts";
import { suppressTable } from "../suppression.ts";
import { r7 } from "./precision.ts";

// Seven significant digits, as the other research tables.

interface ComparisonSet {
  by: GroupKey;
  reference: string;
  within: string | null;
}

const SETS: ComparisonSet[] = [
  { by: "level_of_care", reference: "IOP", within: null },
  ...LEVELS_OF_CARE.map((level) => ({ by: "modality" as const, reference: "in_person", within: level })),
  { by: "track", reference: "MH", within: null },
];

export async function comparableRows(db: Kysely<Database>, { dataCut, threshold }: { dataCut: string; threshold: number }): Promise<Record<string, CsvCell>[]> {
  const rows: Record<string, CsvCell>[] = [];
  for (const [instrument, margin] of Object.entries(EQUIVALENCE_MARGINS)) {
    for (const set of SETS) {
      const fit = await compareAnalysis(db, {
        instrument,
        comparison: "intake_discharge",
        dataCut,
        by: set.by,
        reference: set.reference,
        filter: { where: set.within ? { level_of_care: set.within } : {} },
        equivalence: margin!.points,
        noninferiority: margin!.points,
      });
      if (!("differences" in fit) || !fit.differences?.length) continue;
      const groups = fit.differences.map((d) => ({ d, n: d.n ?? 0 }));
      const nReference = groups[0].d.weighted!.n - groups[0].n;
      // One relation: the reference and every group add up to the comparison's episodes.
      const published = suppressTable([[nReference, ...groups.map((g) => g.n)]], threshold).cells[0];
      groups.forEach(({ d, n }, i) => {
        const shown = n >= threshold && nReference >= threshold;
        const base = {
          instrument,
          comparison: "intake_discharge",
          key: set.by,
          within_level_of_care: set.within ?? "all",
          group: d[set.by],
          reference: set.reference,
          n_group: published[i + 1].text,
          n_reference: published[0].text,
          margin: margin!.points,
          margin_source: margin!.source,
        };
        const w = d.weighted!;
        for (const [adjustment, t] of [
          ["ANCOVA", { estimate: d.estimate, se: d.se, equivalence: d.equivalence!, noninferiority: d.noninferiority!, bound: d.equivalence_bound! }],
          ["weighted", "error" in w ? null : { estimate: w.estimate, se: w.se, equivalence: w.equivalence!, noninferiority: w.noninferiority!, bound: w.equivalence_bound }],
        ] as const) {
          const stat = shown && t !== null;
          rows.push({
            ...base,
            adjustment,
            difference: stat ? r7(t.estimate) : null,
            se: stat ? r7(t.se) : null,
            ci90_lower: stat ? r7(t.equivalence.ci90[0]) : null,
            ci90_upper: stat ? r7(t.equivalence.ci90[1]) : null,
            p_tost: stat ? r7(t.equivalence.p) : null,
            equivalence: stat ? t.equivalence.verdict : null,
            p_noninferiority: stat ? r7(t.noninferiority.p) : null,
            noninferiority: stat ? t.noninferiority.verdict : null,
            smallest_margin: stat ? r7(t.bound) : null,
          });
        }
      });
    }
  }
  return rows;
}
