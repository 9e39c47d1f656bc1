import {
  ittAnalysis,
  retentionAnalysis
} from "./chunk-GE6B6QQ2.js";
import {
  quarterlyTrend,
  quarterlyVolumes
} from "./chunk-LF7QJTT6.js";
import {
  INSTRUMENTS,
  LEVELS_OF_CARE,
  effectSizeTable,
  instrumentShortName,
  previousQuarter,
  qt,
  quartersEnding
} from "./chunk-ZGI6E4IW.js";
import {
  renderPlotSvg
} from "./chunk-KWV6SDGK.js";
import {
  publishCount,
  publishShare,
  publishStatistic,
  shareText,
  weeklySurvival
} from "./chunk-C2NGQUBF.js";

// reports/charts/durability.ts
import * as Plot2 from "@observablehq/plot";

// reports/charts/end-labels.ts
function spreadLabels(ys, gap) {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => o.y);
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  const shift = (placed.reduce((a, b) => a + b, 0) - order.reduce((a, o) => a + o.y, 0)) / Math.max(1, placed.length);
  const out = new Array(ys.length);
  order.forEach((o, k) => {
    out[o.i] = placed[k] - shift;
  });
  return out;
}

// reports/charts/facets.ts
import * as Plot from "@observablehq/plot";
var facetTitles = (instruments) => Plot.text(instruments, { fy: (d) => d, text: (d) => d, frameAnchor: "top-left", textAnchor: "start", lineAnchor: "bottom", dx: -105, dy: -8, fontWeight: "bold" });
var FACET_GAP = 0.3;
var firstPanelNote = (instruments, note, options = {}) => Plot.text([instruments[0]], { fy: (d) => d, text: () => note, frameAnchor: "top-right", textAnchor: "end", lineAnchor: "bottom", dy: -8, ...options });

// reports/charts/durability.ts
var TIMEPOINT_TICKS = { intake: "intake", discharge: "discharge", followup_1m: "1 month after", followup_3m: "3 months after", followup_6m: "6 months after" };
function durabilitySvg(points, timepoints = ["intake", "discharge", "followup_6m"], { yLabel = "mean score" } = {}) {
  const instruments = [...new Set(points.map((p) => p.instrument))];
  const labels = [...new Set(points.map((p) => p.label))];
  return renderPlotSvg({
    width: 640,
    height: 80 + 170 * instruments.length,
    marginLeft: 110,
    marginRight: 70,
    marginTop: 44,
    x: { domain: timepoints, label: null, padding: 0.3, tickFormat: (t) => TIMEPOINT_TICKS[t] ?? t },
    y: { label: yLabel, grid: true },
    fy: { domain: instruments, axis: null, padding: FACET_GAP },
    color: { domain: labels, range: ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"] },
    marks: [
      facetTitles(instruments),
      Plot2.ruleX(points, { x: "timepoint", y1: "lower", y2: "upper", fy: "instrument", stroke: "label" }),
      Plot2.line(points, { x: "timepoint", y: "mean", fy: "instrument", stroke: "label", z: "label", strokeWidth: 1.5 }),
      Plot2.dot(points, { x: "timepoint", y: "mean", fy: "instrument", fill: "label", r: 3.5 }),
      Plot2.text(endLabels(points, instruments, timepoints.at(-1)), { x: "timepoint", y: "labelY", fy: "instrument", text: "label", fill: "label", dx: 8, textAnchor: "start" })
    ]
  });
}
function endLabels(points, instruments, last) {
  return instruments.flatMap((instrument) => {
    const panel = points.filter((p) => p.instrument === instrument);
    const ends = panel.filter((p) => p.timepoint === last);
    const span = Math.max(...panel.map((p) => p.upper)) - Math.min(...panel.map((p) => p.lower)) || 1;
    const ys = spreadLabels(
      ends.map((p) => p.mean),
      0.1 * span
    );
    return ends.map((p, i) => ({ ...p, labelY: ys[i] }));
  });
}

// reports/charts/forest-plot.ts
import * as Plot3 from "@observablehq/plot";
function forestPlotSvg(rows, bands, { metric = "d_z" } = {}) {
  const labels = [...new Set(rows.map((r) => r.label))];
  const instruments = [...new Set(rows.map((r) => r.instrument))];
  const shown = bands.filter((b) => instruments.includes(b.instrument));
  const ranges = shown.filter((b) => b.lower < b.upper);
  const points = shown.filter((b) => b.lower === b.upper);
  const extent = [0, ...rows.flatMap((r) => [r.lower, r.upper]), ...bands.flatMap((b) => [b.lower, b.upper])];
  const pad = 0.1 * (Math.max(...extent) - Math.min(...extent) || 1);
  return renderPlotSvg({
    width: 640,
    height: 60 + instruments.length * (24 + 22 * labels.length),
    marginLeft: Math.max(110, 12 + 6.5 * Math.max(...labels.map((l) => l.length))),
    marginRight: 150,
    marginTop: 30,
    x: { domain: [Math.min(...extent) - pad, Math.max(...extent) + pad], label: `${metric} (positive = improvement) \u2192`, grid: true },
    y: { domain: labels, label: null },
    fy: { domain: instruments, axis: null, padding: FACET_GAP },
    marks: [
      facetTitles(instruments),
      shown.length ? firstPanelNote(instruments, "shaded: range, blue tick: single value published for comparable programs", { fill: "#4a6a90" }) : null,
      // A published range is a shaded band; a single published value (no interval) a tick.
      Plot3.rectX(ranges.filter((b) => b.label === void 0), { x1: "lower", x2: "upper", fy: "instrument", fill: "#dbe6f3" }),
      Plot3.rectX(ranges.filter((b) => b.label !== void 0), { x1: "lower", x2: "upper", y: "label", fy: "instrument", fill: "#dbe6f3" }),
      Plot3.ruleX(points.filter((b) => b.label === void 0), { x: "lower", fy: "instrument", stroke: "#4a6a90", strokeWidth: 2 }),
      Plot3.tickX(points.filter((b) => b.label !== void 0), { x: "lower", y: "label", fy: "instrument", stroke: "#4a6a90", strokeWidth: 2 }),
      Plot3.ruleX([0], { stroke: "#555" }),
      Plot3.ruleY(rows, { y: "label", fy: "instrument", x1: "lower", x2: "upper", stroke: "#222", strokeWidth: 1.5 }),
      Plot3.dot(rows, { y: "label", fy: "instrument", x: "estimate", fill: "#222", r: 3.5 }),
      Plot3.text(rows, {
        y: "label",
        fy: "instrument",
        frameAnchor: "right",
        dx: 145,
        textAnchor: "end",
        text: (r) => `${r.estimate.toFixed(2)} [${r.lower.toFixed(2)}, ${r.upper.toFixed(2)}] n=${r.n}`
      })
    ]
  });
}

// reports/charts/pre-post.ts
import * as Plot4 from "@observablehq/plot";
function prePostSvg(rows, { preLabel = "intake", postLabel = "discharge", xLabel = "mean score (95% CI) \u2192" } = {}) {
  const labels = [...new Set(rows.map((r) => r.label))];
  const instruments = [...new Set(rows.map((r) => r.instrument))];
  return renderPlotSvg({
    width: 640,
    height: 60 + instruments.length * (24 + 24 * labels.length),
    marginLeft: 110,
    marginRight: 60,
    marginTop: 30,
    x: { label: xLabel, grid: true },
    y: { domain: labels, label: null },
    fy: { domain: instruments, axis: null, padding: FACET_GAP },
    marks: [
      facetTitles(instruments),
      firstPanelNote(instruments, `\u25CB ${preLabel}   \u25CF ${postLabel}`),
      Plot4.arrow(rows, { x1: "pre", x2: "post", y: "label", fy: "instrument", stroke: "#888", headLength: 6, inset: 5 }),
      Plot4.ruleY(rows, { x1: "preLower", x2: "preUpper", y: "label", fy: "instrument", dy: -4, stroke: "#555" }),
      Plot4.ruleY(rows, { x1: "postLower", x2: "postUpper", y: "label", fy: "instrument", dy: 4, stroke: "#222" }),
      Plot4.dot(rows, { x: "pre", y: "label", fy: "instrument", dy: -4, stroke: "#555", fill: "white", r: 4 }),
      Plot4.dot(rows, { x: "post", y: "label", fy: "instrument", dy: 4, fill: "#222", r: 4 }),
      Plot4.text(rows, { y: "label", fy: "instrument", frameAnchor: "right", dx: 55, textAnchor: "end", text: (r) => `n=${r.n}` })
    ]
  });
}

// reports/charts/retention-curves.ts
import * as Plot5 from "@observablehq/plot";
function retentionCurvesSvg(steps) {
  const labels = [...new Set(steps.map((s) => s.label))];
  const ends = labels.map((label) => steps.filter((s) => s.label === label).at(-1));
  const ys = spreadLabels(
    ends.map((s) => s.surv),
    0.045
  );
  const last = ends.map((s, i) => ({ ...s, labelY: ys[i] }));
  return renderPlotSvg({
    width: 640,
    height: 300,
    marginRight: 60,
    x: { label: "days since admission \u2192", grid: true },
    y: { domain: [0, 1], label: "\u2191 share still in treatment", tickFormat: "%", grid: true },
    color: { domain: labels, range: ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"] },
    marks: [
      Plot5.areaY(steps, { x: "day", y1: "lower", y2: "upper", fill: "label", fillOpacity: 0.12, curve: "step-after", z: "label" }),
      Plot5.line(steps, { x: "day", y: "surv", stroke: "label", z: "label", curve: "step-after", strokeWidth: 1.5 }),
      Plot5.text(last, { x: "day", y: "labelY", text: "label", fill: "label", dx: 6, textAnchor: "start" })
    ]
  });
}

// stats/mean-interval.ts
function meanInterval(mean, sd, n, level = 0.95) {
  if (n < 2 || !Number.isFinite(sd)) return null;
  const half = qt(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return [mean - half, mean + half];
}

// reports/quarterly/tiles.ts
var signed = (x, digits) => `${x > 0 ? "+" : x < 0 ? "\u2212" : "\xB1"}${Math.abs(x).toFixed(digits)}`;
function makeTile(base, current, prior) {
  const change = current.value === null || prior.value === null ? null : base.kind === "share" ? `${signed(100 * (current.value - prior.value), 1)} pts` : signed(current.value - prior.value, base.kind === "days" ? 1 : 0);
  return { ...base, value: current.text, basis: current.basis ?? null, previous: prior.text, change, current: current.value, prior: prior.value };
}
var DISCHARGE_FAMILY = ["discharges", "completion", "length_of_stay", "measurement"];
function tileCells(f, threshold) {
  const quarter = f.quarter;
  const small = (k) => k > 0 && k < threshold;
  const shareHidden = (events, total) => total > 0 && publishShare(events, total, threshold) === null;
  const v = f.volumes;
  const cell = (id, total, hidden) => ({ key: `${id}:${quarter}`, total, hidden });
  const reliable = (instrument) => f.reliable[instrument] ?? { n: 0, improved: 0 };
  return [
    cell("admissions", v?.admissions ?? 0, small(v?.admissions ?? 0)),
    cell("discharges", v?.discharges ?? 0, small(v?.discharges ?? 0)),
    cell("completion", v?.discharges ?? 0, shareHidden(v?.completed ?? 0, v?.discharges ?? 0)),
    cell("measurement", v?.discharges ?? 0, shareHidden(v?.measured ?? 0, v?.discharges ?? 0)),
    cell("phq9_improved", reliable("PHQ9").n, shareHidden(reliable("PHQ9").improved, reliable("PHQ9").n)),
    cell("gad7_improved", reliable("GAD7").n, shareHidden(reliable("GAD7").improved, reliable("GAD7").n)),
    cell("would_recommend", v?.recommend_answered ?? 0, shareHidden(v?.recommend_yes ?? 0, v?.recommend_answered ?? 0))
  ];
}
var tileHidden = (hide, id, quarter) => hide.has(`${id}:${quarter}`) || DISCHARGE_FAMILY.includes(id) && hide.has(`discharges:${quarter}`);
var HIDDEN = { value: null, text: "\u2014", basis: "not shown: it would reveal a small count at another site" };
function buildTiles(now, before, threshold, hide = /* @__PURE__ */ new Set()) {
  const count = (f, key) => publishCount(f.volumes?.[key] ?? 0, threshold);
  const basis = (total) => `n = ${publishCount(total, threshold).text}`;
  const share = (events, total) => {
    const value = publishShare(events, total, threshold);
    return { value, text: shareText(events, total, threshold), basis: basis(total) };
  };
  const volumeShare = (f, events) => share(f.volumes?.[events] ?? 0, f.volumes?.discharges ?? 0);
  const los = (f) => {
    const value = publishStatistic(f.volumes?.median_los_days ?? null, f.volumes?.discharges ?? 0, threshold);
    return { value, text: value === null ? "\u2014" : `${value.toFixed(0)} days`, basis: basis(f.volumes?.discharges ?? 0) };
  };
  const improved = (f, instrument) => share(f.reliable[instrument]?.improved ?? 0, f.reliable[instrument]?.n ?? 0);
  const recommend = (f) => share(f.volumes?.recommend_yes ?? 0, f.volumes?.recommend_answered ?? 0);
  const shown = (id, quarter, f) => tileHidden(hide, id, quarter) ? HIDDEN : hide.has(`basis:${id}:${quarter}`) ? { ...f, basis: "n not shown: it would reveal a small level of care" } : f;
  const tile = (base, current, prior) => makeTile(base, shown(base.id, now.quarter, current), shown(base.id, before.quarter, prior));
  return [
    tile({ id: "admissions", label: "Admissions", note: "episodes admitted this quarter", kind: "count", better: null }, count(now, "admissions"), count(before, "admissions")),
    tile({ id: "discharges", label: "Discharges", note: "episodes discharged this quarter", kind: "count", better: null }, count(now, "discharges"), count(before, "discharges")),
    tile({ id: "completion", label: "Completed treatment", note: "share of discharges that completed the program", kind: "share", better: "higher" }, volumeShare(now, "completed"), volumeShare(before, "completed")),
    tile({ id: "length_of_stay", label: "Median length of stay", note: "admission to discharge, discharges this quarter", kind: "days", better: null }, los(now), los(before)),
    tile({ id: "measurement", label: "Measured at intake and discharge", note: "share of discharges with both scores on one instrument", kind: "share", better: "higher" }, volumeShare(now, "measured"), volumeShare(before, "measured")),
    tile({ id: "phq9_improved", label: "Depression reliably improved", note: "PHQ-9, share of measured discharges (reliable change index)", kind: "share", better: "higher" }, improved(now, "PHQ9"), improved(before, "PHQ9")),
    tile({ id: "gad7_improved", label: "Anxiety reliably improved", note: "GAD-7, share of measured discharges (reliable change index)", kind: "share", better: "higher" }, improved(now, "GAD7"), improved(before, "GAD7")),
    tile({ id: "would_recommend", label: "Would recommend", note: "share of discharges who answered the question", kind: "share", better: "higher" }, recommend(now), recommend(before))
  ];
}

// reports/quarterly/what-changed.ts
var NOTABLE_SHARE_POINTS = 5;
var NOTABLE_RELATIVE_CHANGE = 0.1;
var SIGNAL_TEXT = {
  outside_limits: "is outside its control limits (special-cause variation, worth a look)",
  shift: "is part of a run of 8 or more quarters on one side of the centre line (a sustained shift)"
};
function tileSentence(t, previousQuarter2) {
  if (t.change === null || t.current === null || t.prior === null || t.current === t.prior) return null;
  const notable = t.kind === "share" ? Math.abs(t.current - t.prior) * 100 >= NOTABLE_SHARE_POINTS : t.prior > 0 && Math.abs(t.current - t.prior) / t.prior >= NOTABLE_RELATIVE_CHANGE;
  if (!notable) return null;
  const verb = t.current > t.prior ? "rose" : "fell";
  const judgement = t.better === null ? "" : t.better === "higher" === t.current > t.prior ? " \u2014 an improvement" : " \u2014 a deterioration";
  return `${t.label} ${verb} from ${t.previous} in ${previousQuarter2} to ${t.value} (${t.change})${judgement}.`;
}
function whatChanged({
  quarter,
  previousQuarter: previousQuarter2,
  tiles,
  charts,
  benchmarks
}) {
  const lines = tiles.map((t) => tileSentence(t, previousQuarter2)).filter((s) => s !== null);
  for (const { title, series } of charts) {
    const here = series.signals.find((s) => s.quarter === quarter);
    for (const signal of here?.signals ?? []) lines.push(`${title} in ${quarter} ${SIGNAL_TEXT[signal]}.`);
  }
  for (const b of benchmarks) {
    lines.push(
      `${b.instrument}, ${b.level_of_care}: the effect (d = ${b.estimate.toFixed(2)}) is ${b.verdict} ${b.lower === b.upper ? `the value published for comparable programs (${b.lower.toFixed(2)})` : `the range published for comparable programs (${b.lower.toFixed(2)}\u2013${b.upper.toFixed(2)})`}, its whole 95% CI outside it.`
    );
  }
  if (!lines.length) {
    lines.push(
      `No headline figure moved by ${NOTABLE_SHARE_POINTS} points (shares) or ${100 * NOTABLE_RELATIVE_CHANGE} % (counts, days) since ${previousQuarter2}, no control chart signals special-cause variation in ${quarter}, and every effect is within or overlaps its published range.`
    );
  }
  return lines;
}

// reports/quarterly/model.ts
var HEADLINE_INSTRUMENTS = ["PHQ9", "GAD7"];
var TREND_QUARTERS = 8;
function instrumentTitle(code) {
  const instrument = INSTRUMENTS[code];
  return instrument ? `${instrumentShortName(code)} \xB7 ${instrument.total.min}\u2013${instrument.total.max}, ${instrument.better} is better` : code;
}
function toPrePostRow(r) {
  const pre = meanInterval(r.pre_mean, r.pre_sd, r.n);
  const post = meanInterval(r.post_mean, r.post_sd, r.n);
  return { instrument: instrumentTitle(r.instrument), label: String(r.level_of_care), pre: r.pre_mean, preLower: pre[0], preUpper: pre[1], post: r.post_mean, postLower: post[0], postUpper: post[1], n: r.n };
}
var toForestRow = (r) => ({ instrument: instrumentShortName(r.instrument), label: String(r.level_of_care), estimate: r.d_pre, lower: r.d_pre_ci[0], upper: r.d_pre_ci[1], n: r.n });
var RETENTION_DAY = 30;
var byLevel = (a, b) => LEVELS_OF_CARE.indexOf(a.label) - LEVELS_OF_CARE.indexOf(b.label);
var fixed = (x, digits = 2) => x === null || x === void 0 ? "\u2014" : x.toFixed(digits);
function figures(volumes, overall, quarter) {
  const reliable = {};
  for (const row of overall.get(quarter) ?? []) {
    if (row.pct_reliable_improvement !== null) reliable[row.instrument] = { n: row.n, improved: Math.round(row.pct_reliable_improvement * row.n / 100) };
  }
  return { quarter, volumes: volumes.find((v) => v.quarter === quarter), reliable };
}
async function quarterlyModel(db, {
  quarter,
  dataCut,
  site = null,
  threshold,
  hide = /* @__PURE__ */ new Set()
}) {
  const where = site ? { site_id: site } : {};
  const before = previousQuarter(quarter);
  const quarters = quartersEnding(quarter, TREND_QUARTERS);
  const volumes = await quarterlyVolumes(db, { dataCut, where });
  const overall = /* @__PURE__ */ new Map();
  for (const q of quarters) overall.set(q, await effectSizeTable(db, { comparisons: ["intake_discharge"], by: [], dataCut, filter: { quarter: q, where } }));
  const label = (r) => String(r.level_of_care);
  const small = (n) => n > 0 && n < threshold;
  const allLevels = await effectSizeTable(db, { comparisons: ["intake_discharge"], by: ["level_of_care"], dataCut, filter: { quarter, where } });
  const pairsKey = (r) => `pairs:${r.instrument}:${label(r)}`;
  const basisHidden = /* @__PURE__ */ new Set();
  for (const [instrument, tile] of [["PHQ9", "phq9_improved"], ["GAD7", "gad7_improved"]]) {
    const rows = allLevels.filter((r) => r.instrument === instrument);
    if (rows.filter((r) => small(r.n) || hide.has(pairsKey(r))).length === 1) basisHidden.add(`basis:${tile}:${quarter}`);
  }
  const levels = allLevels.filter(
    (r) => publishStatistic(r, r.n, threshold) !== null && r.pre_mean !== null && !hide.has(pairsKey(r))
  );
  const prePost = levels.filter((r) => HEADLINE_INSTRUMENTS.includes(r.instrument)).map(toPrePostRow).sort(byLevel);
  const forestRows = levels.filter((r) => r.d_pre !== null && r.d_pre_ci !== null).map(toForestRow).sort(byLevel);
  const bands = levels.flatMap(
    (r) => r.benchmark && r.benchmark.metric === "d_pre" && r.d_pre_ci !== null ? [{ instrument: instrumentShortName(r.instrument), label: label(r), lower: r.benchmark.lower, upper: r.benchmark.upper, source: r.benchmark.source.split(".")[0] }] : []
  );
  const benchmarkFindings = levels.flatMap(
    (r) => HEADLINE_INSTRUMENTS.includes(r.instrument) && r.benchmark && r.benchmark.verdict !== "within" && r[r.benchmark.metric] !== null ? [{ instrument: instrumentShortName(r.instrument), level_of_care: label(r), verdict: r.benchmark.verdict, estimate: r[r.benchmark.metric], lower: r.benchmark.lower, upper: r.benchmark.upper }] : []
  );
  const range = (b) => b.lower === b.upper ? fixed(b.lower) : `${fixed(b.lower)}\u2013${fixed(b.upper)}`;
  const effects = [...levels].sort((a, b) => a.instrument.localeCompare(b.instrument) || byLevel({ label: label(a) }, { label: label(b) })).map((r) => ({
    instrument: instrumentShortName(r.instrument),
    level_of_care: label(r),
    n: publishCount(r.n, threshold).text,
    improvement: `${fixed(r.pre_mean, 1)} \u2192 ${fixed(r.post_mean, 1)}`,
    effect: r.d_pre_ci ? `${fixed(r.d_pre)} [${fixed(r.d_pre_ci[0])}, ${fixed(r.d_pre_ci[1])}]` : "\u2014",
    benchmark: r.benchmark ? `${r.benchmark.verdict} (published ${range(r.benchmark)})` : "none published"
  }));
  const durability = [];
  for (const instrument of HEADLINE_INSTRUMENTS) {
    const itt = await ittAnalysis(db, { instrument, dataCut, by: "level_of_care", where });
    if (!("means" in itt) || !itt.means) continue;
    for (const m of itt.means) {
      if (publishStatistic(m, m.n, threshold) === null) continue;
      durability.push({ instrument: instrumentTitle(instrument), label: String(m.level_of_care), timepoint: m.timepoint, mean: m.mean, lower: m.ci[0], upper: m.ci[1] });
    }
  }
  const km = await retentionAnalysis(db, { dataCut, by: "level_of_care", at: [RETENTION_DAY], where });
  const shown = km.groups.filter((g) => g.n >= threshold && !hide.has(`retention:${g.level_of_care}`)).sort((a, b) => byLevel({ label: String(a.level_of_care) }, { label: String(b.level_of_care) }));
  const steps = km.steps.filter((s) => shown.some((g) => g.level_of_care === s.level_of_care)).flatMap((s) => [{ label: String(s.level_of_care), day: 0, surv: 1, lower: 1, upper: 1 }, ...s.steps.map((p) => ({ label: String(s.level_of_care), day: p.time, surv: p.surv, lower: p.lower ?? p.surv, upper: p.upper ?? p.surv }))]);
  const tiles = buildTiles(figures(volumes, overall, quarter), figures(volumes, overall, before), threshold, /* @__PURE__ */ new Set([...hide, ...basisHidden]));
  const trend = quarterlyTrend({ quarters, volumes, overall, threshold, hidden: (q) => tileHidden(hide, "completion", q) });
  const cells = [
    ...quarters.flatMap((q) => tileCells(figures(volumes, overall, q), threshold)),
    ...allLevels.map((r) => ({ key: pairsKey(r), total: r.n, hidden: small(r.n) })),
    ...km.groups.map((g) => ({ key: `retention:${g.level_of_care}`, total: g.n, hidden: small(g.n) }))
  ];
  return {
    quarter,
    previousQuarter: before,
    dataCut,
    site,
    threshold,
    tiles,
    prePost,
    forest: { metric: "d_pre", rows: forestRows, bands },
    effects,
    durability,
    retention: {
      steps: weeklySurvival(steps),
      day: RETENTION_DAY,
      groups: shown.map((g) => ({
        level_of_care: String(g.level_of_care),
        n: publishCount(g.n, threshold).text,
        median: g.median === null ? "not reached" : `${g.median} days`,
        atDay: g.at[0]?.surv === null || g.at[0]?.surv === void 0 ? "not observed" : `${(100 * g.at[0].surv).toFixed(0)} %`
      }))
    },
    trend,
    whatChanged: whatChanged({
      quarter,
      previousQuarter: before,
      tiles,
      charts: [
        { title: "The completion rate", series: trend.completion },
        { title: "The mean PHQ-9 improvement", series: trend.improvement }
      ],
      benchmarks: benchmarkFindings
    }),
    cells
  };
}

export {
  durabilitySvg,
  forestPlotSvg,
  prePostSvg,
  retentionCurvesSvg,
  NOTABLE_SHARE_POINTS,
  NOTABLE_RELATIVE_CHANGE,
  HEADLINE_INSTRUMENTS,
  instrumentTitle,
  toPrePostRow,
  toForestRow,
  quarterlyModel
};
