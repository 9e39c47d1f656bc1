import {
  NOTABLE_RELATIVE_CHANGE,
  NOTABLE_SHARE_POINTS,
  durabilitySvg,
  forestPlotSvg,
  prePostSvg,
  quarterlyModel,
  retentionCurvesSvg
} from "./chunk-HFRHSDNM.js";
import "./chunk-GE6B6QQ2.js";
import {
  controlChartSvg
} from "./chunk-M734HKLV.js";
import "./chunk-LF7QJTT6.js";
import "./chunk-ZGI6E4IW.js";
import {
  escapeHtml,
  renderPage,
  renderTable
} from "./chunk-WCKVTG5S.js";
import {
  ReportFolder,
  fileSafe
} from "./chunk-KWV6SDGK.js";
import "./chunk-C2NGQUBF.js";

// reports/quarterly/across-sites.ts
function complementarySuppression(all, sites) {
  const extra = new Map([...sites.keys()].map((site) => [site, /* @__PURE__ */ new Set()]));
  for (const relation of all) {
    if (relation.hidden) continue;
    const cells = [...sites].map(([site, cs]) => ({ site, cell: cs.find((c) => c.key === relation.key) }));
    const hidden = cells.filter(({ cell }) => cell?.hidden);
    if (hidden.length !== 1) continue;
    const candidates = cells.filter(({ cell }) => cell && !cell.hidden && cell.total > 0).sort((a, b) => a.cell.total - b.cell.total || a.site.localeCompare(b.site));
    if (candidates.length) extra.get(candidates[0].site).add(relation.key);
  }
  return extra;
}

// reports/quarterly/page.ts
var p = (text, cls = "note") => `<p class="${cls}">${escapeHtml(text)}</p>`;
var figure = (svg, caption, empty) => svg ? `<figure>${svg}<figcaption class="note">${escapeHtml(caption)}</figcaption></figure>` : p(empty, "note empty");
function tileHtml(t, previousQuarter) {
  const change = t.change === null ? `${previousQuarter}: ${t.previous}` : `${t.change} vs ${previousQuarter} (${t.previous})`;
  const direction = t.change === null || t.better === null || t.current === t.prior ? "" : t.better === "higher" === t.current > t.prior ? " better" : " worse";
  return `<div class="tile" id="tile-${escapeHtml(t.id)}"><div class="label">${escapeHtml(t.label)}</div><div class="value">${escapeHtml(t.value)}</div><div class="change${direction}">${escapeHtml(change)}</div><div class="label">${escapeHtml(t.note)}${t.basis ? `; ${escapeHtml(t.basis)}` : ""}</div></div>`;
}
function trendHtml(series, svg, caption) {
  const omitted = series.omitted.length ? ` Not shown (fewer than the publication threshold, or no data): ${series.omitted.join(", ")}.` : "";
  return figure(svg, `${caption}${omitted}`, `No chart: ${series.missing ?? "no data"}.${omitted}`);
}
function renderQuarterlyPage(model, charts, { scope, provenance }) {
  const fewer = `Not shown: fewer than ${model.threshold} episodes in every group.`;
  const sections = [
    {
      id: "at-a-glance",
      heading: `At a glance \u2014 ${model.quarter}`,
      html: `<div class="tiles">${model.tiles.map((t) => tileHtml(t, model.previousQuarter)).join("")}</div>`
    },
    {
      id: "what-changed",
      heading: "What changed",
      html: `<ul class="changes">${model.whatChanged.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>` + p(`Listed: shares that moved \u2265 ${NOTABLE_SHARE_POINTS} points, counts and length of stay that moved \u2265 ${100 * NOTABLE_RELATIVE_CHANGE} %, control-chart signals in ${model.quarter}, effects whose 95% CI lies wholly outside the published range.`)
    },
    {
      id: "pre-post",
      heading: "Symptoms at intake and at discharge, by level of care",
      html: figure(
        charts.prePost,
        `Mean score at intake (\u25CB) and at discharge (\u25CF) with 95% confidence intervals, episodes discharged in ${model.quarter} with both scores; n = episodes. Lower scores mean fewer symptoms.`,
        fewer
      )
    },
    {
      id: "effects",
      heading: "How large is the improvement, against comparable programs?",
      html: figure(
        charts.forest,
        "Standardized change d (mean improvement divided by the intake SD) with 95% CI; 0 = no change, larger = more improvement. Shaded: the range published for comparable programs.",
        fewer
      ) + (model.effects.length ? renderTable(
        ["Instrument", "Level of care", "n", "Mean score intake \u2192 discharge", "d [95% CI]", "Against published range"],
        model.effects.map((e) => [e.instrument, e.level_of_care, e.n, e.improvement, e.effect, e.benchmark])
      ) : "")
    },
    {
      id: "durability",
      heading: "Does it last? Intake, discharge and six months",
      html: figure(
        charts.durability,
        "Model-based mean score (mixed model using every available score, so people without a six-month score still count) with 95% CI, by level of care; shown where at least the publication threshold of episodes was measured at that timepoint. Lower is better.",
        fewer
      )
    },
    {
      id: "retention",
      heading: "Staying in treatment",
      html: figure(charts.retention, "Share of episodes still in treatment (not having left early) by days since admission, Kaplan\u2013Meier estimate with 95% band.", fewer) + (model.retention.groups.length ? renderTable(
        ["Level of care", "Episodes", "Median days in treatment", `Still in treatment at day ${model.retention.day}`],
        model.retention.groups.map((g) => [g.level_of_care, g.n, g.median, g.atDay])
      ) : "")
    },
    {
      id: "trend",
      heading: "The last eight quarters, against the program's own variation",
      html: trendHtml(model.trend.completion, charts.completion, "Completion rate per discharge quarter (p-chart): dashed lines are 3-sigma control limits; a ringed point is a special-cause signal (outside the limits, or 8 quarters in a row on one side of the centre).") + trendHtml(model.trend.improvement, charts.improvement, "Mean PHQ-9 improvement (intake \u2212 discharge, points) per discharge quarter (XmR chart); higher is better. Limits and signals as above.")
    },
    {
      id: "about",
      heading: "About these numbers",
      html: `<ul class="note">` + [
        `Data cut ${model.dataCut}. Outcomes are for episodes discharged in ${model.quarter}; admissions count by admission date.`,
        `Counts from 1 to ${model.threshold - 1} are shown as <${model.threshold}; no statistic on fewer than ${model.threshold} episodes is shown, and a share is hidden when it would reveal such a count.`,
        "Reliable improvement: a drop larger than the instrument's reliable change index (Jacobson & Truax 1991). Measured: an intake and a discharge score on the same instrument.",
        "d: mean improvement over the intake standard deviation (Becker 1988), the metric of the published ranges.",
        "Control limits: p-chart (Montgomery) and XmR (Wheeler) with Provost & Murray's special-cause rules."
      ].map((line) => `<li>${escapeHtml(line)}</li>`).join("") + `</ul>`
    }
  ];
  const page = { title: `Quarterly outcomes \u2014 ${scope}`, subtitle: `${model.quarter} (compared with ${model.previousQuarter})`, provenance, sections };
  return renderPage(page);
}

// reports/quarterly/index.ts
function writeCharts(folder, model, prefix) {
  const chart = (name, draw, has) => has ? folder.writeChart(`${prefix}${name}`, draw()) : null;
  return {
    prePost: chart("pre-post", () => prePostSvg(model.prePost, { xLabel: "\u2190 fewer symptoms \xB7 mean score (95% CI)" }), model.prePost.length > 0),
    forest: chart("effect-sizes", () => forestPlotSvg(model.forest.rows, model.forest.bands, { metric: "d (change / intake SD)" }), model.forest.rows.length > 0),
    durability: chart("durability", () => durabilitySvg(model.durability, void 0, { yLabel: "\u2193 mean score (95% CI), lower is better" }), model.durability.length > 0),
    retention: chart("retention", () => retentionCurvesSvg(model.retention.steps), model.retention.steps.length > 0),
    completion: chart("trend-completion", () => controlChartSvg(model.trend.completion.points, { label: "completion rate (higher is better)", percent: true }), model.trend.completion.points.length > 0),
    improvement: chart(
      "trend-phq9-improvement",
      () => controlChartSvg(model.trend.improvement.points, { label: "mean PHQ-9 improvement, points (higher is better)" }),
      model.trend.improvement.points.length > 0
    )
  };
}
async function writeQuarterlyReport(db, options) {
  const { out, quarter, dataCut, threshold, engine } = options;
  const folder = new ReportFolder(out, { pdf: options.pdf, note: options.note });
  const provenance = [`data cut ${dataCut}`, `suppression threshold ${threshold}`, "generated by continuum"];
  const sites = (await db.selectFrom("sites").select("site_id").orderBy("site_id").execute()).map((s) => s.site_id);
  const scopes = [{ site: null, page: "quarterly.html", prefix: "", title: sites.length > 1 ? `all ${sites.length} sites` : "all sites" }];
  if (sites.length > 1) for (const site of sites) scopes.push({ site, page: `quarterly-site-${fileSafe(site)}.html`, prefix: `site-${fileSafe(site)}-`, title: `site ${site}` });
  const models = [];
  for (const scope of scopes) models.push(await quarterlyModel(db, { quarter, dataCut, site: scope.site, threshold }));
  const hide = complementarySuppression(models[0].cells, new Map(scopes.slice(1).map((s, i) => [s.site, models[i + 1].cells])));
  for (const [i, scope] of scopes.entries()) {
    const extra = scope.site ? hide.get(scope.site) : void 0;
    if (extra?.size) models[i] = await quarterlyModel(db, { quarter, dataCut, site: scope.site, threshold, hide: extra });
  }
  for (const [i, scope] of scopes.entries()) {
    const model = models[i];
    const charts = writeCharts(folder, model, scope.prefix);
    const links = scopes.length > 1 ? [`pages: ${scopes.map((s) => s.page).join(", ")}`] : [];
    await folder.writePage(scope.page, renderQuarterlyPage(model, charts, { scope: scope.title, provenance: [...provenance, ...links] }));
  }
  folder.writeJson("data.json", { report: "quarterly", quarter, data_cut: dataCut, threshold, scopes: models.map(({ cells: _cells, ...published }) => published) });
  await folder.writeManifest(db, { report: "quarterly", engine, dataCut, parameters: { quarter, threshold, sites } });
  return { dir: out, pages: scopes.map((s) => s.page) };
}
export {
  writeQuarterlyReport
};
