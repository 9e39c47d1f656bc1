// Complementary suppression across the per-site pages of the quarterly report. Every figure
// the report publishes for all sites is also the sum of the sites' figures (admissions,
// discharges, paired episodes of a level of care, retention cohorts, …), so a site whose
// figure is hidden could be recovered as "all sites minus the other sites". Each such figure
// is one linear relation, and the rule of reports/suppression.ts applies to it: a relation
// whose total is published hides none of its site cells or at least two. When exactly one
// site is hidden, the site with the next smallest non-zero figure is hidden too.
//
// Where the whole's own page hides a figure that is not small (a complementary cell of its own
// table, as the continuity matrix has), the relation has one hidden entry already: with
// `hiddenTotals`, a relation whose total is hidden and whose site cells are all published
// hides one site cell too (else the total is their sum, and gives back what it protected).
//
// The model reports every figure as a `Cell` (raw, never published): `key` names the
// relation, `total` is the site's figure, `hidden` whether the site's own rules hid it.

export interface Cell {
  key: string;
  total: number;
  hidden: boolean;
}

/**
 * The keys each part (a site; or a level of care within a page) must additionally hide, given
 * the cells of the whole and of each part. A part missing a key has a zero figure for it.
 */
export function complementarySuppression(
  all: readonly Cell[],
  sites: ReadonlyMap<string, readonly Cell[]>,
  { hiddenTotals = false }: { hiddenTotals?: boolean } = {},
): Map<string, Set<string>> {
  const extra = new Map<string, Set<string>>([...sites.keys()].map((site) => [site, new Set<string>()]));
  const bySite = [...sites].map(([site, cs]) => ({ site, cells: new Map(cs.map((c) => [c.key, c])) }));
  for (const relation of all) {
    const cells = bySite.map(({ site, cells: cs }) => ({ site, cell: cs.get(relation.key) }));
    const hidden = cells.filter(({ cell }) => cell?.hidden);
    // A hidden total leaves nothing to subtract from, unless the sites would add up to it.
    if (relation.hidden ? !hiddenTotals || hidden.length !== 0 : hidden.length !== 1) continue;
    const candidates = cells.filter(({ cell }) => cell && !cell.hidden && cell.total > 0).sort((a, b) => a.cell!.total - b.cell!.total || a.site.localeCompare(b.site));
    if (candidates.length) extra.get(candidates[0].site)!.add(relation.key);
  }
  return extra;
}
