// The director's quarterly page: the model (already suppressed) and its rendered charts laid
// out in the order a director reads — at a glance, what changed, did people get better,
// against whom, did it last, did they stay, is this quarter unusual, and what the numbers
// mean. Pure rendering: no query, no statistic, no number formatted that the model did not
// publish.
import { escapeHtml } from "../html/escape.ts";
import { type PageSpec, renderPage, type Section } from "../html/page.ts";
import { renderTable } from "../html/table.ts";
import { GRID_COLUMNS, measureGrid } from "../pathways/continuity.ts";
import type { QuarterlyContinuity } from "./continuity.ts";
import type { QuarterlyModel } from "./model.ts";
import type { SitesComparison } from "./sites-compare.ts";
import type { Tile } from "./tiles.ts";
import type { ControlSeries } from "./trend.ts";
import { NOTABLE_RELATIVE_CHANGE, NOTABLE_SHARE_POINTS } from "./what-changed.ts";

/** The charts of one page as inline SVG; null where the model had nothing publishable. */
export interface QuarterlyCharts {
  prePost: string | null;
  forest: string | null;
  durability: string | null;
  retention: string | null;
  completion: string | null;
  improvement: string | null;
  comparable: string | null;
  /** Every page (a site's own continuity on its page). */
  flow?: string | null;
  readmission?: string | null;
  /** "How do our sites compare?": the O/E funnel and the shrunken SAES, with this page's site marked. */
  funnel?: string | null;
  saes?: string | null;
}

const p = (text: string, cls = "note") => `<p class="${cls}">${escapeHtml(text)}</p>`;
const figure = (svg: string | null, caption: string, empty: string) => (svg ? `<figure>${svg}<figcaption class="note">${escapeHtml(caption)}</figcaption></figure>` : p(empty, "note empty"));

function tileHtml(t: Tile, previousQuarter: string): string {
  const change = t.change === null ? `${previousQuarter}: ${t.previous}` : `${t.change} vs ${previousQuarter} (${t.previous})`;
  const direction = t.change === null || t.better === null || t.current === t.prior ? "" : (t.better === "higher") === (t.current! > t.prior!) ? " better" : " worse";
  return (
    `<div class="tile" id="tile-${escapeHtml(t.id)}"><div class="label">${escapeHtml(t.label)}</div>` +
    `<div class="value">${escapeHtml(t.value)}</div>` +
    `<div class="change${direction}">${escapeHtml(change)}</div>` +
    `<div class="label">${escapeHtml(t.note)}${t.basis ? `; ${escapeHtml(t.basis)}` : ""}</div></div>`
  );
}

function trendHtml(series: ControlSeries, svg: string | null, caption: string): string {
  const omitted = series.omitted.length ? ` Not shown (fewer than the publication threshold, or no data): ${series.omitted.join(", ")}.` : "";
  return figure(svg, `${caption}${omitted}`, `No chart: ${series.missing ?? "no data"}.${omitted}`);
}

const span = (quarters: readonly string[]) => (quarters.length ? `${quarters[0]}–${quarters[quarters.length - 1]}` : "none closed yet");

/** "Continuity of care": where discharges went next, the pathway measures by level, and readmission over 8 quarters. */
function continuitySection(c: QuarterlyContinuity, charts: QuarterlyCharts): Section {
  if (c.cannotShow) return { id: "continuity", heading: "Continuity of care", html: p(c.cannotShow, "lead") + p("Give each person one patient_id across all their episodes in the exports to see where people go after discharge.") };
  const omitted = c.flowOmitted.length ? ` Not drawn (a destination below the publication threshold): ${c.flowOmitted.join(", ")}.` : "";
  const rows = measureGrid(c);
  const spans = [...new Set(GRID_COLUMNS.map(([measure]) => span(c.spans[measure])))].map(
    (s) => `${GRID_COLUMNS.filter(([m]) => span(c.spans[m]) === s).map(([m]) => m.replaceAll("_", " ")).join(", ")}: discharges in ${s}`,
  );
  return {
    id: "continuity",
    heading: "Continuity of care",
    html:
      figure(
        charts.flow ?? null,
        `Where people went next: the share of discharges in ${span(c.spans.step_down)} whose next episode within ${c.withinDays} days was at a less or a more intensive level of care; the rest had another episode at the same level, or none (suppressed = a share too small to show, counted with the rest).${omitted}`,
        `No chart: no level of care with a publishable total.${omitted}`,
      ) +
      (rows.length
        ? renderTable(
            ["Level of care", ...GRID_COLUMNS.map(([, h]) => h)],
            rows,
            `Rates with Wilson 95% intervals, each over the four most recent discharge quarters whose window had closed by the data cut (${spans.join("; ")}). Stepped down: a less intensive level within ${c.withinDays} days. Continuing care: a less intensive level after a completed stay at IOP or above. Readmitted: the same or a more intensive level, transfers excluded. — = no eligible discharges, or too few to show.`,
          )
        : p("No discharges whose window has closed.", "note empty")) +
      trendHtml(c.readmission, charts.readmission ?? null, "30-day readmission rate per discharge quarter (p-chart); lower is better. Limits and signals as in the trend charts.") +
      p("Continuing care and readmission are counted inside the data loaded: care from another provider after discharge looks like none."),
  };
}

/** "How do our sites compare?" (DESIGN.md "Fair comparison across sites"): read in under a minute, no ranking. */
function sitesSection(c: SitesComparison, charts: QuarterlyCharts, site: string | null): Section {
  const window = `${c.quarters[0]}–${c.quarters[c.quarters.length - 1]}`;
  const own = site === null ? null : c.sites.find((s) => s.site === site);
  const standing =
    site === null
      ? ""
      : own
        ? `<p class="standing"><strong>Where site ${escapeHtml(site)} stands:</strong> ${escapeHtml(`severity-adjusted effect size ${own.saes}, ${own.band}; reliable improvement ${own.funnel}.`)}</p>`
        : p(`Site ${site} had too few PHQ-9 discharges with both scores in ${window} to be shown; it is still part of the limits.`);
  const hidden = c.notShown.length ? ` Not drawn, too few episodes (still part of the limits): ${c.notShown.join(", ")}.` : "";
  return {
    id: "sites",
    heading: "How do our sites compare?",
    html:
      p(`PHQ-9, episodes discharged ${window} with an intake score of 10 or more and a discharge score${c.episodes ? ` (${c.episodes} episodes)` : ""}; each site judged against what its own patients predict — adjusted for intake severity, level of care, track, age band and gender.`, "lead") +
      standing +
      figure(
        charts.funnel ?? null,
        `Each dot is a site: reliable improvements observed ÷ expected for its patients (1 = as expected), against the number expected. Inside the funnel = ordinary variation; a red dot lies outside the 99.8 % limits.${c.adjusted ? " The limits are widened for the real differences between sites (overdispersion), as FunnelPlotR does." : ""}${hidden}`,
        "No funnel: too few sites with enough episodes.",
      ) +
      figure(
        charts.saes ?? null,
        "Severity-adjusted effect size (ACORN): each site's improvement after adjustment, in intake standard deviations, pulled toward the network mean the more the fewer its episodes, with a 90 % interval. Shaded: ACORN's bands (0.5 effective, 0.8 highly effective).",
        "",
      ) +
      p("Sites are listed by name, not ranked: overlapping intervals cannot order them, and league tables rank noise (Goldstein & Spiegelhalter 1996)."),
  };
}

export function renderQuarterlyPage(
  model: QuarterlyModel,
  charts: QuarterlyCharts,
  { scope, provenance, continuity, sites }: { scope: string; provenance: string[]; continuity?: QuarterlyContinuity; sites?: SitesComparison | null },
): string {
  const fewer = `Not shown: fewer than ${model.threshold} episodes in every group.`;
  const sections: Section[] = [
    {
      id: "at-a-glance",
      heading: `At a glance — ${model.quarter}`,
      html: `<div class="tiles">${model.tiles.map((t) => tileHtml(t, model.previousQuarter)).join("")}</div>`,
    },
    {
      id: "what-changed",
      heading: "What changed",
      html:
        `<ul class="changes">${model.whatChanged.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>` +
        p(`Listed: shares that moved ≥ ${NOTABLE_SHARE_POINTS} points, counts and length of stay that moved ≥ ${100 * NOTABLE_RELATIVE_CHANGE} %, control-chart signals in ${model.quarter}, effects whose 95% CI lies wholly outside the published range.`),
    },
    {
      id: "pre-post",
      heading: "Symptoms at intake and at discharge, by level of care",
      html: figure(
        charts.prePost,
        `Mean score at intake (○) and at discharge (●) with 95% confidence intervals, episodes discharged in ${model.quarter} with both scores; n = episodes. Lower scores mean fewer symptoms.`,
        fewer,
      ),
    },
    {
      id: "effects",
      heading: "How large is the improvement, against comparable programs?",
      html:
        figure(
          charts.forest,
          "Standardized change d (mean improvement divided by the intake SD) with 95% CI; 0 = no change, larger = more improvement. Shaded: the range published for comparable programs.",
          fewer,
        ) +
        (model.effects.length
          ? renderTable(
              ["Instrument", "Level of care", "n", "Mean score intake → discharge", "d [95% CI]", "Against published range"],
              model.effects.map((e) => [e.instrument, e.level_of_care, e.n, e.improvement, e.effect, e.benchmark]),
            )
          : ""),
    },
    {
      id: "comparable",
      heading: "Is virtual IOP as good as in-person IOP?",
      html:
        `<p>${escapeHtml(model.comparable.sentence)}</p>` +
        (charts.comparable
          ? figure(
              charts.comparable,
              `Difference in discharge PHQ-9 (virtual − in person, points; negative = fewer symptoms with virtual care) with its 90% CI, adjusted for intake (ANCOVA) and by inverse-probability weighting; shaded: ±${model.comparable.margin} points (${model.comparable.source}). An interval wholly inside the band shows equivalence. People chose or were offered virtual care for reasons the adjustment may not capture.`,
              "",
            )
          : ""),
    },
    {
      id: "durability",
      heading: "Does it last? Intake, discharge and six months",
      html: figure(
        charts.durability,
        "Model-based mean score (mixed model using every available score, so people without a six-month score still count) with 95% CI, by level of care; shown where at least the publication threshold of episodes was measured at that timepoint. Lower is better.",
        fewer,
      ),
    },
    {
      id: "retention",
      heading: "Staying in treatment",
      html:
        figure(charts.retention, "Share of episodes still in treatment (not having left early) by days since admission, Kaplan–Meier estimate with 95% band.", fewer) +
        (model.retention.groups.length
          ? renderTable(
              ["Level of care", "Episodes", "Median days in treatment", `Still in treatment at day ${model.retention.day}`],
              model.retention.groups.map((g) => [g.level_of_care, g.n, g.median, g.atDay]),
            )
          : ""),
    },
    {
      id: "trend",
      heading: "The last eight quarters, against the program's own variation",
      html:
        trendHtml(model.trend.completion, charts.completion, "Completion rate per discharge quarter (p-chart): dashed lines are 3-sigma control limits; a ringed point is a special-cause signal (outside the limits, or 8 quarters in a row on one side of the centre).") +
        trendHtml(model.trend.improvement, charts.improvement, "Mean PHQ-9 improvement (intake − discharge, points) per discharge quarter (XmR chart); higher is better. Limits and signals as above."),
    },
    ...(continuity ? [continuitySection(continuity, charts)] : []),
    ...(sites ? [sitesSection(sites, charts, model.site)] : []),
    {
      id: "about",
      heading: "About these numbers",
      html:
        `<ul class="note">` +
        [
          `Data cut ${model.dataCut}. Outcomes are for episodes discharged in ${model.quarter}; admissions count by admission date.`,
          `Counts from 1 to ${model.threshold - 1} are shown as <${model.threshold}; no statistic on fewer than ${model.threshold} episodes is shown, and a share is hidden when it would reveal such a count.`,
          "Reliable improvement: a drop larger than the instrument's reliable change index (Jacobson & Truax 1991). Measured: an intake and a discharge score on the same instrument.",
          "d: mean improvement over the intake standard deviation (Becker 1988), the metric of the published ranges.",
          "Equivalence: two one-sided tests (Schuirmann 1987; Lakens 2017) at a margin with a cited source, never a default.",
          "Control limits: p-chart (Montgomery) and XmR (Wheeler) with Provost & Murray's special-cause rules.",
        ]
          .map((line) => `<li>${escapeHtml(line)}</li>`)
          .join("") +
        `</ul>`,
    },
  ];
  const page: PageSpec = { title: `Quarterly outcomes — ${scope}`, subtitle: `${model.quarter} (compared with ${model.previousQuarter})`, provenance, sections };
  return renderPage(page);
}
