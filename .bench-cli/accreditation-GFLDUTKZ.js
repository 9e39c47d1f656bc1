import {
  dataQualityFindings
} from "./chunk-ZPO5ZYFJ.js";
import {
  controlChartSvg
} from "./chunk-M734HKLV.js";
import {
  quarterlyTrend,
  quarterlyVolumes
} from "./chunk-LF7QJTT6.js";
import {
  DEFAULT_WINDOWS,
  INSTRUMENTS,
  LEVELS_OF_CARE,
  effectSizeTable,
  instrumentShortName,
  quartersEnding,
  stagedEpisodes,
  timepointScores,
  wilsonInterval
} from "./chunk-ZGI6E4IW.js";
import {
  escapeHtml,
  renderPage,
  renderTable
} from "./chunk-WCKVTG5S.js";
import {
  ReportFolder
} from "./chunk-KWV6SDGK.js";
import {
  publishCount,
  publishShare,
  publishStatistic,
  shareText
} from "./chunk-C2NGQUBF.js";

// queries/marts/measurement-coverage.ts
import { sql } from "kysely";
async function measurementCoverage(db, { year, dataCut, windows = DEFAULT_WINDOWS }) {
  const followup = windows.find((w) => w.timepoint === "followup_6m");
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  const due = sql`e.discharged_on + ${followup?.offsetDays ?? 182}::int`;
  const cohort = db.selectFrom(stagedEpisodes(db).as("e")).select([
    "e.episode_id",
    "e.admitted_on",
    sql`coalesce(e.discharged_on between ${first}::date and least(${last}::date, ${dataCut}::date), false)`.as("discharged_in_year"),
    sql`coalesce(${due} between ${first}::date and ${last}::date and ${due} + ${followup?.after ?? 45}::int <= ${dataCut}::date, false)`.as("followup_in_year")
  ]);
  const eligibleFor = sql`case when s.timepoint = 'followup_6m' then c.followup_in_year else c.discharged_in_year end`;
  const rows = await db.with("c", () => cohort).selectFrom(timepointScores(db, windows).as("s")).innerJoin("c", "c.episode_id", "s.episode_id").where(eligibleFor).select(["s.instrument", "s.timepoint", sql`count(distinct s.episode_id)`.as("measured")]).groupBy(["s.instrument", "s.timepoint"]).orderBy("s.instrument").orderBy("s.timepoint").execute();
  const totals = await db.with("c", () => cohort).selectFrom("c").select([sql`count(*) filter (where c.discharged_in_year)`.as("discharged"), sql`count(*) filter (where c.followup_in_year)`.as("followup")]).executeTakeFirstOrThrow();
  const eligible = (timepoint) => Number(timepoint === "followup_6m" ? totals.followup : totals.discharged);
  const administrations = await db.selectFrom("assessments as a").innerJoin("episodes as e", "e.episode_id", "a.episode_id").leftJoin(timepointScores(db, windows).as("s"), (j) => j.onRef("s.episode_id", "=", "a.episode_id").onRef("s.instrument", "=", "a.instrument").onRef("s.assessed_on", "=", "a.assessed_on").on("s.timepoint", "=", "intake")).where("a.assessed_on", ">=", first).where("a.assessed_on", "<=", last).select([
    "a.instrument",
    sql`count(*)`.as("assessments"),
    sql`percentile_cont(0.5) within group (order by s.assessed_on - e.admitted_on)`.as("median_days_to_intake")
  ]).groupBy("a.instrument").orderBy("a.instrument").execute();
  return {
    coverage: rows.map((r) => ({ instrument: r.instrument, timepoint: r.timepoint, eligible: eligible(r.timepoint), measured: Number(r.measured) })),
    administrations: administrations.map((r) => ({ instrument: r.instrument, assessments: Number(r.assessments), median_days_to_intake: r.median_days_to_intake === null ? null : Number(r.median_days_to_intake) }))
  };
}

// reports/accreditation/model.ts
var fixed = (x, digits = 2) => x === null || x === void 0 ? "\u2014" : x.toFixed(digits);
var SCHEDULE = DEFAULT_WINDOWS.map((w) => `${w.timepoint.replace("followup_6m", "6 months after discharge")}: ${w.anchor}${w.offsetDays ? ` + ${w.offsetDays} days` : ""}, from ${w.before} days before to ${w.after} days after`);
var byLevel = (a, b) => a.instrument.localeCompare(b.instrument) || a.comparison.localeCompare(b.comparison) || LEVELS_OF_CARE.indexOf(a.level_of_care) - LEVELS_OF_CARE.indexOf(b.level_of_care);
async function accreditationModel(db, { year, dataCut, threshold }) {
  const { coverage, administrations } = await measurementCoverage(db, { year, dataCut });
  const count = (n) => publishCount(n, threshold).text;
  const used = administrations.filter((a) => a.assessments > 0);
  const instruments = used.map((a) => {
    const i = INSTRUMENTS[a.instrument];
    return {
      instrument: instrumentShortName(a.instrument),
      name: i.name,
      score: `${i.total.min}\u2013${i.total.max}, ${i.better} is better`,
      assessments: count(a.assessments),
      median_days_admission_to_intake: publishStatistic(a.median_days_to_intake, a.assessments, threshold) === null ? "\u2014" : fixed(a.median_days_to_intake, 0)
    };
  });
  const eligible = (t) => coverage.find((c) => c.timepoint === t)?.eligible ?? 0;
  const coverageRows = [...new Set(coverage.map((c) => c.instrument))].map((instrument) => {
    const cell = (t) => {
      const c = coverage.find((x) => x.instrument === instrument && x.timepoint === t);
      const [measured, total] = [c?.measured ?? 0, eligible(t)];
      return publishShare(measured, total, threshold) === null ? shareText(measured, total, threshold) : `${shareText(measured, total, threshold)} (${count(measured)})`;
    };
    return { instrument: instrumentShortName(instrument), intake: cell("intake"), discharge: cell("discharge"), "6 months": cell("followup_6m") };
  });
  const effects = (await effectSizeTable(db, { comparisons: ["intake_discharge", "intake_followup_6m"], by: ["level_of_care"], dataCut, filter: { year } })).filter((r) => publishStatistic(r, r.n, threshold) !== null).sort(byLevel);
  const effectiveness = effects.map((r) => ({
    instrument: instrumentShortName(r.instrument),
    comparison: r.comparison === "intake_discharge" ? "intake \u2192 discharge" : "intake \u2192 6 months",
    level_of_care: String(r.level_of_care),
    n: count(r.n),
    mean: `${fixed(r.pre_mean, 1)} \u2192 ${fixed(r.post_mean, 1)}`,
    "d [95% CI]": r.d_pre_ci ? `${fixed(r.d_pre)} [${fixed(r.d_pre_ci[0])}, ${fixed(r.d_pre_ci[1])}]` : "\u2014",
    "reliably improved": r.pct_reliable_improvement === null ? "\u2014" : shareText(Math.round(r.pct_reliable_improvement * r.n / 100), r.n, threshold),
    "published range": r.benchmark ? `${r.benchmark.verdict} (${r.benchmark.lower === r.benchmark.upper ? fixed(r.benchmark.lower) : `${fixed(r.benchmark.lower)}\u2013${fixed(r.benchmark.upper)}`})` : "none published"
  }));
  const volumes = await quarterlyVolumes(db, { dataCut });
  const yearQuarters = [1, 2, 3, 4].map((q) => `${year}Q${q}`);
  const overall = /* @__PURE__ */ new Map();
  const trendQuarters = quartersEnding(`${year}Q4`, 8);
  for (const q of trendQuarters) overall.set(q, await effectSizeTable(db, { comparisons: ["intake_discharge"], by: [], dataCut, filter: { quarter: q, instrument: "PHQ9" } }));
  const quarters = yearQuarters.map((quarter) => {
    const v = volumes.find((x) => x.quarter === quarter);
    return {
      quarter,
      admissions: count(v?.admissions ?? 0),
      discharges: count(v?.discharges ?? 0),
      completion: shareText(v?.completed ?? 0, v?.discharges ?? 0, threshold),
      "measured at intake and discharge": shareText(v?.measured ?? 0, v?.discharges ?? 0, threshold),
      "median length of stay": publishStatistic(v?.median_los_days ?? null, v?.discharges ?? 0, threshold) === null ? "\u2014" : `${fixed(v.median_los_days, 0)} days`
    };
  });
  const answered = volumes.filter((v) => yearQuarters.includes(v.quarter)).reduce((a, v) => a + v.recommend_answered, 0);
  const yes = volumes.filter((v) => yearQuarters.includes(v.quarter)).reduce((a, v) => a + v.recommend_yes, 0);
  const share = publishShare(yes, answered, threshold);
  const wilson = share === null ? null : wilsonInterval(yes, answered);
  const satisfaction = {
    "would recommend": shareText(yes, answered, threshold),
    "95% CI": wilson ? `${(100 * wilson[0]).toFixed(0)}\u2013${(100 * wilson[1]).toFixed(0)} %` : "\u2014",
    "discharges who answered": count(answered)
  };
  const dataQuality = (await dataQualityFindings(db, { dataCut })).map((f) => ({ finding: f.description, severity: f.severity, count: count(f.count) }));
  return {
    year,
    dataCut,
    threshold,
    instruments,
    coverage: { eligible: { "intake and discharge": count(eligible("intake")), "6 months": count(eligible("followup_6m")) }, rows: coverageRows },
    effectiveness,
    quarters,
    trend: quarterlyTrend({ quarters: trendQuarters, volumes, overall, threshold }),
    satisfaction,
    dataQuality
  };
}

// reports/accreditation/page.ts
var TJC = "The Joint Commission CTS.03.01.09 (Behavioral Health Care and Human Services)";
var CARF = "CARF Section 1.M Performance Measurement and Management";
var table = (rows, caption) => rows.length ? renderTable(Object.keys(rows[0]), rows.map((r) => Object.values(r)), caption) : `<p class="note empty">Nothing to show for this year.</p>`;
var figure = (svg, caption) => svg ? `<figure>${svg}<figcaption class="note">${escapeHtml(caption)}</figcaption></figure>` : `<p class="note empty">No chart: fewer than two quarters with a publishable figure.</p>`;
function renderAccreditationPage(model, charts) {
  const sections = [
    {
      id: "instruments",
      heading: "Standardized instruments in use and when they are given",
      evidence: `${TJC}, EP 1: the organization uses a standardized tool or instrument to monitor each individual's progress.`,
      html: `<p>Each instrument is given at every timepoint: ${escapeHtml(SCHEDULE.join("; "))}.</p>` + table(model.instruments, `Assessments dated in ${model.year}; median days from admission to the intake score (negative = before admission).`)
    },
    {
      id: "coverage",
      heading: "Share of episodes measured at each timepoint",
      evidence: `${TJC}, EP 2: the organization gathers the data generated by standardized monitoring for every individual served.`,
      html: `<p>Eligible episodes: ${escapeHtml(model.coverage.eligible["intake and discharge"])} discharged in ${model.year} (intake and discharge); ${escapeHtml(model.coverage.eligible["6 months"])} whose six-month follow-up fell due in ${model.year} and has closed.</p>` + table(model.coverage.rows, "Share measured (episodes measured).")
    },
    {
      id: "effectiveness",
      heading: "Aggregate results by level of care",
      evidence: `${TJC}, EP 3: outcomes of the population served are evaluated by aggregating and analysing the standardized data. ${CARF}: effectiveness.`,
      html: table(model.effectiveness, `Episodes discharged (or due for six-month follow-up) in ${model.year}. d = mean improvement / intake SD, positive = better; reliable improvement by the reliable change index (Jacobson & Truax 1991); published ranges of comparable programs from the instrument catalog.`)
    },
    {
      id: "trends",
      heading: `Quarter by quarter in ${model.year}`,
      evidence: `${TJC}, EP 4: aggregated results inform the program's goals and effectiveness. ${CARF}: effectiveness, efficiency and service access over time.`,
      html: table(model.quarters) + figure(charts.completion, "Completion rate per discharge quarter, 8 quarters to the end of the year (p-chart, dashed 3-sigma limits; a ringed point is a special-cause signal).")
    },
    {
      id: "satisfaction",
      heading: "Satisfaction",
      evidence: `${CARF}: satisfaction (experience of services received).`,
      html: table([model.satisfaction], `"Would you recommend this program?", discharges in ${model.year}; Wilson 95% interval.`)
    },
    {
      id: "data-quality",
      heading: "Data quality",
      evidence: `${TJC}, EP 2\u20133: the data analysed are complete and plausible. Findings over all loaded data.`,
      html: table(model.dataQuality, "From continuum check: conformance, completeness and plausibility findings with their counts.")
    },
    {
      id: "about",
      heading: "About these numbers",
      html: `<ul class="note">${[
        `Data cut ${model.dataCut}. Counts from 1 to ${model.threshold - 1} are shown as <${model.threshold}; no statistic rests on fewer than ${model.threshold} episodes; a share that would reveal such a count is shown only as a bound.`,
        "Standard wording: The Joint Commission, R3 Report issue 13 (2017), new outcome measures standard CTS.03.01.09; CARF International, Behavioral Health Standards Manual, Section 1.M."
      ].map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
    }
  ];
  return renderPage({ title: `Measurement-based care \u2014 evidence for ${model.year}`, subtitle: "For accreditation surveys (The Joint Commission, CARF)", provenance: [`data cut ${model.dataCut}`, `suppression threshold ${model.threshold}`, "generated by continuum"], sections });
}

// reports/accreditation/index.ts
var defaultYear = (dataCut) => Number(dataCut.slice(0, 4));
async function writeAccreditationReport(db, options) {
  const { out, year, dataCut, threshold, engine } = options;
  const folder = new ReportFolder(out, { pdf: options.pdf, note: options.note });
  const model = await accreditationModel(db, { year, dataCut, threshold });
  const points = model.trend.completion.points;
  const completion = points.length ? folder.writeChart("completion", controlChartSvg(points, { label: "completion rate (higher is better)", percent: true })) : null;
  await folder.writePage("accreditation.html", renderAccreditationPage(model, { completion }));
  folder.writeJson("data.json", { report: "accreditation", ...model });
  await folder.writeManifest(db, { report: "accreditation", engine, dataCut, parameters: { year, threshold } });
  return { dir: out, pages: ["accreditation.html"] };
}
export {
  defaultYear,
  writeAccreditationReport
};
