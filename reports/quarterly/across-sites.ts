// Complementary suppression across the per-site pages of the quarterly report. Every figure
// the report publishes for all sites is also the sum of the sites' figures (admissions,
// discharges, paired episodes of a level of care, retention cohorts, …), so a site whose
// figure is hidden could be recovered as "all sites minus the other sites". Each such figure
// is one linear relation, and the rule of reports/suppression.ts applies to it: a relation
// whose total is published hides none of its site cells or at least two. When exactly one
// site is hidden, the site with the next smallest non-zero figure is hidden too.
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
export function complementarySuppression(all: readonly Cell[], sites: ReadonlyMap<string, readonly Cell[]>): Map<string, Set<string>> {
  const extra = new Map<string, Set<string>>([...sites.keys()].map((site) => [site, new Set<string>()]));
  for (const relation of all) {
    if (relation.hidden) continue; // the total is not published: nothing to subtract from
    const cells = [...sites].map(([site, cs]) => ({ site, cell: cs.find((c) => c.key === relation.key) }));
    const hidden = cells.filter(({ cell }) => cell?.hidden);
    if (hidden.length !== 1) continue;
    const candidates = cells.filter(({ cell }) => cell && !cell.hidden && cell.total > 0).sort((a, b) => a.cell!.total - b.cell!.total || a.site.localeCompare(b.site));
    if (candidates.length) extra.get(candidates[0].site)!.add(relation.key);
  }
  return extra;
}
