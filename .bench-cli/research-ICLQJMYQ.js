import {
  HEADLINE_INSTRUMENTS,
  durabilitySvg,
  forestPlotSvg,
  instrumentTitle,
  prePostSvg,
  retentionCurvesSvg,
  toForestRow,
  toPrePostRow
} from "./chunk-HFRHSDNM.js";
import {
  compareAnalysis,
  ittAnalysis,
  retentionAnalysis
} from "./chunk-GE6B6QQ2.js";
import "./chunk-LF7QJTT6.js";
import {
  AGE_BANDS,
  COMPARISONS,
  DEFAULT_WINDOWS,
  DISCHARGE_REASONS,
  INSTRUMENT_CODES,
  LEVELS_OF_CARE,
  MODALITIES,
  TRACKS,
  effectSizeTable,
  stagedEpisodes,
  timepointScores
} from "./chunk-ZGI6E4IW.js";
import {
  ReportFolder
} from "./chunk-KWV6SDGK.js";
import {
  publishCount,
  publishShare,
  weeklySurvival
} from "./chunk-C2NGQUBF.js";

// reports/charts/vega-lite.ts
import { compile } from "vega-lite";
import * as vega from "vega";
var SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
function forestPlotSpec(rows, metric = "d_z") {
  return {
    $schema: SCHEMA,
    description: `Effect sizes (${metric}, positive = improvement) with 95% CIs by group and instrument`,
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { row: { field: "instrument", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: { step: 22 },
      layer: [
        { mark: { type: "rule" }, encoding: { y: { field: "label", type: "nominal", title: null }, x: { field: "lower", type: "quantitative", title: metric }, x2: { field: "upper" } } },
        { mark: { type: "point", filled: true, color: "black" }, encoding: { y: { field: "label", type: "nominal" }, x: { field: "estimate", type: "quantitative" }, tooltip: [{ field: "n" }, { field: "estimate", format: ".2f" }] } }
      ]
    }
  };
}
function durabilitySpec(points) {
  return {
    $schema: SCHEMA,
    description: "Mean score at intake, discharge and six months with 95% CIs, by level of care",
    data: { values: points.map((p) => ({ ...p })) },
    facet: { row: { field: "instrument", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: 160,
      layer: [
        { mark: "line", encoding: { x: { field: "timepoint", type: "ordinal", sort: ["intake", "discharge", "followup_6m"] }, y: { field: "mean", type: "quantitative" }, color: { field: "label", type: "nominal", title: "level of care" } } },
        { mark: "rule", encoding: { x: { field: "timepoint", type: "ordinal", sort: ["intake", "discharge", "followup_6m"] }, y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color: { field: "label", type: "nominal" } } }
      ]
    }
  };
}
function prePostSpec(rows) {
  const values = rows.flatMap((r) => [
    { instrument: r.instrument, label: r.label, timepoint: "intake", mean: r.pre, lower: r.preLower, upper: r.preUpper, n: r.n },
    { instrument: r.instrument, label: r.label, timepoint: "discharge", mean: r.post, lower: r.postLower, upper: r.postUpper, n: r.n }
  ]);
  return {
    $schema: SCHEMA,
    description: "Mean score at intake and discharge (95% CI) by level of care; lower is better for symptom scales",
    data: { values },
    facet: { row: { field: "instrument", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: { step: 22 },
      layer: [
        { mark: "line", encoding: { y: { field: "label", type: "nominal", title: null }, x: { field: "mean", type: "quantitative", title: "mean score (95% CI)" }, detail: { field: "label" } } },
        { mark: "rule", encoding: { y: { field: "label", type: "nominal" }, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" }, color: { field: "timepoint", type: "nominal" } } },
        { mark: { type: "point", filled: true }, encoding: { y: { field: "label", type: "nominal" }, x: { field: "mean", type: "quantitative" }, color: { field: "timepoint", type: "nominal", sort: ["intake", "discharge"] }, tooltip: [{ field: "n" }, { field: "mean", format: ".1f" }] } }
      ]
    }
  };
}
function retentionSpec(steps) {
  return {
    $schema: SCHEMA,
    description: "Kaplan\u2013Meier share still in treatment by days since admission, by level of care (95% band, weekly grid)",
    data: { values: steps.map((s) => ({ ...s })) },
    width: 480,
    height: 260,
    layer: [
      { mark: { type: "area", opacity: 0.15, interpolate: "step-after" }, encoding: { x: { field: "day", type: "quantitative", title: "days since admission" }, y: { field: "lower", type: "quantitative", scale: { domain: [0, 1] }, axis: { format: "%" }, title: "share still in treatment" }, y2: { field: "upper" }, color: { field: "label", type: "nominal", title: "level of care" } } },
      { mark: { type: "line", interpolate: "step-after" }, encoding: { x: { field: "day", type: "quantitative" }, y: { field: "surv", type: "quantitative" }, color: { field: "label", type: "nominal" } } }
    ]
  };
}

// reports/csv.ts
var FORMULA_START = /^[=+\-@\t\r]/;
function csvField(value) {
  if (value === null || value === void 0) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function toCsv(columns, rows) {
  return [columns.map(csvField).join(","), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(","))].join("\n") + "\n";
}

// queries/marts/analysis-dataset.ts
async function analysisDataset(db, { dataCut, windows = DEFAULT_WINDOWS }) {
  return db.selectFrom(stagedEpisodes(db).as("e")).innerJoin(timepointScores(db, windows).as("s"), "s.episode_id", "e.episode_id").where("e.admitted_on", "<=", dataCut).where("s.assessed_on", "<=", dataCut).selectAll("e").select(["s.instrument", "s.timepoint", "s.assessed_on", "s.total_score"]).orderBy("e.site_id").orderBy("e.admitted_on").orderBy("e.episode_id").orderBy("s.instrument").orderBy("s.timepoint").execute();
}

// reports/research/dataset.ts
var RECODED = "other";
var CATEGORICAL = ["track", "modality", "age_band", "gender", "race_ethnicity", "payer"];
var days = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 864e5);
var keyMaker = (prefix, width) => {
  const keys = /* @__PURE__ */ new Map();
  return (id) => {
    if (!keys.has(id)) keys.set(id, `${prefix}${String(keys.size + 1).padStart(width, "0")}`);
    return keys.get(id);
  };
};
async function deidentifiedDataset(db, { dataCut, threshold }) {
  const raw = await analysisDataset(db, { dataCut });
  const episodeKey = keyMaker("R", 6);
  const patientKey = keyMaker("RP", 6);
  const sites = [...new Set(raw.map((r) => r.site_id))].sort();
  const siteCode = (id) => `SITE${String(sites.indexOf(id) + 1).padStart(2, "0")}`;
  const recoded = {};
  const keep = /* @__PURE__ */ new Map();
  for (const column of CATEGORICAL) {
    const episodes = /* @__PURE__ */ new Map();
    for (const r of raw) {
      const value = r[column];
      if (value !== null) episodes.set(value, (episodes.get(value) ?? /* @__PURE__ */ new Set()).add(r.episode_id));
    }
    const rare = [...episodes].filter(([, e]) => e.size < threshold).map(([v]) => v).sort();
    recoded[column] = rare;
    keep.set(column, new Set([...episodes.keys()].filter((v) => !rare.includes(v))));
  }
  const category = (column, value) => value === null ? null : keep.get(column).has(value) ? value : RECODED;
  const rows = raw.map((r) => ({
    episode_key: episodeKey(r.episode_id),
    patient_key: patientKey(r.patient_id),
    site_code: siteCode(r.site_id),
    level_of_care: r.level_of_care,
    track: category("track", r.track),
    modality: category("modality", r.modality),
    age_band: category("age_band", r.age_band),
    gender: category("gender", r.gender),
    race_ethnicity: category("race_ethnicity", r.race_ethnicity),
    payer: category("payer", r.payer),
    admission_year: Number(r.admitted_on.slice(0, 4)),
    discharge_day: r.discharged_on && r.discharged_on <= dataCut ? days(r.admitted_on, r.discharged_on) : null,
    discharge_reason: r.discharged_on && r.discharged_on <= dataCut ? r.discharge_reason : null,
    hours_per_week: r.hours_per_week === null ? null : Number(r.hours_per_week),
    sessions_attended: r.sessions_attended,
    instrument: r.instrument,
    timepoint: r.timepoint,
    assessment_day: days(r.admitted_on, r.assessed_on),
    total_score: Number(r.total_score)
  }));
  return { rows, recoded };
}

// reports/research/codebook.ts
var list = (values) => values.join(", ");
var DATASET = [
  ["episode_key", "string", "pseudonymous episode key (R000001 \u2026), stable for the same data; not derived from any source id"],
  ["patient_key", "string", "pseudonymous person key (RP000001 \u2026): episodes of one person (step-downs) share it"],
  ["site_code", "string", "pseudonymous site code (SITE01 \u2026)"],
  ["level_of_care", "string", `level of care: ${list(LEVELS_OF_CARE)}`],
  ["track", "string", `${list(TRACKS)} (mental health, substance use, co-occurring); "${RECODED}" = a category with fewer than the threshold of episodes`],
  ["modality", "string", `${list(MODALITIES)}; "${RECODED}" as above`],
  ["age_band", "string", `age band at admission: ${list(AGE_BANDS)}; "${RECODED}" as above`],
  ["gender", "string", `as exported by the site; "${RECODED}" as above`],
  ["race_ethnicity", "string", `as exported by the site; "${RECODED}" as above`],
  ["payer", "string", `as exported by the site; "${RECODED}" as above`],
  ["admission_year", "integer", "calendar year of admission (the only date kept)"],
  ["discharge_day", "integer", "days from admission to discharge (length of stay); empty while the episode is open at the data cut"],
  ["discharge_reason", "string", `${list(DISCHARGE_REASONS)}; empty while open`],
  ["hours_per_week", "number", "hours attended per week of the stay (a stay under a week counts as one week)"],
  ["sessions_attended", "integer", "sessions attended in the episode"],
  ["instrument", "string", `instrument code: ${list(INSTRUMENT_CODES)}`],
  ["timepoint", "string", `derived timepoint: ${DEFAULT_WINDOWS.map((w) => `${w.timepoint} (${w.anchor}${w.offsetDays ? ` + ${w.offsetDays}` : ""} days, \u2212${w.before}/+${w.after})`).join("; ")}; one score per episode \xD7 instrument \xD7 timepoint, the closest to the anchor`],
  ["assessment_day", "integer", "days from admission to the assessment (negative = before admission)"],
  ["total_score", "number", "total score of the instrument (items scored by the catalog's rules)"]
];
var STAT = {
  instrument: ["string", "instrument code"],
  comparison: ["string", "intake_discharge, intake_followup_6m or discharge_followup_6m"],
  level_of_care: ["string", "level of care"],
  reference: ["string", "reference level of the ANCOVA contrasts"],
  timepoint: ["string", "timepoint of the model mean"],
  n: ["string", "episodes (paired for effect sizes); `<11` when 1\u201310"],
  n_missing: ["string", "eligible episodes without the later score; `<11` when 1\u201310"],
  n_observed: ["string", "episodes with a score at that timepoint; `<11` when 1\u201310"],
  events: ["string", "episodes that left treatment early; `<11` when 1\u201310"],
  median_days: ["number", "median days in treatment (Kaplan\u2013Meier); empty when not reached"]
};
var STAT_PATTERNS = [
  [/^followup_rate$/, "number", "n / (n + n_missing); empty when n_missing is suppressed"],
  [/^(pre|post)_(mean|sd)$/, "number", "mean or SD of the earlier (pre) or later (post) score among the pairs"],
  [/^r$/, "number", "pre\u2013post correlation"],
  [/^mean_improvement$/, "number", "mean change in the direction of improvement (points)"],
  [/^(d_z|g_av|d_pre)(_lower|_upper)?$/, "number", "standardized change: d_z = mean change / SD of change; g_av = Hedges' g on the average SD; d_pre = change / intake SD (Becker 1988); _lower/_upper = 95% CI"],
  [/^(t|df|p|p_wilcoxon)$/, "number", "paired t test (t, df, p) and Wilcoxon signed-rank p"],
  [/^pct_/, "number", "percentage (0\u2013100) of the pairs: reliable improvement / deterioration (Jacobson & Truax), recovered, response, remission; empty when it would reveal a count of 1\u201310"],
  [/^benchmark_verdict$/, "string", "within / above / below the published range for comparable programs"],
  [/^(surv|lower|upper)_day_\d+$/, "number", "Kaplan\u2013Meier share still in treatment at that day, with 95% CI (Greenwood, log scale)"],
  [/^(mean|se|lower|upper)$/, "number", "model estimate, its standard error and 95% CI"],
  [/^adjusted_difference$/, "number", "ANCOVA difference from the reference level, adjusted for the intake score (points)"]
];
function codebook(files) {
  return files.flatMap(
    ({ file, columns }) => columns.map((column) => {
      const dataset = DATASET.find(([c]) => c === column && file.startsWith("data/"));
      if (dataset) return { file, column, type: dataset[1], meaning: dataset[2] };
      const stat = STAT[column] ?? STAT_PATTERNS.find(([re]) => re.test(column))?.slice(1);
      if (!stat) throw new Error(`codebook: no entry for ${file} column ${column}`);
      return { file, column, type: stat[0], meaning: stat[1] };
    })
  );
}
function codebookMarkdown(entries) {
  const files = [...new Set(entries.map((e) => e.file))];
  return `# Codebook

` + files.map((f) => `## ${f}

| column | type | meaning |
|---|---|---|
${entries.filter((e) => e.file === f).map((e) => `| ${e.column} | ${e.type} | ${e.meaning.replace(/\|/g, "\\|")} |`).join("\n")}
`).join("\n");
}

// reports/research/tables.ts
var RETENTION_DAYS = [30, 60, 90];
var r6 = (x) => x === null || x === void 0 || !Number.isFinite(x) ? null : Number(x.toPrecision(7));
function effectSizeRows(rows, threshold) {
  return rows.map((r) => {
    const shown = r.n >= threshold;
    const stat = (x) => shown ? r6(x) : null;
    const pct = (p) => shown && p !== null && publishShare(Math.round(p * r.n / 100), r.n, threshold) !== null ? r6(p) : null;
    const missing = publishCount(r.n_missing, threshold);
    return {
      instrument: r.instrument,
      comparison: r.comparison,
      level_of_care: String(r.level_of_care),
      n: publishCount(r.n, threshold).text,
      n_missing: missing.text,
      followup_rate: shown && !missing.suppressed ? r6(r.followup_rate) : null,
      pre_mean: stat(r.pre_mean),
      pre_sd: stat(r.pre_sd),
      post_mean: stat(r.post_mean),
      post_sd: stat(r.post_sd),
      r: stat(r.r),
      mean_improvement: stat(r.mean_improvement),
      d_z: stat(r.d_z),
      d_z_lower: stat(r.d_z_ci?.[0] ?? null),
      d_z_upper: stat(r.d_z_ci?.[1] ?? null),
      g_av: stat(r.g_av),
      d_pre: stat(r.d_pre),
      d_pre_lower: stat(r.d_pre_ci?.[0] ?? null),
      d_pre_upper: stat(r.d_pre_ci?.[1] ?? null),
      t: stat(r.t),
      df: stat(r.df),
      p: stat(r.p),
      p_wilcoxon: stat(r.p_wilcoxon),
      pct_reliable_improvement: pct(r.pct_reliable_improvement),
      pct_reliable_deterioration: pct(r.pct_reliable_deterioration),
      pct_recovered: pct(r.pct_recovered),
      pct_response: pct(r.pct_response),
      pct_remission: pct(r.pct_remission),
      benchmark_verdict: shown ? r.benchmark?.verdict ?? null : null
    };
  });
}
var table = (name, title, rows) => ({ name, title, columns: rows.length ? Object.keys(rows[0]) : [], rows });
async function researchTables(db, { dataCut, threshold }) {
  const effects = await effectSizeTable(db, { comparisons: Object.keys(COMPARISONS), by: ["level_of_care"], dataCut });
  const km = await retentionAnalysis(db, { dataCut, by: "level_of_care", at: RETENTION_DAYS });
  const retention = km.groups.map((g) => {
    const shown = g.n >= threshold;
    const at = Object.fromEntries(
      RETENTION_DAYS.flatMap((day, i) => [
        [`surv_day_${day}`, shown ? r6(g.at[i]?.surv) : null],
        [`lower_day_${day}`, shown ? r6(g.at[i]?.lower) : null],
        [`upper_day_${day}`, shown ? r6(g.at[i]?.upper) : null]
      ])
    );
    return { level_of_care: String(g.level_of_care), n: publishCount(g.n, threshold).text, events: publishCount(g.events, threshold).text, median_days: shown ? g.median : null, ...at };
  });
  const itt = [];
  const ancova = [];
  for (const instrument of INSTRUMENT_CODES) {
    if (!effects.some((e) => e.instrument === instrument)) continue;
    const fit = await ittAnalysis(db, { instrument, dataCut, by: "level_of_care" });
    if ("means" in fit && fit.means)
      for (const m of fit.means) {
        const shown = m.n >= threshold;
        itt.push({ instrument, level_of_care: String(m.level_of_care), timepoint: m.timepoint, n_observed: publishCount(m.n, threshold).text, mean: shown ? r6(m.mean) : null, se: shown ? r6(m.se) : null, lower: shown ? r6(m.ci[0]) : null, upper: shown ? r6(m.ci[1]) : null });
      }
    for (const comparison of ["intake_discharge", "intake_followup_6m"]) {
      const levelN = (level) => effects.find((e) => e.instrument === instrument && e.comparison === comparison && e.level_of_care === level)?.n ?? 0;
      const fit2 = await compareAnalysis(db, { instrument, comparison, dataCut, reference: "IOP" });
      if (!("differences" in fit2) || !fit2.differences || levelN("IOP") < threshold) continue;
      for (const d of fit2.differences) {
        const shown = levelN(d.level_of_care) >= threshold;
        ancova.push({ instrument, comparison, level_of_care: d.level_of_care, reference: "IOP", n: publishCount(levelN(d.level_of_care), threshold).text, adjusted_difference: shown ? r6(d.estimate) : null, se: shown ? r6(d.se) : null, lower: shown ? r6(d.ci[0]) : null, upper: shown ? r6(d.ci[1]) : null, p: shown ? r6(d.p) : null });
      }
    }
  }
  return {
    effects,
    tables: [
      table("effect-sizes", "Effect sizes by instrument, comparison and level of care (DESIGN.md's effect-size row)", effectSizeRows(effects, threshold)),
      table("retention", `Kaplan\u2013Meier retention by level of care: staying in treatment (not leaving early), S(t) at days ${RETENTION_DAYS.join(", ")}; log-rank in retention.json`, retention),
      table("itt-means", "Mixed-model (random intercept, REML) means per instrument, timepoint and level of care; n_observed = episodes with a score there", itt),
      table("ancova", "ANCOVA: discharge (or 6-month) score adjusted for the intake score, each level against IOP", ancova)
    ]
  };
}

// reports/research/index.ts
var README = `# Research export

- \`data/analysis-dataset.csv\` \u2014 one row per episode \xD7 instrument \xD7 timepoint, de-identified (pseudonymous keys, admission year and day offsets, rare categories recoded).
- \`tables/*.csv\`, \`tables/*.json\` \u2014 effect sizes, retention, mixed-model (ITT) means, ANCOVA; counts of 1\u201310 shown as \`<11\`, statistics on fewer than the threshold of episodes left empty.
- \`charts/*.svg\`, \`*.png\`, \`*.vl.json\` \u2014 each chart, and its Vega-Lite spec with the published data inline.
- \`codebook.md\`, \`codebook.json\` \u2014 every column of every CSV.
- \`manifest.json\` \u2014 inputs, code version, parameters and a hash of every file.
`;
async function writeResearchExport(db, options) {
  const { out, dataCut, threshold, engine } = options;
  const folder = new ReportFolder(out, { note: options.note });
  const dataset = await deidentifiedDataset(db, { dataCut, threshold });
  const datasetColumns = dataset.rows.length ? Object.keys(dataset.rows[0]) : [];
  folder.write("data/analysis-dataset.csv", toCsv(datasetColumns, dataset.rows));
  const { tables, effects } = await researchTables(db, { dataCut, threshold });
  for (const t of tables) {
    folder.write(`tables/${t.name}.csv`, toCsv(t.columns, t.rows));
    folder.writeJson(`tables/${t.name}.json`, { title: t.title, data_cut: dataCut, threshold, rows: t.rows });
  }
  const published = effects.filter((r) => r.comparison === "intake_discharge" && r.n >= threshold && r.pre_mean !== null);
  const prePost = published.filter((r) => HEADLINE_INSTRUMENTS.includes(r.instrument)).map(toPrePostRow);
  const forest = published.filter((r) => r.d_pre_ci !== null).map(toForestRow);
  const itt = tables.find((t) => t.name === "itt-means").rows.filter((r) => r.mean !== null && HEADLINE_INSTRUMENTS.includes(r.instrument));
  const durability = itt.map((r) => ({ instrument: instrumentTitle(String(r.instrument)), label: String(r.level_of_care), timepoint: String(r.timepoint), mean: Number(r.mean), lower: Number(r.lower), upper: Number(r.upper) }));
  const km = await retentionAnalysis(db, { dataCut, by: "level_of_care" });
  const shownGroups = km.groups.filter((g) => g.n >= threshold).map((g) => g.level_of_care);
  const steps = weeklySurvival(
    km.steps.filter((s) => shownGroups.includes(s.level_of_care)).flatMap((s) => [{ label: String(s.level_of_care), day: 0, surv: 1, lower: 1, upper: 1 }, ...s.steps.map((p) => ({ label: String(s.level_of_care), day: p.time, surv: p.surv, lower: p.lower ?? p.surv, upper: p.upper ?? p.surv }))])
  );
  if (prePost.length) folder.writeChart("pre-post", prePostSvg(prePost, { xLabel: "\u2190 fewer symptoms \xB7 mean score (95% CI)" }), prePostSpec(prePost));
  if (forest.length) folder.writeChart("effect-sizes", forestPlotSvg(forest, [], { metric: "d (change / intake SD)" }), forestPlotSpec(forest, "d_pre"));
  if (durability.length) folder.writeChart("durability", durabilitySvg(durability, void 0, { yLabel: "\u2193 mean score (95% CI), lower is better" }), durabilitySpec(durability));
  if (steps.length) folder.writeChart("retention", retentionCurvesSvg(steps), retentionSpec(steps));
  const entries = codebook([{ file: "data/analysis-dataset.csv", columns: datasetColumns }, ...tables.map((t) => ({ file: `tables/${t.name}.csv`, columns: t.columns }))]);
  folder.writeJson("codebook.json", { recoded_as_other: dataset.recoded, columns: entries });
  folder.write("codebook.md", codebookMarkdown(entries));
  folder.writeJson("tables/retention.json", { title: tables.find((t) => t.name === "retention").title, data_cut: dataCut, threshold, rows: tables.find((t) => t.name === "retention").rows, logrank: km.logrank });
  folder.write("README.md", README);
  await folder.writeManifest(db, { report: "research", engine, dataCut, parameters: { threshold } });
  return { dir: out, pages: ["README.md"] };
}
export {
  writeResearchExport
};
