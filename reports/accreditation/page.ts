// The accreditation pack's page: one section per requirement it evidences — The Joint
// Commission's CTS.03.01.09 (behavioral health outcomes measured with a standardized
// instrument, analysed, aggregated and used) and CARF's performance-measurement domains
// (effectiveness, efficiency, service access, satisfaction) — each stating which one.
import { escapeHtml } from "../html/escape.ts";
import { renderPage, type Section } from "../html/page.ts";
import { renderTable } from "../html/table.ts";
import { GRID_COLUMNS, measureGrid, STEP_UP_COLUMN } from "../pathways/continuity.ts";
import { type AccreditationModel, SCHEDULE, type TextRow } from "./model.ts";

// The Joint Commission, Behavioral Health Care and Human Services standard CTS.03.01.09,
// effective 1 January 2018 (R3 Report issue 13, 2017): "The organization assesses the outcomes
// of care, treatment, or services provided to the individual served", with three elements of
// performance — EP 1 a standardized tool to monitor each individual's progress, EP 2 gathering
// and analysing those data to inform the individual's plan, EP 3 evaluating the outcomes of the
// population served by aggregating and analysing them. Wording as restated by
// mhoutcomes.com/announcements and TJC's own "New Outcome Measures Standard" page (2017) and
// Standards FAQ 000002332; no source lists an EP 4, so none is cited.
const TJC = "The Joint Commission CTS.03.01.09 (Behavioral Health Care and Human Services)";
// CARF Behavioral Health Standards Manual, Section 1.M Performance Measurement and Management.
const CARF = "CARF Section 1.M Performance Measurement and Management";

const table = (rows: readonly TextRow[], caption?: string) => (rows.length ? renderTable(Object.keys(rows[0]), rows.map((r) => Object.values(r)), caption) : `<p class="note empty">Nothing to show for this year.</p>`);
const figure = (svg: string | null, caption: string) => (svg ? `<figure>${svg}<figcaption class="note">${escapeHtml(caption)}</figcaption></figure>` : `<p class="note empty">No chart: fewer than two quarters with a publishable figure.</p>`);

/** The transitions table's columns: the director's grid, with step-up as CARF asks about access up the continuum. */
const columns = [GRID_COLUMNS[0], STEP_UP_COLUMN, ...GRID_COLUMNS.slice(1)];

export function renderAccreditationPage(model: AccreditationModel, charts: { completion: string | null }): string {
  const sections: Section[] = [
    {
      id: "instruments",
      heading: "Standardized instruments in use and when they are given",
      evidence: `${TJC}, EP 1: the organization uses a standardized tool or instrument to monitor each individual's progress.`,
      html:
        `<p>Each instrument is given at every timepoint: ${escapeHtml(SCHEDULE.join("; "))}.</p>` +
        table(model.instruments, `Assessments dated in ${model.year}; median days from admission to the intake score (negative = before admission).`),
    },
    {
      id: "coverage",
      heading: "Share of episodes measured at each timepoint",
      evidence: `${TJC}, EP 2: the organization gathers and analyses the data generated through standardized monitoring (here: for how many of the individuals served).`,
      html:
        `<p>Eligible episodes: ${escapeHtml(model.coverage.eligible["intake and discharge"])} discharged in ${model.year} (intake and discharge); ${escapeHtml(model.coverage.eligible["6 months"])} whose six-month follow-up fell due in ${model.year} and has closed.</p>` +
        table(model.coverage.rows, "Share measured (episodes measured)."),
    },
    {
      id: "effectiveness",
      heading: "Aggregate results by level of care",
      evidence: `${TJC}, EP 3: outcomes of the population served are evaluated by aggregating and analysing the standardized data. ${CARF}: effectiveness.`,
      html: table(model.effectiveness, `Episodes discharged (or due for six-month follow-up) in ${model.year}. d = mean improvement / intake SD, positive = better; reliable improvement by the reliable change index (Jacobson & Truax 1991); published ranges of comparable programs from the instrument catalog.`),
    },
    {
      id: "trends",
      heading: `Quarter by quarter in ${model.year}`,
      evidence: `${TJC}, EP 3: the outcomes of the population served, evaluated by aggregating and analysing the standardized data — here over time. ${CARF}: effectiveness, efficiency and service access over time.`,
      html: table(model.quarters) + figure(charts.completion, "Completion rate per discharge quarter, 8 quarters to the end of the year (p-chart, dashed 3-sigma limits; a ringed point is a special-cause signal)."),
    },
    {
      id: "satisfaction",
      heading: "Satisfaction",
      evidence: `${CARF}: satisfaction (experience of services received).`,
      html: table([model.satisfaction], `"Would you recommend this program?", discharges in ${model.year}; Wilson 95% interval.`),
    },
    {
      id: "transitions",
      heading: "Transitions of care after discharge",
      evidence: `${CARF}: effectiveness and service access — where people go after a discharge (step-down to continuing care, step-up, readmission).`,
      html: model.continuity.cannotShow
        ? `<p>${escapeHtml(model.continuity.cannotShow)}</p>`
        : table(model.continuity.transitions, `Discharges in ${model.year} whose ${model.continuity.withinDays} days have closed, by the level of the patient's next episode within ${model.continuity.withinDays} days.`) +
        renderTable(
          ["Level of care", ...columns.map(([, h]) => h)],
          measureGrid(model.continuity, columns),
          `Discharges in ${model.year} once each window had closed; rates with Wilson 95% intervals (— = no eligible discharges, or too few to show). Stepped down or up: a less or more intensive level within ${model.continuity.withinDays} days. Continuing care: a less intensive level within 7 or 30 days after a completed stay at IOP or above. Readmitted: the same or a more intensive level within 30, 90 or 180 days (transfers excluded).`,
        ) +
        `<p class="note">Continuing care and readmission are counted inside the data loaded: care received from another provider after discharge looks like none.</p>`,
    },
    {
      id: "standard-measures",
      heading: "Standard depression measures",
      evidence: `${TJC}, EP 3 (remission and response: outcomes of the population served, aggregated) and EP 1 (PHQ-9 utilization: a standardized instrument monitoring each individual's progress). ${CARF}: effectiveness, and data collected at the beginning of services, during them and at points after they end.`,
      html:
        `<p>${escapeHtml(`Computed from ${model.measures.source}. Each rate counts only patients whose window had closed by the data cut; the others are listed as still open, never as not in remission.`)}</p>` +
        table(model.measures.rows, `Measurement year ${model.year}: patients whose first PHQ-9 above 9 was dated in the index period (remission, response), or in care during the period (utilization); rates with Wilson 95% intervals.`) +
        `<ul class="note">${[...model.measures.caveats, ...model.measures.citations.map((c) => `Specification: ${c}`)].map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
    },
    {
      id: "data-quality",
      heading: "Data quality",
      evidence: `${TJC}, EP 2 and EP 3: the standardized data gathered and aggregated are complete and plausible. Findings over all loaded data.`,
      html: table(model.dataQuality, "From continuum check: conformance, completeness and plausibility findings with their counts."),
    },
    {
      id: "about",
      heading: "About these numbers",
      html: `<ul class="note">${[
        `Data cut ${model.dataCut}. Counts from 1 to ${model.threshold - 1} are shown as <${model.threshold}; no statistic rests on fewer than ${model.threshold} episodes; a share that would reveal such a count is shown only as a bound.`,
        "Standard wording: The Joint Commission, R3 Report issue 13 (2017), outcome measures standard CTS.03.01.09, elements of performance 1–3; CARF International, Behavioral Health Standards Manual, Section 1.M (performance measurement: effectiveness, efficiency, service access, satisfaction).",
      ]
        .map((l) => `<li>${escapeHtml(l)}</li>`)
        .join("")}</ul>`,
    },
  ];
  return renderPage({ title: `Measurement-based care — evidence for ${model.year}`, subtitle: "For accreditation surveys (The Joint Commission, CARF)", provenance: [`data cut ${model.dataCut}`, `suppression threshold ${model.threshold}`, "generated by continuum"], sections });
}
