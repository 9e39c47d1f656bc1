// Continuity of care on the per-site pages: each site's own matrix, measures and
// readmission chart, suppressed on its own (reports/pathways/continuity.ts) and then across
// sites. Every matrix entry, every measure's numerator and denominator and every point of the
// readmission chart of the all-sites page is the sum of the sites' figures under the same key
// (`continuity:matrix:<from>:<to>`, `continuity:<measure>:<level>:num|den`,
// `continuity:readmission_30d:trend:<quarter>:num|den`), so across-sites.ts's rule applies to
// each. Hiding a site's cell can make its own table hide another (the complementary cells of
// its row and column), which may leave another relation with one hidden site: the rule is
// applied again until no site must hide more — the keys only grow, so it ends.
import { type Cell, complementarySuppression } from "./across-sites.ts";
import { type ContinuityCounts, publishQuarterlyContinuity, type QuarterlyContinuity } from "./continuity.ts";

export function siteContinuities(
  all: ContinuityCounts,
  sites: ReadonlyMap<string, ContinuityCounts>,
  threshold: number,
): { all: QuarterlyContinuity; sites: Map<string, QuarterlyContinuity>; hidden: Map<string, Set<string>> } {
  const whole = publishQuarterlyContinuity(all, threshold);
  const hide = new Map([...sites.keys()].map((site) => [site, new Set<string>()]));
  const publish = () => new Map([...sites].map(([site, counts]) => [site, publishQuarterlyContinuity(counts, threshold, hide.get(site))]));
  let parts = publish();
  for (;;) {
    const cells = new Map<string, Cell[]>([...parts].map(([site, p]) => [site, p.cells]));
    // The all-sites page hides complementary cells that are not small: their sites must not add up to them.
    const extra = complementarySuppression(whole.cells, cells, { hiddenTotals: true });
    let grew = false;
    for (const [site, keys] of extra)
      for (const key of keys)
        if (!hide.get(site)!.has(key)) {
          hide.get(site)!.add(key);
          grew = true;
        }
    if (!grew) break;
    parts = publish();
  }
  return { all: whole.continuity, sites: new Map([...parts].map(([site, p]) => [site, p.continuity])), hidden: hide };
}
