// The quarterly report's comparable-outcomes finding: is virtual IOP care as good as
// in-person IOP care? For the quarter's IOP discharges with both PHQ-9 scores, the adjusted
// difference (ANCOVA; beside it the inverse-probability-weighted one) tested for equivalence at
// the PHQ-9's cited margin (domain/margins.ts) — one sentence and one chart, or one sentence
// saying why not. Only statistics are published, never the groups' counts: with the IOP total
// on the same page, a shown virtual and in-person n would give a small hybrid n back.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { EQUIVALENCE_MARGINS } from "../../domain/margins.ts";
import { compareAnalysis } from "../../queries/analyses/other-analyses.ts";
import type { GroupKey } from "../../queries/group-keys.ts";
import type { EquivalenceRow } from "../charts/equivalence.ts";

export interface QuarterlyComparable {
  sentence: string;
  /** The chart's rows; empty when the comparison is not shown. */
  rows: EquivalenceRow[];
  margin: number;
  source: string;
}

const WORDS = {
  equivalent: "was as good as",
  equivalent_but_different: "was as good as (different, but by less than the margin)",
  not_equivalent: "was not as good as — it differed by more than the margin allows from —",
  inconclusive: "could be shown neither as good as nor different from",
} as const;

const pts = (x: number) => x.toFixed(1).replace("-", "−");

export async function virtualVsInPersonIop(db: Kysely<Database>, { quarter, dataCut, where, threshold }: { quarter: string; dataCut: string; where: Partial<Record<GroupKey, string>>; threshold: number }): Promise<QuarterlyComparable> {
  const { points: margin, source } = EQUIVALENCE_MARGINS.PHQ9!;
  const fit = await compareAnalysis(db, {
    instrument: "PHQ9",
    comparison: "intake_discharge",
    dataCut,
    by: "modality",
    reference: "in_person",
    filter: { quarter, where: { ...where, level_of_care: "IOP" } },
    equivalence: margin,
    noninferiority: margin,
  });
  const d = "differences" in fit ? fit.differences?.find((x) => x.modality === "virtual") : undefined;
  const nReference = d?.weighted ? d.weighted.n - (d.n ?? 0) : 0;
  if (!d || !d.equivalence || d.n === undefined || d.n < threshold || nReference < threshold) {
    return { sentence: `Virtual and in-person IOP care are not compared for ${quarter}: fewer than ${threshold} IOP episodes discharged with intake and discharge PHQ-9 scores in one of them.`, rows: [], margin, source };
  }
  const e = d.equivalence;
  const sentence =
    `Virtual IOP care ${WORDS[e.verdict]} in-person IOP care for depression in ${quarter}: the PHQ-9 at discharge, adjusted for intake, differed by ${pts(d.estimate)} points ` +
    `(90% CI ${pts(e.ci90[0])} to ${pts(e.ci90[1])}; margin ±${margin}, the PHQ-9's minimal clinically important difference for individual change, Löwe et al. 2004).`;
  const rows: EquivalenceRow[] = [{ panel: "Virtual vs in-person IOP · PHQ-9", label: "adjusted (ANCOVA)", estimate: d.estimate, lower: e.ci90[0], upper: e.ci90[1], margin, verdict: e.verdict.replace(/_/g, " ") }];
  const w = d.weighted;
  if (w && !("error" in w) && w.equivalence) rows.push({ panel: rows[0].panel, label: "weighted", estimate: w.estimate, lower: w.equivalence.ci90[0], upper: w.equivalence.ci90[1], margin, verdict: w.equivalence.verdict.replace(/_/g, " ") });
  return { sentence, rows, margin, source };
}
