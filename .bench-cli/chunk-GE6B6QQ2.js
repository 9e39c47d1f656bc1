import {
  DEFAULT_WINDOWS,
  benjaminiHochberg,
  comparisonPairs,
  effectSizeTable,
  groupOf,
  orderedWindows,
  pchisq,
  pt,
  qnorm,
  qt,
  selectGroupKeys,
  stagedEpisodes,
  timepointScores,
  wilsonInterval
} from "./chunk-ZGI6E4IW.js";

// stats/ancova.ts
import { Matrix, QrDecomposition, inverse } from "ml-matrix";
var levelsOf = (values) => [...new Set(values)].sort();
function ancova(input) {
  const { post, pre, group, reference, covariates = [] } = input;
  const n = post.length;
  const groups = levelsOf(group);
  if (!groups.includes(reference)) return { ok: false, reason: "reference_missing" };
  const others = groups.filter((g) => g !== reference);
  const columns = [
    { term: "(Intercept)", value: () => 1 },
    { term: "pre", value: (i) => pre[i] },
    ...others.map((g) => ({ term: `group${g}`, value: (i) => group[i] === g ? 1 : 0 }))
  ];
  for (const c of covariates) {
    if (c.values.every((v) => typeof v === "number")) columns.push({ term: c.name, value: (i) => c.values[i] });
    else {
      const [, ...rest] = levelsOf(c.values.map(String));
      for (const level of rest) columns.push({ term: `${c.name}${level}`, value: (i) => String(c.values[i]) === level ? 1 : 0 });
    }
  }
  const p = columns.length;
  if (n <= p) return { ok: false, reason: "too_few_observations" };
  const X = new Matrix(n, p);
  for (let i = 0; i < n; i++) columns.forEach((c, j) => X.set(i, j, c.value(i)));
  const y = Matrix.columnVector([...post]);
  const qr = new QrDecomposition(X);
  const diag = qr.upperTriangularMatrix.diag().map(Math.abs);
  if (Math.min(...diag) <= 1e-7 * Math.max(...diag)) return { ok: false, reason: "singular_design" };
  const beta = qr.solve(y);
  const residuals = y.sub(X.mmul(beta));
  const df = n - p;
  const sigma2 = residuals.transpose().mmul(residuals).get(0, 0) / df;
  const rInv = inverse(qr.upperTriangularMatrix);
  const xtxInv = rInv.mmul(rInv.transpose());
  const tCrit = qt(0.975, df);
  const coefficients = columns.map((c, j) => {
    const estimate = beta.get(j, 0);
    const se = Math.sqrt(sigma2 * xtxInv.get(j, j));
    const t = estimate / se;
    return { term: c.term, estimate, se, t, p: 2 * pt(-Math.abs(t), df) };
  });
  const differences = others.map((g) => {
    const c = coefficients.find((k) => k.term === `group${g}`);
    return { group: g, estimate: c.estimate, se: c.se, ci: [c.estimate - tCrit * c.se, c.estimate + tCrit * c.se], p: c.p };
  });
  return { ok: true, n, df, reference, coefficients, baselineSlope: coefficients[1], differences, sigma: Math.sqrt(sigma2) };
}

// stats/kaplan-meier.ts
function kaplanMeier(counts, level = 0.95) {
  const rows = [...counts].filter((c) => c.events + c.censored > 0).sort((a, b) => a.time - b.time);
  const n = rows.reduce((s, r) => s + r.events + r.censored, 0);
  const z = qnorm(1 - (1 - level) / 2);
  let atRisk = n;
  let surv = 1;
  let hazardVar = 0;
  const steps = [];
  for (const r of rows) {
    if (r.events > 0) {
      surv *= 1 - r.events / atRisk;
      hazardVar += atRisk > r.events ? r.events / (atRisk * (atRisk - r.events)) : Number.POSITIVE_INFINITY;
    }
    const se = Math.sqrt(hazardVar);
    const finite = surv > 0 && Number.isFinite(se);
    steps.push({
      time: r.time,
      nRisk: atRisk,
      events: r.events,
      surv,
      se: Number.isFinite(se) ? se : Number.NaN,
      lower: finite ? Math.exp(Math.log(surv) - z * se) : null,
      upper: finite ? Math.min(1, Math.exp(Math.log(surv) + z * se)) : null
    });
    atRisk -= r.events + r.censored;
  }
  return { n, events: rows.reduce((s, r) => s + r.events, 0), steps: steps.map((s) => ({ ...s, se: Number.isNaN(s.se) ? 0 : s.se })), median: medianOf(steps) };
}
function medianOf(steps) {
  const eps = 1e-10;
  const i = steps.findIndex((s) => s.surv <= 0.5 + eps);
  if (i < 0) return null;
  if (Math.abs(steps[i].surv - 0.5) > eps) return steps[i].time;
  const next = steps.slice(i + 1).find((s) => s.surv < 0.5 - eps);
  return next ? (steps[i].time + next.time) / 2 : steps[i].time;
}
function survivalAt(km, day) {
  const last = km.steps.at(-1);
  if (!last || day > last.time) return null;
  let current = { surv: 1, lower: 1, upper: 1 };
  for (const s of km.steps) {
    if (s.time > day) break;
    if (s.events > 0) current = { surv: s.surv, lower: s.lower, upper: s.upper };
  }
  return current;
}

// stats/log-rank.ts
import { Matrix as Matrix2, solve } from "ml-matrix";
function logRank(groups) {
  const k = groups.length;
  if (k < 2) return { ok: false, reason: "fewer_than_two_groups" };
  const times = [...new Set(groups.flatMap((g) => g.map((c) => c.time)))].sort((a, b) => a - b);
  const atRisk = groups.map((g) => g.reduce((s, c) => s + c.events + c.censored, 0));
  const byTime = groups.map((g) => new Map(g.map((c) => [c.time, c])));
  const observed = new Array(k).fill(0);
  const expected = new Array(k).fill(0);
  const v = Matrix2.zeros(k, k);
  for (const t of times) {
    const d = byTime.map((m) => m.get(t)?.events ?? 0);
    const total = atRisk.reduce((a, b) => a + b, 0);
    const deaths = d.reduce((a, b) => a + b, 0);
    if (deaths > 0 && total > 0) {
      for (let i = 0; i < k; i++) {
        observed[i] += d[i];
        expected[i] += deaths * atRisk[i] / total;
        if (total > 1) {
          const factor = deaths * (total - deaths) / (total * total * (total - 1));
          for (let j = 0; j < k; j++) v.set(i, j, v.get(i, j) + factor * atRisk[i] * ((i === j ? total : 0) - atRisk[j]));
        }
      }
    }
    for (let i = 0; i < k; i++) {
      const c = byTime[i].get(t);
      if (c) atRisk[i] -= c.events + c.censored;
    }
  }
  if (observed.every((o) => o === 0)) return { ok: false, reason: "no_events" };
  const diff = Matrix2.columnVector(observed.slice(0, k - 1).map((o, i) => o - expected[i]));
  const vk = v.subMatrix(0, k - 2, 0, k - 2);
  let chisq;
  try {
    chisq = diff.transpose().mmul(solve(vk, diff)).get(0, 0);
  } catch {
    return { ok: false, reason: "singular" };
  }
  if (!Number.isFinite(chisq)) return { ok: false, reason: "singular" };
  return { ok: true, chisq, df: k - 1, p: 1 - pchisq(chisq, k - 1), observed, expected };
}

// stats/mixed-model.ts
import { CholeskyDecomposition, Matrix as Matrix3, solve as solve2 } from "ml-matrix";
function designRow(t, g, nt, ng) {
  const row = [1];
  for (let k = 1; k < nt; k++) row.push(t === k ? 1 : 0);
  for (let k = 1; k < ng; k++) row.push(g === k ? 1 : 0);
  for (let j = 1; j < ng; j++) for (let k = 1; k < nt; k++) row.push(t === k && g === j ? 1 : 0);
  return row;
}
function fitRandomInterceptModel(rows, timepoints, groups) {
  const nt = timepoints.length;
  const ng = groups.length;
  const terms = [
    "(Intercept)",
    ...timepoints.slice(1).map((t) => `timepoint${t}`),
    ...groups.slice(1).map((g) => `group${g}`),
    ...groups.slice(1).flatMap((g) => timepoints.slice(1).map((t) => `timepoint${t}:group${g}`))
  ];
  const p = terms.length;
  const episodes = /* @__PURE__ */ new Map();
  for (const r of rows) {
    const t = timepoints.indexOf(r.timepoint);
    const g = groups.indexOf(r.group);
    if (t < 0 || g < 0) continue;
    const x = designRow(t, g, nt, ng);
    let e = episodes.get(r.episode);
    if (!e) episodes.set(r.episode, e = { xtx: Matrix3.zeros(p, p), s: new Array(p).fill(0), xty: new Array(p).fill(0), sy: 0, yy: 0, n: 0 });
    for (let a = 0; a < p; a++) {
      if (x[a] === 0) continue;
      e.s[a] += x[a];
      e.xty[a] += x[a] * r.score;
      for (let b = 0; b < p; b++) if (x[b] !== 0) e.xtx.set(a, b, e.xtx.get(a, b) + x[a] * x[b]);
    }
    e.sy += r.score;
    e.yy += r.score * r.score;
    e.n++;
  }
  const N = [...episodes.values()].reduce((s, e) => s + e.n, 0);
  if (N <= p + 1 || episodes.size < 2) return { ok: false, reason: "too_few_observations" };
  const at = (theta2) => {
    const A = Matrix3.zeros(p, p);
    const b = new Array(p).fill(0);
    let yWy = 0;
    let logDetV = 0;
    for (const e of episodes.values()) {
      const c = theta2 / (1 + e.n * theta2);
      for (let i = 0; i < p; i++) {
        b[i] += e.xty[i] - c * e.s[i] * e.sy;
        for (let j = 0; j < p; j++) A.set(i, j, A.get(i, j) + e.xtx.get(i, j) - c * e.s[i] * e.s[j]);
      }
      yWy += e.yy - c * e.sy * e.sy;
      logDetV += Math.log(1 + e.n * theta2);
    }
    const chol = new CholeskyDecomposition(A);
    if (!chol.isPositiveDefinite()) return null;
    const L = chol.lowerTriangularMatrix;
    let logDetA = 0;
    for (let i = 0; i < p; i++) logDetA += 2 * Math.log(L.get(i, i));
    const beta2 = chol.solve(Matrix3.columnVector(b));
    const rss = yWy - beta2.to1DArray().reduce((s, v, i) => s + v * b[i], 0);
    const sigma2 = rss / (N - p);
    return { A, beta: beta2, sigma2, criterion: (N - p) * Math.log(sigma2) + logDetV + logDetA };
  };
  const boundary = at(0);
  if (!boundary) return { ok: false, reason: "singular_design" };
  const f = (u) => at(Math.exp(u))?.criterion ?? Number.POSITIVE_INFINITY;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = -15;
  let hi = 10;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > 1e-10) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = f(x2);
    }
  }
  const interior = at(Math.exp((lo + hi) / 2));
  const useBoundary = boundary.criterion <= interior.criterion;
  const best = useBoundary ? boundary : interior;
  const theta = useBoundary ? 0 : Math.exp((lo + hi) / 2);
  const cov = solve2(best.A, Matrix3.eye(p)).mul(best.sigma2);
  const beta = best.beta.to1DArray();
  const z = qnorm(0.975);
  const means = groups.flatMap(
    (g, gi) => timepoints.map((t, ti) => {
      const l = designRow(ti, gi, nt, ng);
      const mean = l.reduce((s, v, i) => s + v * beta[i], 0);
      let variance = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) variance += l[i] * cov.get(i, j) * l[j];
      const se = Math.sqrt(variance);
      return { timepoint: t, group: g, mean, se, ci: [mean - z * se, mean + z * se] };
    })
  );
  return {
    ok: true,
    nEpisodes: episodes.size,
    nObservations: N,
    variance: { episode: theta * best.sigma2, residual: best.sigma2 },
    fixed: terms.map((term, i) => ({ term, estimate: beta[i], se: Math.sqrt(cov.get(i, i)) })),
    means
  };
}

// queries/marts/longitudinal-scores.ts
import { sql } from "kysely";
async function longitudinalScores(db, { instrument, dataCut, by, windows = DEFAULT_WINDOWS, where = {} }) {
  const last = orderedWindows(windows).at(-1);
  let query = db.selectFrom(timepointScores(db, windows).as("s")).innerJoin(stagedEpisodes(db).as("e"), "e.episode_id", "s.episode_id").where("s.instrument", "=", instrument).where("e.discharged_on", "is not", null).where(sql`e.discharged_on + ${last.offsetDays + last.after}::int <= ${dataCut}::date`).select(["s.episode_id", "s.timepoint", sql`${sql.ref(`e.${by}`)}`.as("group"), "s.total_score as score"]);
  for (const [key, value] of Object.entries(where)) query = query.where(sql.ref(`e.${key}`), "=", value);
  const rows = await query.orderBy("s.episode_id").orderBy("s.timepoint_order").execute();
  return rows.map((r) => ({ episode_id: r.episode_id, timepoint: r.timepoint, group: r.group, score: Number(r.score) }));
}

// queries/marts/retention-counts.ts
import { sql as sql2 } from "kysely";
async function retentionCounts(db, { dataCut, by, filter = {} }) {
  let episodes = db.selectFrom(stagedEpisodes(db).as("e")).where("e.admitted_on", "<=", dataCut).select([
    ...selectGroupKeys("e", by),
    sql2`coalesce(e.discharged_on, ${dataCut}::date) - e.admitted_on`.as("day"),
    "e.dropped_out"
  ]);
  if (filter.quarter) episodes = episodes.where("e.admission_quarter", "=", filter.quarter);
  for (const [key, value] of Object.entries(filter.where ?? {})) episodes = episodes.where(sql2.ref(`e.${key}`), "=", value);
  let query = db.selectFrom(episodes.as("t")).select([
    ...by.map((key) => sql2`${sql2.ref(`t.by_${key}`)}`.as(`by_${key}`)),
    "t.day",
    sql2`count(*) filter (where t.dropped_out)`.as("events"),
    sql2`count(*) filter (where not t.dropped_out)`.as("censored")
  ]).groupBy([...by.map((key) => sql2.ref(`t.by_${key}`)), "t.day"]);
  for (const key of by) query = query.orderBy(sql2`${sql2.ref(`t.by_${key}`)} nulls last`);
  const rows = await query.orderBy("t.day").execute();
  return rows.map((row) => {
    return {
      group: groupOf(row, by),
      day: Number(row.day),
      events: Number(row.events),
      censored: Number(row.censored)
    };
  });
}

// queries/marts/satisfaction-counts.ts
import { sql as sql3 } from "kysely";
async function satisfactionCounts(db, { by, filter = {} }) {
  let query = db.selectFrom(stagedEpisodes(db).as("e")).where("e.discharged_on", "is not", null).select([
    ...selectGroupKeys("e", by),
    sql3`count(*)`.as("discharged"),
    sql3`count(e.would_recommend)`.as("answered"),
    sql3`count(*) filter (where e.would_recommend = 'yes')`.as("yes")
  ]);
  if (by.length) query = query.groupBy(by.map((key) => sql3.ref(`e.${key}`)));
  if (filter.quarter) query = query.where("e.discharge_quarter", "=", filter.quarter);
  for (const [key, value] of Object.entries(filter.where ?? {})) query = query.where(sql3.ref(`e.${key}`), "=", value);
  for (const key of by) query = query.orderBy(sql3`${sql3.ref(`e.${key}`)} nulls last`);
  const rows = await query.execute();
  return rows.map((row) => {
    return {
      group: groupOf(row, by),
      discharged: Number(row.discharged),
      answered: Number(row.answered),
      yes: Number(row.yes)
    };
  });
}

// queries/analyses/other-analyses.ts
async function retentionAnalysis(db, { dataCut, by, at = [30, 60, 90], where }) {
  const counts = await retentionCounts(db, { dataCut, by: [by], filter: { where } });
  const labels = [...new Set(counts.map((c) => c.group[by] ?? null))];
  const perGroup = labels.map((label) => counts.filter((c) => (c.group[by] ?? null) === label).map((c) => ({ time: c.day, events: c.events, censored: c.censored })));
  const groups = labels.map((label, i) => {
    const km = kaplanMeier(perGroup[i]);
    return { [by]: label, n: km.n, events: km.events, median: km.median, at: at.map((day) => ({ day, ...survivalAt(km, day) ?? { surv: null, lower: null, upper: null } })), steps: km.steps };
  });
  const test = logRank(perGroup);
  return { groups: groups.map(({ steps: _steps, ...g }) => g), steps: groups.map((g) => ({ [by]: g[by], steps: g.steps })), logrank: test.ok ? { chisq: test.chisq, df: test.df, p: test.p } : null };
}
async function ittAnalysis(db, { instrument, dataCut, by, where }) {
  const rows = await longitudinalScores(db, { instrument, dataCut, by, where });
  const timepoints = orderedWindows(DEFAULT_WINDOWS).map((w) => w.timepoint);
  const groups = [...new Set(rows.map((r) => r.group).filter((g) => g !== null))].sort();
  const fit = fitRandomInterceptModel(
    rows.filter((r) => r.group !== null).map((r) => ({ episode: r.episode_id, timepoint: r.timepoint, group: r.group, score: r.score })),
    timepoints,
    groups
  );
  if (!fit.ok) return { error: fit.reason };
  const observed = /* @__PURE__ */ new Map();
  for (const r of rows) observed.set(`${r.timepoint}|${r.group}`, (observed.get(`${r.timepoint}|${r.group}`) ?? 0) + 1);
  return {
    n_episodes: fit.nEpisodes,
    n_observations: fit.nObservations,
    variance: fit.variance,
    fixed: fit.fixed,
    // n: episodes observed at that timepoint in that group (the model's mean uses them all).
    means: fit.means.map((m) => ({ timepoint: m.timepoint, [by]: m.group, n: observed.get(`${m.timepoint}|${m.group}`) ?? 0, mean: m.mean, se: m.se, ci: m.ci }))
  };
}
async function compareAnalysis(db, { instrument, comparison, dataCut, reference = "IOP" }) {
  const pairs = await db.selectFrom(comparisonPairs(db, { comparison, dataCut }).as("p")).select(["p.pre_score", "p.post_score", "p.level_of_care"]).where("p.instrument", "=", instrument).where("p.post_score", "is not", null).orderBy("p.episode_id").execute();
  const fit = ancova({ post: pairs.map((p) => Number(p.post_score)), pre: pairs.map((p) => Number(p.pre_score)), group: pairs.map((p) => p.level_of_care), reference });
  if (!fit.ok) return { n: pairs.length, reference, error: fit.reason };
  return {
    n: fit.n,
    reference,
    baseline_slope: { estimate: fit.baselineSlope.estimate, se: fit.baselineSlope.se },
    differences: fit.differences.map((d) => ({ level_of_care: d.group, estimate: d.estimate, se: d.se, ci: d.ci, p: d.p }))
  };
}
async function satisfactionAnalysis(db, { by }) {
  const rows = await satisfactionCounts(db, { by });
  return {
    groups: rows.map((r) => ({
      ...r.group,
      discharged: r.discharged,
      answered: r.answered,
      response_rate: r.discharged ? r.answered / r.discharged : null,
      would_recommend: r.answered ? r.yes / r.answered : null,
      ci: wilsonInterval(r.yes, r.answered)
    }))
  };
}
var SUBGROUP_KEYS = ["age_band", "gender", "race_ethnicity", "modality", "track", "payer"];
async function subgroupAnalysis(db, { instrument, comparison, dataCut, keys = SUBGROUP_KEYS }) {
  const rows = [];
  for (const key of keys) {
    for (const row of await effectSizeTable(db, { comparisons: [comparison], by: [key], dataCut, filter: { instrument } })) {
      rows.push({ subgroup: key, level: row[key] ?? null, n: row.n, d_z: row.d_z, d_z_ci: row.d_z_ci, p: row.p });
    }
  }
  const tested = rows.filter((r) => r.p !== null);
  const adjusted = benjaminiHochberg(tested.map((r) => r.p));
  return { instrument, comparison, rows: rows.map((r) => ({ ...r, p_adjusted: r.p === null ? null : adjusted[tested.indexOf(r)] })) };
}

export {
  retentionAnalysis,
  ittAnalysis,
  compareAnalysis,
  satisfactionAnalysis,
  subgroupAnalysis
};
